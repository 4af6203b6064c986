"""Editing knowledge (issue 16, item 14): a rich-text editor, products chosen by typing in an
accessible combobox with removable chips, and the review step with four eyes and the diff."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def artikel():
    from loket.catalogue.tests.factories import ProductFactory
    from loket.knowledge.services import artikel_create, artikel_publish

    producten = {
        naam: ProductFactory(upl_naam=naam, titel=titel, is_gemeente=True)
        for naam, titel in [
            ("afvalcontainer", "Afvalcontainer aanvragen"),
            ("paspoort", "Paspoort aanvragen"),
            ("parkeervergunning", "Parkeervergunning aanvragen"),
            ("identiteitskaart", "ID-kaart aanvragen"),
        ]
    }
    artikel = artikel_create(
        slug="kliko-kapot",
        vraag="Mijn kliko is kapot",
        antwoord="<p>Meld het online.</p>",
        producten=[producten["afvalcontainer"]],
    )
    artikel_publish(artikel=artikel, revisie=artikel.revisie)  # bundled content: no review
    return artikel


def test_redacteur_edits_rich_text_picks_products_by_typing_and_a_second_approves(
    page, live_server, make_user, login, axe_check, screenshot, artikel
):
    from loket.catalogue.models import Product
    from loket.knowledge.constants import ArtikelStatus
    from loket.knowledge.models import Kennisartikel

    make_user("redacteur", username="anouk", password="geheim-123")
    make_user("redacteur", username="bram", password="geheim-123")
    edit_url = f"{live_server.url}/kennis/redactie/artikel/kliko-kapot/"

    login("anouk", "geheim-123")
    page.goto(edit_url)
    # A real editor: a toolbar and an editable area instead of raw HTML in a textarea.
    editor = page.locator(".prose-editor [contenteditable=true]")
    expect(editor).to_be_visible()
    expect(editor).to_have_attribute("aria-labelledby", "id_antwoord_label")
    expect(page.locator("textarea#id_antwoord")).to_be_hidden()
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Vandaag nog")
    page.keyboard.press("Control+b")
    expect(editor.locator("strong")).to_have_text("Vandaag nog")

    # Products by typing: an ARIA combobox whose suggestions come from the server.
    combobox = page.get_by_role("combobox", name="Product toevoegen")
    combobox.press_sequentially("aanvr", delay=30)
    listbox = page.get_by_role("listbox", name="Gevonden producten")
    expect(listbox).to_be_visible()
    expect(combobox).to_have_attribute("aria-expanded", "true")
    # The product already chosen is not offered again.
    expect(listbox.get_by_role("option")).to_have_count(3)
    expect(listbox.get_by_role("option").first).to_contain_text("identiteitskaart")
    for _ in range(3):  # identiteitskaart, parkeervergunning, paspoort
        combobox.press("ArrowDown")
    paspoort = Product.objects.get(upl_naam="paspoort")
    expect(combobox).to_have_attribute("aria-activedescendant", f"optie-{paspoort.pk}")
    axe_check("redactie-combobox-open")
    screenshot("redactie-bewerken-combobox")
    combobox.press("Enter")  # chooses; does not submit the form
    expect(listbox).to_be_hidden()
    expect(page.locator("#producten-status")).to_have_text("paspoort toegevoegd.")
    chips = page.locator("#producten-chips [data-chip]")
    expect(chips).to_have_count(2)
    expect(combobox).to_have_value("")
    page.get_by_role("button", name="afvalcontainer verwijderen").click()
    expect(chips).to_have_count(1)
    expect(page.locator("#producten-status")).to_have_text("afvalcontainer verwijderd.")

    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("De wijzigingen zijn opgeslagen")).to_be_visible()
    saved = Kennisartikel.objects.get(slug="kliko-kapot")
    assert saved.antwoord == "<p>Meld het online. <strong>Vandaag nog</strong></p>"
    assert [p.upl_naam for p in saved.producten.all()] == ["paspoort"]

    # Review: the author offers it and cannot approve it.
    with page.expect_navigation():
        page.get_by_role("button", name="Ter beoordeling aanbieden").click()
    expect(page.locator("#wacht-op-beoordeling")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren en publiceren")).to_have_count(0)

    # A second redacteur sees what changed and approves.
    page.context.clear_cookies()
    login("bram", "geheim-123")
    page.goto(edit_url)
    wijzigingen = page.get_by_role(
        "region", name="Wijzigingen ten opzichte van gepubliceerde versie 1"
    )
    expect(wijzigingen.locator("[data-veld=antwoord] ins")).to_contain_text("Vandaag nog")
    expect(wijzigingen.locator("[data-veld=producten] del")).to_contain_text("afvalcontainer")
    axe_check("redactie-beoordelen")
    screenshot("redactie-beoordelen")
    with page.expect_navigation():
        page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.get_by_text("U heeft de versie goedgekeurd")).to_be_visible()
    saved = Kennisartikel.objects.get(slug="kliko-kapot")
    assert saved.status == ArtikelStatus.GEPUBLICEERD
    versie = saved.gepubliceerde_versie
    assert versie.nummer == 2
    assert (versie.ingediend_door.username, versie.gepubliceerd_door.username) == ("anouk", "bram")
    assert versie.antwoord == saved.antwoord


def test_without_javascript_the_form_still_edits_and_removes_products(
    browser, live_server, make_user, artikel
):
    from loket.knowledge.models import Kennisartikel

    make_user("redacteur", username="anouk", password="geheim-123")
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/medewerker/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anouk")
    page.get_by_label("Wachtwoord").fill("geheim-123")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/kennis/redactie/artikel/kliko-kapot/")
    expect(page.locator("textarea#id_antwoord")).to_be_visible()
    page.get_by_role("checkbox", name="afvalcontainer").uncheck()
    page.get_by_label("Product toevoegen").fill("Paspoort aanvragen")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()
    assert [p.upl_naam for p in Kennisartikel.objects.get().producten.all()] == ["paspoort"]
    context.close()
