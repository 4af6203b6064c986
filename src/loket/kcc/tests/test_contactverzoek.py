"""The KCC contact form puts out a contactverzoek for a question handled that way."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from loket.accounts.services import team_add_member, team_create
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.core.calendar import get_calendar
from loket.kcc.tests.test_views import contact_post, open_contact, text

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


def test_the_form_says_team_or_medewerker_and_neither_names_both_fields(
    client, kcc_user, partij, redenen, team
):
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    html = client.get(url).content.decode()
    team_label = re.search(r'<label[^>]*for="id_vraag-0-team"[^>]*>(.*?)</label>', html).group(1)
    assert team_label == "Team"  # not "(niet verplicht)": one of the two is required
    assert (
        '<label class="utrecht-form-label" for="id_vraag-0-medewerker">Medewerker</label>' in html
    )
    assert "Kies een team, een medewerker of beide: ten minste één is verplicht." in html
    # The other verzoek fields say what is required too, not "(niet verplicht)".
    for veld in ("gevraagde_handeling", "terugbelnummer", "email"):
        label = re.search(rf'<label[^>]*for="id_vraag-0-{veld}"[^>]*>(.*?)</label>', html)
        assert "niet verplicht" not in label.group(1), veld
    assert "Terugbelnummer of e-mailadres: vul ten minste één in." in html

    response = client.post(url, _two_questions(redenen, team, **{"vraag-1-team": ""}))
    assert (
        "Kies een team of een medewerker voor het contactverzoek (ten minste één van beide)."
        in text(response)
    )
    assert not Klantcontact.objects.exists()


def test_a_contactverzoek_can_go_to_a_named_medewerker(
    client, kcc_user, partij, redenen, team, make_user
):
    bea = make_user("backoffice-medewerker", username="bea")
    client.force_login(kcc_user)
    url = open_contact(client, partij)
    assert f'<option value="{bea.pk}">' in client.get(url).content.decode()
    data = _two_questions(redenen, team, **{"vraag-1-team": "", "vraag-1-medewerker": str(bea.pk)})
    assert client.post(url, data).status_code == 302
    verzoek = Contactverzoek.objects.get()
    assert verzoek.medewerker == bea and verzoek.team is None
    assert verzoek.status == "in_behandeling"


def test_a_medewerker_who_handles_no_verzoeken_is_not_offered(client, kcc_user, partij):
    client.force_login(kcc_user)
    html = client.get(open_contact(client, partij)).content.decode()
    assert f'<option value="{kcc_user.pk}">' not in html


def test_the_deadline_the_norm_gives_is_shown_before_saving(client, kcc_user, team):
    from loket.catalogue.tests.factories import ProductFactory
    from loket.contacts.models import ContactverzoekNorm

    product = ProductFactory(upl_naam="paspoort")
    ContactverzoekNorm.objects.create(team=None, product=product, werkuren=8)
    client.force_login(kcc_user)
    # Thursday 3 December 2026 15:00 (Amsterdam).
    now = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    calendar = get_calendar()
    with mock.patch("django.utils.timezone.now", return_value=now):
        response = client.get(
            "/kcc/verzoek-deadline/", {"prefix": "vraag-0", "vraag-0-team": str(team.pk)}
        )
        default = timezone.localtime(calendar.add_working_hours(now, 16))
        assert f"Terugbellen uiterlijk: {date_format(default, 'D j F Y H:i')}" in text(response)
        assert default.date() == dt.date(2026, 12, 7)  # the weekend does not count
        assert "Terugbellen uiterlijk: ma 7 december 2026" in text(response)
        assert "norm: 16 werkuren" in text(response)
        # The product's norm (8 office hours) when the agent picks the product.
        response = client.get(
            "/kcc/verzoek-deadline/",
            {"prefix": "vraag-0", "vraag-0-team": str(team.pk), "vraag-0-product": product.pk},
        )
        norm = timezone.localtime(calendar.add_working_hours(now, 8))
        assert f"Terugbellen uiterlijk: {date_format(norm, 'D j F Y H:i')}" in text(response)
        assert "Terugbellen uiterlijk: vr 4 december 2026" in text(response)
    assert client.get("/kcc/verzoek-deadline/", {"prefix": "x"}).status_code == 404
