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
