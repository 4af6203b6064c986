from pathlib import Path

import pytest
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.yaml"


@pytest.mark.django_db
def test_committed_openapi_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == COMMITTED.read_text(), (
        "Het API-schema is veranderd: draai 'loket spectacular --file docs/api/openapi.yaml'."
    )


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/partijen/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    # The docs page loads Swagger UI from our own static files, not a CDN.
    assert b"cdn.jsdelivr" not in docs.content
