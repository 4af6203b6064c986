"""A confidential note on a zaak (issue 19, contacts.vertrouwelijk): written with the team that
may read it; a member of the zaak's team outside that team sees that the note exists and whom to
ask, not its text, and neither does the zaak's history; a member of the named team reads it, and
the read is audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.accounts.services import team_add_member, team_create
from loket.cases.models import ZaakNotitie
from loket.cases.services import zaak_create, zaaktype_create
from loket.core.models import AuditEntry
from loket.parties.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

GEHEIM = "Betalingsachterstand bij de woningcorporatie, schuldhulp loopt"


@pytest.fixture
def teams(db):
    return (
        team_create(name="Werk en inkomen", slug="werk-en-inkomen"),
        team_create(name="Sociaal domein", slug="sociaal-domein"),
    )


@pytest.fixture
def zaak(teams):
    zaaktype = zaaktype_create(
        identificatie="bijstand",
        omschrijving="Bijstandsaanvraag",
        doorlooptijd_werkdagen=40,
        servicenorm_werkdagen=20,
        statustypen=[("Ontvangen", False, ""), ("Afgehandeld", False, "")],
        team=teams[0],
        opschorting_mogelijk=False,
    )
    return zaak_create(
        zaaktype=zaaktype,
        initiator=PersoonFactory(bsn="999993653"),
        startdatum=timezone.localdate(),
    )


@pytest.fixture
def collega(make_user, teams):
    """A member of the zaak's team only."""
    user = make_user("backoffice-medewerker", username="wim")
    team_add_member(team=teams[0], user=user)
    return user


@pytest.fixture
def consulent(make_user, teams):
    """A member of the zaak's team and of the social-domain team."""
    user = make_user("backoffice-medewerker", username="sanne")
    team_add_member(team=teams[0], user=user)
    team_add_member(team=teams[1], user=user)
    return user


def test_a_confidential_note_is_unreadable_outside_its_team_and_readable_within(
    client, zaak, collega, consulent
):
    url = reverse("backoffice:zaak", args=[zaak.pk])
    client.force_login(consulent)
    response = client.post(
        reverse("backoffice:zaak_notitie", args=[zaak.pk]),
        {"tekst": GEHEIM, "vertrouwelijk_team": "sociaal-domein"},
    )
    assert response.status_code == 302
    notitie = ZaakNotitie.objects.get()
    assert notitie.vertrouwelijk_team.slug == "sociaal-domein"
    assert GEHEIM in client.get(url).content.decode()
    assert AuditEntry.objects.filter(
        user=consulent,
        object_type="cases.zaaknotitie",
        object_id=str(notitie.pk),
        detail__vertrouwelijk="gelezen",
    ).exists()

    client.force_login(collega)
    html = client.get(url).content.decode()
    assert GEHEIM not in html  # neither the note nor the zaak's history repeats it
    assert "Vertrouwelijk — vraag team Sociaal domein" in html
    assert "Vertrouwelijke notitie (team Sociaal domein)" in html


def test_an_ordinary_note_is_read_by_the_zaak_team_as_before(client, zaak, collega):
    client.force_login(collega)
    client.post(reverse("backoffice:zaak_notitie", args=[zaak.pk]), {"tekst": "Gebeld"})
    assert "Gebeld" in client.get(reverse("backoffice:zaak", args=[zaak.pk])).content.decode()
