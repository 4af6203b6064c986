"""The KCC journey in a real browser: find a person, open the klantbeeld, register a contact."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kcc_data(db):
    """A BRP person known to Loket, the telephone channel and two contact reasons.

    With transaction=True the seeded channels may have been flushed, so create what is missing.
    """
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
    afval, _ = Contactreden.objects.get_or_create(code="afval", defaults={"naam": "Afval"})
    Contactreden.objects.get_or_create(
        code="afval-grofvuil", defaults={"naam": "Grofvuil ophalen", "hoofdreden": afval}
    )
    persoon = BrpPersoonFactory(voornamen="Fenna", geslachtsnaam="Terpstra")
    persoon_from_brp(bsn=persoon.bsn, user=None, purpose="Testgegevens")
    return persoon


def test_kcc_finds_a_person_and_registers_a_phone_contact_with_two_questions(
    page, live_server, make_user, login, screenshot, kcc_data
):
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    login("kim", "geheim-123")
    assert page.url == f"{live_server.url}/kcc/"

    bsn_form = page.get_by_role("search", name="Persoon op BSN")
    bsn_form.get_by_label("BSN").fill(kcc_data.bsn)
    bsn_form.get_by_role("button", name="Zoeken").click()
    result = page.get_by_role("link", name="Fenna Terpstra")
    result.wait_for()
    assert page.get_by_text("Gegevens uit de BRP: alleen ter verificatie").is_visible()
    screenshot("kcc-zoeken")

    with page.expect_navigation():
        result.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Fenna Terpstra"
    assert page.get_by_text("Bron: BRP (demo)").first.is_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Nieuw contact").click()
    assert page.get_by_label("Kanaal").evaluate("el => el.value") == "telefoon"
    expect(page.locator("[data-timer-display]")).to_contain_text(":")

    page.get_by_label("Contactreden").select_option(label="Paspoort aanvragen")
    page.get_by_label("Vraag van de klant").fill("Hoe vraag ik een paspoort aan?")
    page.get_by_label("Antwoord").fill("Maak een afspraak via de website.")
    counter = page.locator("[data-counter-for='id_vraag-0-vraagtekst']")
    assert counter.inner_text() == "30 van 1000 tekens"

    page.get_by_role("button", name="Nog een vraag").click()
    tweede = page.locator("fieldset[data-vraag]").nth(1)
    tweede.get_by_label("Contactreden").select_option(label="Grofvuil ophalen")
    tweede.get_by_label("Vraag van de klant").fill("Wanneer halen jullie grofvuil op?")
    tweede.get_by_label("Afhandeling").select_option(label="Doorverbonden")
    screenshot("kcc-contact")

    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()

    assert "/kcc/partij/" in page.url
    assert "is vastgelegd" in page.get_by_role("status").first.inner_text()
    timeline = page.locator("#kcc-timeline")
    assert timeline.get_by_text("Hoe vraag ik een paspoort aan?").is_visible()
    assert timeline.get_by_text("Wanneer halen jullie grofvuil op?").is_visible()
    assert timeline.get_by_text("Doorverbonden").is_visible()
    screenshot("kcc-klantbeeld")

    from loket.contacts.models import Klantcontact

    contact = Klantcontact.objects.get()
    assert contact.kanaal.code == "telefoon"
    assert contact.vragen.count() == 2
    assert contact.duur is not None
