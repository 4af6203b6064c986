"""Issue 18, the processing log (Logboek Dataverwerkingen): every read of a person in the
permission-matrix world — the staff pages, the admin, Loket's API and the Klantinteracties API —
writes audit entries that each name a processing activity of the register, a data subject and
the request's trace id (the one in the response's traceparent, or the caller's own)."""

from __future__ import annotations

import pytest
from django.db.models import Max

from loket.core.models import AuditEntry, Verwerkingsactiviteit
from loket.core.tracing import parse_traceparent
from tests.security.conftest import DOEL, api_token
from tests.security.test_audit_reads import READS, Read, audited_world  # noqa: F401

pytestmark = pytest.mark.django_db

KI = "/klantinteracties/api/v1/"
INCOMING = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def _ki(url_of):
    def call(w):
        client = api_token(w.tokens["alle"])
        return client.get(url_of(w), headers={"X-Loket-Doel": DOEL, "traceparent": INCOMING})

    return call


WALK = [
    *READS,
    Read("ki partij", _ki(lambda w: f"{KI}partijen/{w.eigen.persoon.uuid}")),
    Read("ki partijen", _ki(lambda w: f"{KI}partijen")),
    Read("ki klantcontacten", _ki(lambda w: f"{KI}klantcontacten")),
    Read(
        "ki klantcontact", _ki(lambda w: f"{KI}klantcontacten/{w.eigen.verzoek.klantcontact.uuid}")
    ),
    Read("ki interne taak", _ki(lambda w: f"{KI}internetaken/{w.eigen.verzoek.uuid}")),
]
# The reads the issue names explicitly; a regression in one of them must not hide in the list.
NAMED = {"klantbeeld", "api klantcontacten", "api klantcontact", "ki partij"}


def test_the_walk_covers_the_named_reads():
    assert {read.name for read in WALK} >= NAMED


@pytest.mark.parametrize("read", WALK, ids=[read.name for read in WALK])
def test_every_read_of_a_person_names_activity_subject_and_trace(audited_world, read):  # noqa: F811
    before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    response = read.call(audited_world)
    assert response.status_code == 200, response.content[:500]
    trace_id, _span = parse_traceparent(response["traceparent"])
    entries = list(AuditEntry.objects.filter(pk__gt=before))
    assert entries, f"{read.name}: no audit entry"
    register = set(Verwerkingsactiviteit.objects.values_list("code", flat=True))
    for entry in entries:
        where = f"{read.name}: {entry.object_type} {entry.object_id} ({entry.purpose})"
        assert entry.activity_id in register, where
        assert entry.data_subject_type in ("BSN", "KVK", "partij-uuid"), where
        assert entry.data_subject_id, where
        assert entry.trace_id == trace_id, where
        assert len(entry.span_id) == 16, where
    # The world's person of this team is among the subjects, by BSN.
    assert ("BSN", "999993653") in {(e.data_subject_type, e.data_subject_id) for e in entries}


def test_the_klantinteracties_api_continues_the_callers_trace(audited_world):  # noqa: F811
    before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    response = _ki(lambda w: f"{KI}partijen/{w.eigen.persoon.uuid}")(audited_world)
    assert response.status_code == 200
    assert response["traceparent"].startswith("00-0af7651916cd43dd8448eb211c80319c-")
    entry = AuditEntry.objects.filter(pk__gt=before).get()
    assert entry.trace_id == "0af7651916cd43dd8448eb211c80319c"
    assert entry.activity_id == "koppeling-api"  # another system's call
    assert (entry.data_subject_type, entry.data_subject_id) == ("BSN", "999993653")
