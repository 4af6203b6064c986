"""Meldingen openbare ruimte and the back office in a real browser: a citizen reports, gets the
receipt with the expected date; a behandelaar sees the zaak queue and the case page. axe-core
finds no serious or critical problems on these pages."""

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_reports_a_broken_streetlight_and_gets_the_expected_date(page, live_server):
    from loket.accounts.services import team_create
    from loket.meldingen.models import MeldCategorie, Melding

    team = team_create(name="Openbare Ruimte", slug="openbare-ruimte")
    MeldCategorie.objects.update(team=team)
    page.goto(f"{live_server.url}/meldingen/")
    assert_no_blocking_axe_violations(page, "meldformulier")
    page.get_by_label("Wat wilt u melden?").fill("De lantaarnpaal voor ons huis doet het niet")
    page.get_by_role("button", name="Melding versturen").click()
    # No place given: the error names the address field and the text stays.
    assert page.get_by_text("Geef de plek van de melding op").is_visible()
    assert "lantaarnpaal" in page.get_by_label("Wat wilt u melden?").input_value()
    assert_no_blocking_axe_violations(page, "meldformulier met fout")
    page.get_by_label("Adres of plek").fill("Kerkstraat 12")
    page.get_by_label("Uw e-mailadres").fill("inwoner@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Melding versturen").click()
    melding = Melding.objects.get()
    assert melding.categorie.subcategorie == "Functioneert niet goed"
    assert page.get_by_text(melding.referentie).is_visible()
    assert page.get_by_text("Verwacht opgelost").is_visible()
    assert_no_blocking_axe_violations(page, "ontvangstbevestiging")


def test_behandelaar_works_from_the_queue_to_the_case_page(page, live_server, make_user, login):
    from loket.accounts.services import team_add_member, team_create
    from loket.cases.services import resultaattype_create, zaak_create, zaaktype_create

    team = team_create(name="Vergunningen", slug="vergunningen")
    user = make_user("backoffice-medewerker", username="bob", password="geheim-123")
    team_add_member(team=team, user=user)
    zaaktype = zaaktype_create(
        identificatie="kap",
        omschrijving="Kapvergunning",
        doorlooptijd_werkdagen=40,
        servicenorm_werkdagen=20,
        statustypen=[
            ("Ontvangen", False, ""),
            ("In behandeling", False, ""),
            ("Besluit", False, ""),
        ],
        team=team,
    )
    resultaattype_create(zaaktype=zaaktype, omschrijving="Verleend")
    zaak = zaak_create(zaaktype=zaaktype)
    login("bob", "geheim-123")
    page.goto(f"{live_server.url}/backoffice/zaken/?team=vergunningen&lijst=unassigned")
    assert_no_blocking_axe_violations(page, "zaken")
    with page.expect_navigation():
        page.get_by_role("link", name=zaak.identificatie).click()
    assert_no_blocking_axe_violations(page, "zaakpagina")
    with page.expect_navigation():
        page.get_by_role("button", name="Zaak oppakken").click()
    page.get_by_label("Nieuwe status").select_option(label="In behandeling")
    with page.expect_navigation():
        page.get_by_role("button", name="Status zetten").click()
    assert page.get_by_text("De status is gezet.").is_visible()
    zaak.refresh_from_db()
    assert zaak.behandelaar == user
    assert zaak.status.statustype.omschrijving == "In behandeling"


def test_triage_page_and_melding_page_are_accessible_and_categorise(
    page, live_server, make_user, login
):
    from loket.accounts.services import team_add_member, team_create
    from loket.meldingen.models import MeldCategorie
    from loket.meldingen.services import melding_create

    team = team_create(name="Openbare Ruimte", slug="openbare-ruimte")
    MeldCategorie.objects.update(team=team)
    user = make_user("backoffice-medewerker", username="olga", password="geheim-123")
    team_add_member(team=team, user=user)
    melding = melding_create(
        tekst="Er is hier iets raars aan de hand, graag actie", lat=52.2551, lon=6.1639
    )
    assert melding.in_triage
    login("olga", "geheim-123")
    page.goto(f"{live_server.url}/backoffice/meldingen/triage/")
    assert_no_blocking_axe_violations(page, "triage")
    with page.expect_navigation():
        page.get_by_role("link", name=melding.referentie).click()
    assert_no_blocking_axe_violations(page, "melding")
    page.get_by_label("Categorie", exact=True).select_option(label="Afval – Grofvuil")
    with page.expect_navigation():
        page.get_by_role("button", name="Categorie opslaan en doorsturen").click()
    melding.refresh_from_db()
    assert not melding.in_triage and melding.categorie.subcategorie == "Grofvuil"
