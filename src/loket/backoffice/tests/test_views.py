import pytest
from django.urls import reverse

from loket.accounts.services import team_add_member, team_create
from loket.contacts.constants import Afhandeling, ContactverzoekStatus
from loket.contacts.models import Contactreden, Klantcontact
from loket.contacts.services import (
    VraagInput,
    contact_register,
    contactreden_create,
    contactverzoek_create,
)
from loket.contacts.tests.conftest import make_persoon


@pytest.fixture
def reden(db):
    hoofd = contactreden_create(naam="Belastingen")
    return contactreden_create(naam="Aanslag", hoofdreden=hoofd)


@pytest.fixture
def kcc(make_user):
    return make_user("kcc-medewerker", username="kim")


@pytest.fixture
def bo(make_user):
    return make_user("backoffice-medewerker", username="bram")


@pytest.fixture
def teams(bo, make_user):
    eigen = team_create(name="Belastingen", slug="belastingen")
    ander = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=eigen, user=bo)
    team_add_member(team=ander, user=make_user("backoffice-medewerker"))
    return eigen, ander


def _verzoek(*, team, kcc, reden: Contactreden, tekst: str, partij=None):
    contact = contact_register(
        kanaal="telefoon",
        medewerker=kcc,
        partij=partij,
        vragen=[VraagInput(tekst, reden, Afhandeling.CONTACTVERZOEK)],
    )
    return contactverzoek_create(
        vraag=contact.vragen.get(),
        team=team,
        gevraagde_handeling=tekst,
        terugbelnummer="0612345678",
        user=kcc,
    )


def test_backoffice_user_sees_only_his_own_teams_verzoeken(client, bo, kcc, teams, reden):
    eigen, ander = teams
    _verzoek(team=eigen, kcc=kcc, reden=reden, tekst="Bel over de aanslag")
    _verzoek(team=ander, kcc=kcc, reden=reden, tekst="Bel over het paspoort")
    client.force_login(bo)
    response = client.get(reverse("backoffice:home"), {"lijst": "team"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bel over de aanslag" in body
    assert "Bel over het paspoort" not in body
    assert "Alle verzoeken" not in body  # no "all" tab for backoffice


def test_other_teams_verzoek_detail_is_404(client, bo, kcc, teams, reden):
    verzoek = _verzoek(team=teams[1], kcc=kcc, reden=reden, tekst="Niet voor jou")
    client.force_login(bo)
    assert client.get(reverse("backoffice:detail", kwargs={"pk": verzoek.pk})).status_code == 404


def test_teamleider_sees_all(client, make_user, kcc, teams, reden):
    _verzoek(team=teams[1], kcc=kcc, reden=reden, tekst="Bel over het paspoort")
    client.force_login(make_user("teamleider"))
    response = client.get(reverse("backoffice:home"), {"lijst": "all"})
    assert "Bel over het paspoort" in response.content.decode()


def test_kcc_medewerker_without_handle_cases_gets_403(client, kcc):
    client.force_login(kcc)
    assert client.get(reverse("backoffice:home")).status_code == 403


def test_nav_shows_werkvoorraad_for_backoffice_only(client, bo, kcc):
    client.force_login(bo)
    assert "Werkvoorraad" in client.get(reverse("backoffice:home")).content.decode()
    client.force_login(kcc)
    assert "Werkvoorraad" not in client.get(reverse("kcc:home")).content.decode()


def test_assign_attempt_and_close_via_post(client, bo, kcc, teams, reden):
    partij = make_persoon()
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug", partij=partij)
    client.force_login(bo)
    url = lambda name: reverse(f"backoffice:{name}", kwargs={"pk": verzoek.pk})  # noqa: E731
    assert client.post(url("assign_to_me")).status_code == 302
    response = client.post(
        url("attempt"), {"bereikt": "ja", "kanaal": "telefoon", "toelichting": "Gesproken"}
    )
    assert response.status_code == 302
    response = client.post(url("close"), {"resultaat": "Aanslag verlaagd."}, follow=True)
    assert "is afgesloten" in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.status == ContactverzoekStatus.VERWERKT
    assert verzoek.medewerker == bo
    assert Klantcontact.objects.filter(partij=partij).count() == 2
    # A second close is refused with a Dutch message, nothing changes.
    response = client.post(url("close"), {"resultaat": "Nog eens."})
    assert "al afgesloten" in response.content.decode()
    assert Klantcontact.objects.filter(partij=partij).count() == 2


def test_close_without_result_shows_the_error_at_the_field(client, bo, kcc, teams, reden):
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    client.force_login(bo)
    response = client.post(reverse("backoffice:close", kwargs={"pk": verzoek.pk}), {})
    assert 'id="id_resultaat_error"' in response.content.decode()


def test_forward_to_an_inactive_team_shows_the_error_at_the_team_field(
    client, bo, kcc, teams, reden
):
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    leeg = team_create(name="Opgeheven", slug="opgeheven")
    client.force_login(bo)
    response = client.post(
        reverse("backoffice:forward", kwargs={"pk": verzoek.pk}), {"team": leeg.pk}
    )
    body = response.content.decode()
    assert 'id="id_team_error"' in body
    assert "Opgeheven" in body
    verzoek.refresh_from_db()
    assert verzoek.team == teams[0]


def test_forward_to_another_team_via_post(client, bo, kcc, teams, reden):
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    client.force_login(bo)
    response = client.post(
        reverse("backoffice:forward", kwargs={"pk": verzoek.pk}), {"team": teams[1].pk}
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.team == teams[1]
