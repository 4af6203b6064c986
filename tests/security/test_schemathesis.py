"""The API against its own live OpenAPI schema, fuzzed by Schemathesis (issue 14, "keep it
fixed"): for every operation, generated requests with a token holding every scope and one holding
none give no server error, only documented status codes, the documented content type and bodies
that match the schema. Bounded (a fixed number of examples per operation, derandomised, so CI
is reproducible); it runs on SQLite and PostgreSQL, where NUL bytes in strings used to be 500s."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from loket.catalogue.tests.factories import ProductFactory
from loket.messaging.services import bericht_queue

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_app():
    # The WSGI handler closes "old" connections at the end of a request, which would close the
    # test's own connection; the test client disconnects these signals the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _fuzz(operation, label: str, key: str, failures: dict[str, str]) -> None:
    headers = {"Authorization": f"Token {key}", "X-Loket-Doel": "Conformiteitstest"}

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=operation.as_strategy())
    def run(case):
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except BaseException as exc:  # schemathesis raises a FailureGroup
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.setdefault(f"{operation.label} [{label}]", str(exc)[:2000])

    run()


def test_every_operation_conforms_to_the_schema_and_never_fails(world, wsgi_app):
    ProductFactory(upl_naam="paspoort")
    bericht_queue(
        sleutel="schemathesis:1",
        onderwerp="Uw paspoort verloopt",
        tekst="Tekst",
        partij=world.eigen.persoon,
        kanaal="email",
        adres="eigen@example.nl",
    )
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_app)
    failures: dict[str, str] = {}
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for label in ("alle", "geen"):
            _fuzz(operation, label, world.tokens[label], failures)
    assert operations >= 15
    assert not failures, "\n\n".join(f"{key}:\n{text}" for key, text in failures.items())
