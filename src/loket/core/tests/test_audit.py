import pytest

from loket.core.audit import audit_entry_list, audit_record
from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry


@pytest.mark.django_db
def test_audit_record_stores_who_what_and_why(make_user):
    user = make_user("kcc-medewerker")
    entry = audit_record(
        user=user,
        action=AuditAction.READ,
        obj=user,
        purpose="Klantcontact 123: vraag over paspoort",
    )
    assert entry.actor_label == user.username
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(user.pk)
    assert list(audit_entry_list(object_id=str(user.pk))) == [entry]


@pytest.mark.django_db
def test_a_read_without_purpose_is_refused_and_nothing_is_written(make_user):
    user = make_user("kcc-medewerker")
    with pytest.raises(DomainError) as excinfo:
        audit_record(user=user, action=AuditAction.READ, obj=user, purpose="  ")
    assert excinfo.value.field == "doel"
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_audit_log_page_is_for_beheerders_only(client, make_user):
    kcc = make_user("kcc-medewerker")
    client.force_login(kcc)
    assert client.get("/beheer/auditlog/").status_code == 403
    beheerder = make_user("beheerder")
    audit_record(user=kcc, action=AuditAction.READ, obj=kcc, purpose="Controle")
    client.force_login(beheerder)
    response = client.get("/beheer/auditlog/")
    assert response.status_code == 200
    assert "Controle" in response.content.decode()


def _read(user, gegevens: str):
    return audit_record(
        user=user,
        action=AuditAction.READ,
        obj=user,
        purpose="Klantbeeld bij klantcontact KC-1",
        detail={"gegevens": gegevens},
    )


@pytest.mark.django_db
def test_reads_of_one_person_in_a_request_are_one_entry_written_twice_at_most(make_user):
    """The klantbeeld reads a person through seven selectors: one INSERT, and what the later
    reads add is written once when the request ends (it was a SELECT and an UPDATE each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from loket.core.audit import audit_request_scope

    user = make_user("kcc-medewerker")
    with CaptureQueriesContext(connection) as queries, audit_request_scope():
        for gegevens in ("klantcontacten", "zaken", "meldingen", "berichten", "zaken"):
            _read(user, gegevens)
    entry = AuditEntry.objects.get()
    assert entry.detail["gegevens"] == ["klantcontacten", "zaken", "meldingen", "berichten"]
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 2


@pytest.mark.django_db
def test_a_repeated_read_after_the_first_was_rolled_back_is_still_recorded(make_user):
    from django.db import transaction

    from loket.core.audit import audit_request_scope

    user = make_user("kcc-medewerker")
    with audit_request_scope():
        with pytest.raises(RuntimeError), transaction.atomic():
            _read(user, "klantcontacten")
            raise RuntimeError("the service failed")
        assert not AuditEntry.objects.exists()
        _read(user, "zaken")
    entry = AuditEntry.objects.get()
    assert "zaken" in entry.detail["gegevens"]
