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
