import pytest
from django.urls import reverse

from loket.accounts.services import team_add_member, team_create
from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import Contactreden, Klantcontact
from loket.contacts.services import (
    contactreden_create,
)
from loket.contacts.tests.factories import ContactverzoekFactory
from loket.parties.tests.factories import PersoonFactory


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
    return ContactverzoekFactory(
        klantcontact__medewerker=kcc,
        klantcontact__partij=partij,
        klantcontact__contactreden=reden,
        klantcontact__vraagtekst=tekst,
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


def test_other_teams_verzoek_detail_is_403_like_a_zaak(client, bo, kcc, teams, reden):
    verzoek = _verzoek(team=teams[1], kcc=kcc, reden=reden, tekst="Niet voor jou")
    client.force_login(bo)
    response = client.get(reverse("backoffice:detail", kwargs={"pk": verzoek.pk}))
    assert response.status_code == 403
    assert "hoort bij een ander team" in response.content.decode()
    assert "Niet voor jou" not in response.content.decode()


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
    partij = PersoonFactory(bsn="999993653")
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


def test_forward_form_offers_active_teams_only(client, bo, kcc, teams, reden):
    from loket.accounts.services import team_set_active

    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    team_set_active(team=teams[1], is_actief=False)
    client.force_login(bo)
    body = client.get(reverse("backoffice:detail", kwargs={"pk": verzoek.pk})).content.decode()
    assert f'<option value="{teams[0].pk}">Belastingen</option>' in body
    assert f'value="{teams[1].pk}"' not in body
    # A backoffice-medewerker takes work himself; only teamleiders see "Toewijzen aan".
    assert "Toewijzen aan een medewerker" not in body


def test_teamleider_assigns_a_team_member_via_post(client, bo, kcc, teams, reden, make_user):
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    leider = make_user("teamleider")
    client.force_login(leider)
    url = reverse("backoffice:detail", kwargs={"pk": verzoek.pk})
    body = client.get(url).content.decode()
    assert "Toewijzen aan een medewerker" in body
    assert f'<option value="{bo.pk}">{bo}</option>' in body
    response = client.post(
        reverse("backoffice:assign", kwargs={"pk": verzoek.pk}), {"medewerker": bo.pk}
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.medewerker == bo
    # Someone outside the team is refused at the field; nothing changes.
    buiten = make_user("backoffice-medewerker")
    response = client.post(
        reverse("backoffice:assign", kwargs={"pk": verzoek.pk}), {"medewerker": buiten.pk}
    )
    body = response.content.decode()
    assert 'id="id_medewerker_error"' in body
    assert "geen lid van het team" in body
    verzoek.refresh_from_db()
    assert verzoek.medewerker == bo


def test_backoffice_medewerker_cannot_assign_others(client, bo, kcc, teams, reden):
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    client.force_login(bo)
    response = client.post(
        reverse("backoffice:assign", kwargs={"pk": verzoek.pk}), {"medewerker": bo.pk}
    )
    assert response.status_code == 403


def test_assign_to_me_twice_shows_a_message(client, bo, kcc, teams, reden):
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    client.force_login(bo)
    url = reverse("backoffice:assign_to_me", kwargs={"pk": verzoek.pk})
    client.post(url)
    response = client.post(url, follow=True)
    assert "al aan u toegewezen" in response.content.decode()


def _werkvoorraad_rows(body: str, team) -> str:
    start = body.index(f'id="team-{team.pk}"')
    return body[start : body.index("</section>", start)]


def test_werkvoorraad_per_team_for_teamleider(client, kcc, teams, reden, make_user):
    import datetime as dt

    from django.utils import timezone

    from loket.cases.services import zaak_create, zaaktype_create
    from loket.cases.tests.conftest import STATUSTYPEN
    from loket.contacts.models import Contactverzoek

    laat = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug")
    _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Nog een")
    Contactverzoek.objects.filter(pk=laat.pk).update(
        deadline=timezone.now() - dt.timedelta(hours=1)
    )
    zaaktype = zaaktype_create(
        identificatie="bezwaar",
        omschrijving="Bezwaar",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=3,
        statustypen=STATUSTYPEN,
        team=teams[0],
    )
    zaak_create(zaaktype=zaaktype, startdatum=timezone.localdate() - dt.timedelta(days=60))
    zaak_create(zaaktype=zaaktype)
    client.force_login(make_user("teamleider"))
    response = client.get(reverse("backoffice:werkvoorraad"))
    assert response.status_code == 200
    body = response.content.decode()
    eigen = _werkvoorraad_rows(body, teams[0])
    assert 'data-te-laat="1"' in eigen
    assert "Over streefdatum: <strong>1</strong>" in eigen
    assert 'over fatale datum: <strong class="bo-tekst--te-laat">1</strong>' in eigen
    assert 'data-te-laat="0"' in _werkvoorraad_rows(body, teams[1])


def test_werkvoorraad_shows_a_backoffice_medewerker_his_own_teams(client, bo, kcc, teams):
    client.force_login(bo)
    body = client.get(reverse("backoffice:werkvoorraad")).content.decode()
    assert f'id="team-{teams[0].pk}"' in body
    assert f'id="team-{teams[1].pk}"' not in body
    client.force_login(kcc)
    assert client.get(reverse("backoffice:werkvoorraad")).status_code == 403


def test_a_restricted_persons_verzoek_shows_the_restriction_not_the_name(
    client, bo, kcc, teams, reden
):
    from loket.parties.services import partij_restrict

    persoon = PersoonFactory(geslachtsnaam="Beperktsma")
    verzoek = _verzoek(team=teams[0], kcc=kcc, reden=reden, tekst="Bel terug", partij=persoon)
    client.force_login(bo)
    lijst = lambda: client.get(reverse("backoffice:home"), {"lijst": "team"}).content.decode()  # noqa: E731
    assert "Beperktsma" in lijst()

    partij_restrict(partij=persoon, user=None, reden="AVG-verzoek")

    html = lijst()
    assert "Bel terug" in html and "Beperktsma" not in html and "Verwerking beperkt" in html
    detail = client.get(reverse("backoffice:detail", kwargs={"pk": verzoek.pk})).content.decode()
    assert "AVG artikel 18" in detail
