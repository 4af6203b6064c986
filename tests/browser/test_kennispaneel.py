"""The Kennisbank panel in a real browser: search as you type, use the answer, save the contact;
and the citizen portal's search. axe-core finds no serious or critical problems on either."""

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kennis_data(db, make_user):
    """The bundled catalogue and articles, the telephone channel and a contact reason.

    With transaction=True the seeded channels may have been flushed, so create what is missing.
    """
    from loket.catalogue.services import UPL_DEFAULT_PATH, organisaties_bundled_load, upl_import
    from loket.contacts.models import Contactreden
    from loket.core.models import Kanaal
    from loket.knowledge.search.engine import invalidate
    from loket.knowledge.services import kennis_load

    Kanaal.objects.get_or_create(
        code="telefoon", defaults={"naam": "Telefoon", "soort": "call", "volgorde": 10}
    )
    afval, _ = Contactreden.objects.get_or_create(code="afval", defaults={"naam": "Afval"})
    Contactreden.objects.get_or_create(
        code="afval-container", defaults={"naam": "Container", "hoofdreden": afval}
    )
    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    organisaties_bundled_load()
    kennis_load()
    invalidate()
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    yield
    invalidate()


def test_kcm_uses_a_knowledge_answer_and_the_contact_records_its_version(
    page, live_server, login, screenshot, kennis_data
):
    login("kim", "geheim-123")
    with page.expect_navigation():
        page.get_by_role("button", name="Anoniem contact").click()
    assert page.get_by_role("heading", name="Kennisbank").is_visible()

    page.get_by_label("Contactreden").select_option(label="Container")
    page.get_by_label("Vraag van de klant").fill("Mijn kliko is weg")
    page.get_by_label("Zoek in de kennisbank").click()  # leaving the question fills the panel
    assert page.get_by_label("Zoek in de kennisbank").input_value() == "Mijn kliko is weg"

    zoek = page.get_by_label("Zoek in de kennisbank")
    zoek.fill("")
    zoek.press_sequentially("kliko gestolen", delay=20)
    resultaten = page.locator("#kennis-resultaten")
    gebruik = resultaten.get_by_role("button", name="Gebruik dit antwoord").first
    gebruik.wait_for()
    assert resultaten.get_by_text("gestolen").first.is_visible()
    assert "versie 1" in resultaten.inner_text()
    assert_no_blocking_axe_violations(page, "contactformulier met kennispaneel")
    screenshot("kcc-kennispaneel")

    # Keyboard: the result buttons are reached with Tab from the search field.
    zoek.focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Gebruik dit antwoord":
            break
    else:
        pytest.fail("Tab bereikt de knop 'Gebruik dit antwoord' niet")
    page.keyboard.press("Enter")

    antwoord = page.locator("textarea[name='vraag-0-antwoord']").input_value()
    versie_id = page.locator("input[name='vraag-0-kennisartikel_versie']").input_value()
    assert antwoord and versie_id
    assert page.locator("select[name='vraag-0-product']").input_value() != ""
    assert "Antwoord overgenomen in vraag 1" in page.locator("[data-kennis-status]").inner_text()

    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    assert "is vastgelegd" in page.get_by_role("status").first.inner_text()

    from loket.contacts.models import Vraag

    vraag = Vraag.objects.get()
    assert vraag.kennisartikel_versie_id == int(versie_id)
    assert vraag.antwoord == antwoord
    assert vraag.product_id is not None
    assert vraag.kennisartikel_versie.artikel.producten.filter(pk=vraag.product_id).exists()


def test_citizen_searches_the_portal_and_opens_an_answer(
    page, live_server, screenshot, kennis_data
):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Waar zoekt u naar?").fill("paspoort")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    assert "/zoeken/?q=paspoort" in page.url
    assert page.locator(".portaal-resultaat").count() >= 1
    assert_no_blocking_axe_violations(page, "/zoeken/?q=paspoort")
    screenshot("portaal-zoeken")

    with page.expect_navigation():
        page.locator(".portaal-resultaat h3 a").first.click()
    assert "/zoeken/antwoord/" in page.url
    assert page.get_by_text("Laatst bijgewerkt").is_visible()
    assert_no_blocking_axe_violations(page, "antwoordpagina")
