import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from loket.contacts.selectors import contact_list_for_party, contactreden_tree
from loket.contacts.services import contactreden_deactivate
from loket.contacts.tests.factories import KlantcontactFactory
from loket.core.audit import audit_entry_list
from loket.core.errors import DomainError
from loket.core.models import AuditEntry
from loket.parties.tests.factories import PersoonFactory


def register(kanaal, reden, partij, **kwargs):
    return KlantcontactFactory(
        kanaal=kanaal, partij=partij, contactreden=reden, vraagtekst="Vraag", **kwargs
    )


@pytest.mark.django_db
def test_contact_list_for_party_gives_the_history_and_records_the_read(
    telefoon, redenen, partij, make_user
):
    older = register(
        telefoon, redenen["afval"], partij, plaatsgevonden_op=timezone.now() - dt.timedelta(days=2)
    )
    newer = register(telefoon, redenen["paspoort"], partij)
    register(telefoon, redenen["afval"], PersoonFactory(bsn="999990019", geslachtsnaam="Visser"))
    user = make_user("kcc-medewerker")

    contacts = list(contact_list_for_party(partij=partij, user=user, purpose="Klant aan de lijn"))

    assert contacts == [newer, older]
    assert contacts[0].vragen.all()[0].contactreden == redenen["paspoort"]
    entries = list(audit_entry_list(object_type="parties.partij", object_id=str(partij.pk)))
    assert len(entries) == 1
    assert entries[0].user == user
    assert entries[0].purpose == "Klant aan de lijn"
    assert entries[0].detail == {"gegevens": "klantcontacten"}


@pytest.mark.django_db
def test_contact_list_for_party_needs_the_permission_and_a_purpose(partij, make_user):
    with pytest.raises(PermissionDenied):
        contact_list_for_party(partij=partij, user=make_user("redacteur"), purpose="Nieuwsgierig")
    with pytest.raises(DomainError) as excinfo:
        contact_list_for_party(partij=partij, user=make_user("kcc-medewerker"), purpose=" ")
    assert excinfo.value.field == "doel"
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_contactreden_tree_lists_active_reasons_in_two_levels(redenen):
    contactreden_deactivate(contactreden=redenen["id"])
    tree = contactreden_tree()
    assert [r.naam for r in tree] == ["Reisdocumenten", "Afval"]
    assert [s.naam for s in tree[0].subredenen.all()] == ["Paspoort aanvragen"]
    assert list(tree[1].subredenen.all()) == []
    full = contactreden_tree(include_inactive=True)
    assert [s.naam for s in full[0].subredenen.all()] == ["Paspoort aanvragen", "ID-kaart verloren"]
