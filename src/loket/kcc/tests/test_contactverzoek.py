"""The KCC contact form puts out a contactverzoek for a question handled that way."""

import pytest

from loket.accounts.services import team_add_member, team_create
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.kcc.tests.test_views import contact_post, open_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(make_user):
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=team, user=make_user("backoffice-medewerker"))
    return team


def _two_questions(redenen, team, **extra):
    return contact_post(
        redenen=redenen,
        vragen=2,
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Hoe lang duurt een paspoort?",
            "vraag-0-antwoord": "Vijf werkdagen.",
            "vraag-1-contactreden": str(redenen["verloren"].pk),
            "vraag-1-vraagtekst": "Mijn ID-kaart is kwijt, wat nu?",
            "vraag-1-afhandeling": Afhandeling.CONTACTVERZOEK,
            "vraag-1-team": str(team.pk),
            "vraag-1-gevraagde_handeling": "Bel de klant over de vermissing.",
            "vraag-1-terugbelnummer": "06 12345678",
            **extra,
        },
    )


def test_question_with_contactverzoek_creates_a_verzoek_for_the_team(
    client, kcc_user, partij, redenen, team
):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    response = client.post(url, _two_questions(redenen, team))
    assert response.status_code == 302
    verzoek = Contactverzoek.objects.get()
    assert verzoek.team == team
    assert verzoek.partij == partij
    assert verzoek.terugbelnummer == "+31612345678"
    assert verzoek.vraag.vraagtekst == "Mijn ID-kaart is kwijt, wat nu?"


def test_contactverzoek_without_team_is_refused_and_nothing_is_saved(
    client, kcc_user, partij, redenen, team
):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    response = client.post(url, _two_questions(redenen, team, **{"vraag-1-team": ""}))
    assert response.status_code == 200
    assert 'id="id_vraag-1-team_error"' in response.content.decode()
    assert not Klantcontact.objects.exists()
    assert not Contactverzoek.objects.exists()


def test_contactverzoek_is_created_once_on_double_submit(client, kcc_user, partij, redenen, team):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    data = _two_questions(redenen, team)
    client.post(url, data)
    client.post(url, data)
    assert Klantcontact.objects.count() == 1
    assert Contactverzoek.objects.count() == 1
