"""Daily use of the KCC screens in a real browser (issue 16): the keyboard, drafts that survive
leaving the contact, the product and contactreden "Gebruik dit antwoord" suggests, and the
contactverzoek form with team or medewerker and the deadline the norm gives."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_RING = "rgb(255, 210, 63) 0px 0px 0px 2px"


@pytest.fixture
def kcc_data(db, make_user):
    """A BRP person known to Loket, the channels, two contact reasons and the agent kim.

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
    persoon = BrpPersoonFactory(voornamen="Fenna", geslachtsnaam="Terpstra")
    persoon_from_brp(bsn=persoon.bsn, user=None, purpose="Testgegevens")
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    return persoon


def _tab_to(page, predicate: str, limit: int = 60) -> list[str]:
    """Press Tab until the focused element matches the JS `predicate` (el => bool); returns the
    labels of the elements passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        passed.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.id || (e.textContent || '').trim().slice(0, 40); }"
            )
        )
        if page.evaluate(f"() => ({predicate})(document.activeElement)"):
            return passed
    pytest.fail(f"Tab bereikt het element niet; langs: {passed}")


def _focus_style(page) -> dict:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"
    )


def test_keyboard_search_focused_panel_before_buttons_visible_focus_and_real_selects(
    page, live_server, login, axe_check, kcc_data
):
    login("kim", "geheim-123")
    # The search page: the agent types the BSN at once.
    expect(page.get_by_role("search", name="Persoon op BSN").get_by_label("BSN")).to_be_focused()

    page.get_by_label("Werkplek").select_option(label="Telefoon")
    with page.expect_navigation():
        page.get_by_role("button", name="Werkplek opslaan").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Anoniem contact").click()

    # Visible focus on the <summary> and on the open-contact tab (the focus ring of links).
    page.locator("a.loket-nav__link").last.focus()
    _tab_to(page, "el => el.tagName === 'SUMMARY'")
    style = _focus_style(page)
    assert style["outline"] == "solid" and style["width"] == "2px", style
    assert style["shadow"] == FOCUS_RING
    _tab_to(page, "el => el.classList.contains('kcc-tabs__link')")
    style = _focus_style(page)
    assert style["outline"] == "solid" and style["width"] == "2px", style
    assert style["shadow"] == FOCUS_RING

    # The knowledge panel comes before the save buttons in tab order.
    page.get_by_label("Notities").focus()
    passed = _tab_to(page, "el => el.textContent.trim() === 'Contact vastleggen'")
    assert "kennis-q" in passed, passed

    # Selects look like selects: the Utrecht chevron is drawn.
    for name in ("Kanaal", "Contactreden", "Afhandeling"):
        image = page.get_by_label(name, exact=True).evaluate(
            "el => getComputedStyle(el).backgroundImage"
        )
        assert image.startswith('url("data:image/svg+xml'), (name, image)
    axe_check("contactformulier (toetsenbord)")


def test_typed_work_survives_the_klantbeeld_a_cancel_question_and_a_logout(
    page, live_server, login, axe_check, screenshot, kcc_data
):
    login("kim", "geheim-123")
    bsn_form = page.get_by_role("search", name="Persoon op BSN")
    bsn_form.get_by_label("BSN").fill(kcc_data.bsn)
    bsn_form.get_by_role("button", name="Zoeken").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Fenna Terpstra").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Nieuw contact").click()
    contact_url = page.url

    page.get_by_label("Vraag van de klant").press_sequentially("Paspoort gestolen in Spanje")
    with page.expect_response("**/concept/"):
        page.get_by_label("Notities").fill("Belt vanuit Málaga.")
    status = page.locator("[data-concept-status]")
    expect(status).to_contain_text("Concept bewaard om")
    axe_check("contactformulier met concept")

    # To the klantbeeld and back through the open-contact tab: nothing is lost.
    with page.expect_navigation():
        page.locator(".kcc-pagehead").get_by_role("link", name="Fenna Terpstra").click()
    assert "/kcc/partij/" in page.url
    with page.expect_navigation():
        page.get_by_role("navigation", name="Open contacten").get_by_role("link").click()
    expect(page.get_by_label("Vraag van de klant")).to_have_value("Paspoort gestolen in Spanje")
    expect(page.get_by_label("Notities")).to_have_value("Belt vanuit Málaga.")

    # Typed and left at once: the browser warns while the draft is not stored yet.
    page.route("**/concept/", lambda route: route.abort())
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_label("Notities").fill("Belt vanuit Málaga. Terugbellen na 17:00.")
    expect(status).to_contain_text("Concept niet bewaard")
    page.locator(".kcc-pagehead").get_by_role("link", name="Fenna Terpstra").click()
    expect(page.get_by_label("Notities")).to_have_value("Belt vanuit Málaga. Terugbellen na 17:00.")
    assert dialogs == ["beforeunload"]
    assert page.url == contact_url
    page.unroute("**/concept/")

    # "Contact annuleren" asks first; "Nee" brings the agent back to everything he typed.
    with page.expect_navigation():
        page.get_by_role("button", name="Contact annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact annuleren?")
    assert page.get_by_text("Paspoort gestolen in Spanje").is_visible()
    axe_check("annuleren bevestigen")
    screenshot("kcc-annuleren-bevestigen")
    with page.expect_navigation():
        page.get_by_role("link", name="Nee, terug naar het contact").click()
    expect(page.get_by_label("Notities")).to_have_value("Belt vanuit Málaga. Terugbellen na 17:00.")

    # Logging out asks first, keeps the contact; after logging in it is there again.
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    assert page.get_by_text("U hebt 1 open contact (Fenna Terpstra)").is_visible()
    axe_check("uitloggen bevestigen")
    with page.expect_navigation():
        page.get_by_role("button", name="Toch uitloggen").click()
    login("kim", "geheim-123")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Open contacten").get_by_role("link").click()
    expect(page.get_by_label("Vraag van de klant")).to_have_value("Paspoort gestolen in Spanje")
    assert dialogs == ["beforeunload"]


@pytest.fixture
def reisdocumenten(kcc_data):
    """The stolen-passport article of issue 16 with its three products, the reasons, an index."""
    from loket.catalogue.tests.factories import ProductFactory
    from loket.contacts.models import Contactreden
    from loket.knowledge.search.engine import invalidate
    from loket.knowledge.tests.factories import KennisartikelFactory

    producten = [
        ProductFactory(
            upl_naam="identiteitskaart", titel="Identiteitskaart aanvragen", is_gemeente=True
        ),
        ProductFactory(upl_naam="paspoort", titel="Paspoort aanvragen", is_gemeente=True),
        ProductFactory(upl_naam="reisdocument", titel="Reisdocument"),
    ]
    KennisartikelFactory(
        vraag="Mijn paspoort of identiteitskaart is kwijt of gestolen. Wat nu?",
        antwoord="<p>Doe aangifte bij de politie en vraag een nieuw document aan.</p>",
        producten=producten,
        gepubliceerd=True,
    )
    hoofd = Contactreden.objects.get(code="reisdocumenten")
    for code, naam in [
        ("id-aanvragen", "Identiteitskaart aanvragen"),
        ("kwijt", "Document kwijt of gestolen"),
    ]:
        Contactreden.objects.get_or_create(code=code, defaults={"naam": naam, "hoofdreden": hoofd})
    invalidate()
    yield
    invalidate()


def test_gebruik_dit_antwoord_proposes_the_product_and_reason_of_the_question(
    page, live_server, login, axe_check, screenshot, reisdocumenten
):
    login("kim", "geheim-123")
    with page.expect_navigation():
        page.get_by_role("button", name="Anoniem contact").click()
    page.get_by_label("Vraag van de klant").fill("Mijn paspoort is gestolen, wat moet ik doen?")
    page.get_by_label("Zoek in de kennisbank").click()  # leaving the question fills the panel
    gebruik = page.locator("#kennis-resultaten").get_by_role("button", name="Gebruik dit antwoord")
    gebruik.first.click()

    product = page.locator("select[name='vraag-0-product']")
    reden = page.get_by_label("Contactreden")
    from loket.contacts.models import Contactreden, Vraag

    expect(reden).to_have_value(str(Contactreden.objects.get(code="kwijt").pk))
    assert product.evaluate("el => el.selectedOptions[0].text") == "Paspoort aanvragen"
    gekozen = page.locator("[data-kennis-gekozen]")
    expect(gekozen).to_contain_text("Voorgesteld: product Paspoort aanvragen")
    expect(gekozen).to_contain_text("Document kwijt of gestolen")
    axe_check("voorstel na Gebruik dit antwoord")
    screenshot("kcc-voorstel")

    # The agent can change both; a later answer does not overwrite his choice.
    reden.select_option(label="Paspoort aanvragen")
    gebruik.first.click()
    page.wait_for_timeout(300)
    assert reden.evaluate("el => el.selectedOptions[0].text") == "Paspoort aanvragen"

    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    vraag = Vraag.objects.get()
    assert vraag.product.upl_naam == "paspoort"
    assert vraag.contactreden.naam == "Paspoort aanvragen"
    assert vraag.kennisartikel_versie is not None


def test_contactverzoek_to_a_team_or_a_medewerker_with_the_deadline_shown_first(
    page, live_server, login, make_user, axe_check, screenshot, kcc_data
):
    from loket.accounts.services import team_add_member, team_create
    from loket.catalogue.tests.factories import ProductFactory
    from loket.contacts.models import Contactverzoek, ContactverzoekNorm

    bea = make_user("backoffice-medewerker", username="bea", password="geheim-123")
    bea.first_name, bea.last_name = "Bea", "Bakker"
    bea.save()
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=team, user=bea)
    product = ProductFactory(upl_naam="paspoort", titel="Paspoort aanvragen", is_gemeente=True)
    ContactverzoekNorm.objects.create(team=None, product=product, werkuren=4)

    login("kim", "geheim-123")
    with page.expect_navigation():
        page.get_by_role("button", name="Anoniem contact").click()
    page.get_by_label("Contactreden").select_option(label="Paspoort aanvragen")
    page.get_by_label("Vraag van de klant").fill("Kan iemand mij terugbellen over mijn paspoort?")
    page.get_by_label("Afhandeling").select_option(value="contactverzoek")
    verzoek = page.locator("[data-verzoek]")
    deadline = verzoek.locator("[data-verzoek-deadline]")
    expect(deadline).to_contain_text("Terugbellen uiterlijk:")
    expect(deadline).to_contain_text("norm: 16 werkuren")
    page.locator("select[name='vraag-0-product']").select_option(label="Paspoort aanvragen")
    expect(deadline).to_contain_text("norm: 4 werkuren")  # refreshed for the product's norm
    assert verzoek.get_by_text("ten minste één is verplicht").is_visible()
    verzoek.get_by_label("Gevraagde handeling").fill("Bel de klant terug over de aanvraag.")
    verzoek.get_by_label("Terugbelnummer").fill("06 12345678")

    # Neither team nor medewerker: a Dutch error naming both, nothing stored.
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.locator("#id_vraag-0-team_error")).to_contain_text(
        "Kies een team of een medewerker voor het contactverzoek (ten minste één van beide)."
    )
    assert not Contactverzoek.objects.exists()

    verzoek.get_by_label("Medewerker").select_option(label="Bea Bakker (Burgerzaken)")
    axe_check("contactverzoek met medewerker en deadline")
    screenshot("kcc-contactverzoek-deadline")
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    assert "Contactverzoeken uitgezet: 1" in page.get_by_role("status").first.inner_text()
    saved = Contactverzoek.objects.get()
    assert saved.medewerker == bea and saved.team is None
