import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from loket.accounts.services import team_create
from loket.cases.selectors import zaak_list_for_party, zaak_list_for_team
from loket.cases.services import zaak_create, zaak_set_status
from loket.core.audit import audit_entry_list
from loket.core.errors import DomainError
from loket.core.models import AuditEntry
from loket.parties.tests.factories import PersoonFactory


@pytest.mark.django_db
def test_zaak_list_for_party_gives_their_zaken_and_records_the_read(zaaktype, partij, make_user):
    old = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=dt.date(2025, 3, 3))
    new = zaak_create(zaaktype=zaaktype, initiator=partij, startdatum=dt.date(2025, 6, 2))
    zaak_create(
        zaaktype=zaaktype, initiator=PersoonFactory(bsn="999990019", geslachtsnaam="Visser")
    )
    user = make_user("backoffice-medewerker")

    zaken = list(zaak_list_for_party(partij=partij, user=user, purpose="Vraag over status"))

    assert zaken == [new, old]
    entries = list(audit_entry_list(object_type="parties.partij", object_id=str(partij.pk)))
    assert [(e.user, e.purpose, e.detail) for e in entries] == [
        (user, "Vraag over status", {"gegevens": "zaken"})
    ]


@pytest.mark.django_db
def test_zaak_list_for_party_needs_the_permission_and_a_purpose(partij, make_user):
    with pytest.raises(PermissionDenied):
        zaak_list_for_party(partij=partij, user=make_user("beheerder"), purpose="Controle")
    with pytest.raises(DomainError):
        zaak_list_for_party(partij=partij, user=make_user("kcc-medewerker"), purpose="")
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_zaak_list_for_team_gives_open_zaken_most_urgent_first(zaaktype, team):
    later = zaak_create(zaaktype=zaaktype, startdatum=dt.date(2025, 6, 2))
    sooner = zaak_create(zaaktype=zaaktype, startdatum=dt.date(2025, 5, 1))
    closed = zaak_create(zaaktype=zaaktype, startdatum=dt.date(2025, 4, 1))
    zaak_set_status(zaak=closed, statustype=zaaktype.statustypen.get(volgnummer=3))
    other_team = team_create(name="Belastingen", slug="belastingen")
    zaak_create(zaaktype=zaaktype, team=other_team)

    assert list(zaak_list_for_team(team=team)) == [sooner, later]
    assert list(zaak_list_for_team(team=team, open_only=False)) == [closed, sooner, later]
