"""The whole KCC story in a real browser, with axe-core on every page it passes.

An agent finds a person by BSN and registers a phone contact with two questions, one of which
becomes a contactverzoek for a team; a backoffice-medewerker of that team sees it in the team
list, registers a callback attempt and closes it; the agent's klantbeeld shows the contact, the
closed verzoek and the closing contact.
"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journey_data(db, make_user):
    from loket.accounts.services import team_add_member, team_create
    from loket.contacts.models import Contactreden
    from loket.core.models import Kanaal
    from loket.parties.services import persoon_from_brp
    from loket.registries.tests.factories import BrpPersoonFactory

    Kanaal.objects.get_or_create(
        code="telefoon", defaults={"naam": "Telefoon", "soort": "call", "volgorde": 10}
    )
    Kanaal.objects.get_or_create(
        code="balie", defaults={"naam": "Balie", "soort": "face", "volgorde": 20}
    )
    hoofd, _ = Contactreden.objects.get_or_create(
        code="reisdocumenten", defaults={"naam": "Reisdocumenten"}
    )
    Contactreden.objects.get_or_create(
        code="paspoort-aanvragen", defaults={"naam": "Paspoort aanvragen", "hoofdreden": hoofd}
    )
    Contactreden.objects.get_or_create(
        code="id-kaart-verloren", defaults={"naam": "ID-kaart verloren", "hoofdreden": hoofd}
    )
    persoon = BrpPersoonFactory(voornamen="Fenna", geslachtsnaam="Terpstra")
    persoon_from_brp(bsn=persoon.bsn, user=None, purpose="Testgegevens")
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    bob = make_user("backoffice-medewerker", username="bob", password="geheim-123")
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=team, user=bob)
    return persoon


def test_contact_with_contactverzoek_is_handled_by_the_backoffice_and_shows_in_the_klantbeeld(
    page, live_server, login, screenshot, axe_check, journey_data
):
    # --- the agent: find the person, start a phone contact -------------------------------------
    login("kim", "geheim-123")
    assert page.url == f"{live_server.url}/kcc/"
    axe_check("/kcc/")
    page.get_by_label("Werkplek").select_option(label="Telefoon")
    with page.expect_navigation():
        page.get_by_role("button", name="Werkplek opslaan").click()
    assert page.get_by_text("Werkplek: Telefoon").first.is_visible()

    bsn_form = page.get_by_role("search", name="Persoon op BSN")
    bsn_form.get_by_label("BSN").fill(journey_data.bsn)
    bsn_form.get_by_role("button", name="Zoeken").click()
    result = page.get_by_role("link", name="Fenna Terpstra")
    result.wait_for()
    with page.expect_navigation():
        result.click()
    axe_check("klantbeeld")

    with page.expect_navigation():
        page.get_by_role("button", name="Nieuw contact").click()
    assert "/kcc/contact/" in page.url
    tabs = page.get_by_role("navigation", name="Open contacten")
    assert tabs.get_by_role("link", name="Fenna Terpstra").get_attribute("aria-current") == "page"
    assert page.get_by_label("Kanaal").evaluate("el => el.value") == "telefoon"
    expect(page.locator("[data-timer-display]")).to_contain_text(":")

    # --- two questions, the second one a contactverzoek for the team ---------------------------
    page.get_by_label("Contactreden").select_option(label="Paspoort aanvragen")
    page.get_by_label("Vraag van de klant").fill("Hoe vraag ik een paspoort aan?")
    page.get_by_label("Antwoord").fill("Maak een afspraak via de website.")
    page.get_by_role("button", name="Nog een vraag").click()
    tweede = page.locator("fieldset[data-vraag]").nth(1)
    tweede.get_by_label("Contactreden").select_option(label="ID-kaart verloren")
    tweede.get_by_label("Vraag van de klant").fill("Mijn ID-kaart is kwijt, wat nu?")
    tweede.get_by_label("Afhandeling").select_option(value="contactverzoek")
    tweede.get_by_label("Team", exact=True).select_option(label="Burgerzaken")
    tweede.get_by_label("Gevraagde handeling").fill("Bel de klant terug over de vermissing.")
    tweede.get_by_label("Terugbelnummer").fill("06 12345678")
    axe_check("contactformulier")
    screenshot("journey-contact")
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    assert "Contactverzoeken uitgezet: 1" in page.get_by_role("status").first.inner_text()
    assert page.get_by_text("Geen open contacten.").is_visible()

    from loket.contacts.models import Contactverzoek, Klantcontact

    contact = Klantcontact.objects.get()
    assert contact.vragen.count() == 2 and contact.kanaal.code == "telefoon"

    # --- the back office: team list, callback attempt, close ----------------------------------
    page.context.clear_cookies()
    login("bob", "geheim-123")
    page.goto(f"{live_server.url}/backoffice/?lijst=team")
    axe_check("/backoffice/")
    link = page.get_by_role("link", name="Bel de klant terug over de vermissing.")
    with page.expect_navigation():
        link.click()
    axe_check("contactverzoek")
    poging = page.get_by_role("group", name="Terugbelpoging vastleggen")
    poging.get_by_label("Ja").check()
    poging.get_by_label("Toelichting").fill("Klant gesproken; nieuwe ID-kaart aanvragen.")
    with page.expect_navigation():
        poging.get_by_role("button", name="Terugbelpoging vastleggen").click()
    page.get_by_label("Resultaat").fill("Klant vraagt een nieuwe ID-kaart aan bij de balie.")
    with page.expect_navigation():
        page.get_by_role("button", name="Afsluiten").click()
    verzoek = Contactverzoek.objects.get()
    assert verzoek.status == "verwerkt"

    # --- the agent sees the whole story ------------------------------------------------------
    page.context.clear_cookies()
    login("kim", "geheim-123")
    page.goto(f"{live_server.url}/kcc/partij/{verzoek.partij.uuid}/")
    timeline = page.locator("#kcc-timeline")
    assert timeline.get_by_text("Hoe vraag ik een paspoort aan?").is_visible()
    item = timeline.locator(".kcc-timeline__item--verzoek")
    assert item.get_by_text("Verwerkt").is_visible()
    assert item.get_by_text("Team: Burgerzaken").is_visible()
    assert "Klant vraagt een nieuwe ID-kaart aan bij de balie." in item.inner_text()
    closing = timeline.locator(".kcc-timeline__item--contact").filter(
        has_text="Antwoord: Klant vraagt een nieuwe ID-kaart aan bij de balie."
    )
    assert closing.count() == 1
    screenshot("journey-klantbeeld")


def test_klantbeeld_edits_a_phone_number_in_place(
    page, live_server, login, axe_check, journey_data
):
    login("kim", "geheim-123")
    from loket.parties.models import Persoon

    partij = Persoon.objects.get(bsn=journey_data.bsn).partij
    page.goto(f"{live_server.url}/kcc/partij/{partij.uuid}/")
    page.get_by_text("E-mailadres of telefoonnummer toevoegen").click()
    block = page.locator("#kcc-adressen")
    block.get_by_label("Soort", exact=True).select_option(label="Telefoonnummer")
    block.get_by_label("E-mailadres of telefoonnummer").fill("06 1234")
    block.get_by_role("button", name="Toevoegen").click()
    block.locator("#id_adres-adres_error").wait_for()
    block.get_by_label("E-mailadres of telefoonnummer").fill("06 12345678")
    block.get_by_role("button", name="Toevoegen").click()
    block.get_by_text("is toegevoegd").wait_for()
    block.get_by_role("button", name="Geverifieerd bij klant").click()
    block.get_by_text("is geverifieerd bij de klant").wait_for()
    assert block.get_by_text("+31612345678", exact=True).is_visible()
    axe_check("klantbeeld na wijziging")
