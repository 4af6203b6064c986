"""Keyboard use, focus visibility and small screens, checked in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """(element) => {
    const style = getComputedStyle(element);
    return {
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        top: element.getBoundingClientRect().top,
    };
}"""


def test_tab_reaches_the_skip_link_first_with_a_visible_focus_ring(
    page, live_server, make_user, login
):
    make_user("beheerder", username="bea", password="geheim-123")
    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/medewerker/")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    unfocused = skip_link.evaluate(FOCUS_STYLE)

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar de inhoud"
    focused = skip_link.evaluate(FOCUS_STYLE)
    assert focused["outlineStyle"] == "solid"
    assert float(focused["outlineWidth"].removesuffix("px")) >= 2
    assert (focused["outlineStyle"], focused["boxShadow"]) != (
        unfocused["outlineStyle"],
        unfocused["boxShadow"],
    )
    assert focused["boxShadow"] != "none"
    # Hidden off screen until focused, then shown at the top of the viewport.
    assert unfocused["top"] < 0 <= focused["top"]

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_buttons_and_links_show_a_focus_ring(page, live_server, make_user, login):
    make_user("beheerder", username="bea", password="geheim-123")
    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/medewerker/")
    page.wait_for_load_state("load")
    checked = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {tag: el.tagName, text: el.textContent.trim(), outline: style.outlineStyle,
                        width: parseFloat(style.outlineWidth)};
            }"""
        )
        if info["tag"] == "BODY":
            # Tabbing past the last control leaves the page for a moment: not a control.
            continue
        assert info["outline"] == "solid", info
        assert info["width"] >= 2, info
        checked.add(info["text"])
    assert {"Uitloggen", "Auditlog", "Beheer"} <= checked


def test_pages_fit_a_320px_wide_screen(page, live_server, make_user, login):
    make_user("beheerder", username="bea", password="geheim-123")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/medewerker/inloggen/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    login("bea", "geheim-123")
    for path in ("/medewerker/", "/beheer/", "/beheer/auditlog/"):
        page.goto(f"{live_server.url}{path}")
        # Wide tables scroll inside their own region, never the page.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_role_home_lists_each_role(page, live_server, make_user, login, screenshot):
    from loket.accounts.services import user_create

    user_create(
        username="karin",
        password="geheim-123",
        first_name="Karin",
        roles=["kcc-medewerker", "redacteur"],
    )
    login("karin", "geheim-123")
    page.goto(f"{live_server.url}/medewerker/")  # the KCC role starts at /kcc/
    screenshot("home")

    assert page.get_by_role("heading", level=1).inner_text() == "Welkom, Karin"
    assert page.get_by_role("heading", name="KCC-medewerker").is_visible()
    assert page.get_by_role("heading", name="Redacteur").is_visible()
    assert page.get_by_role("link", name="Kennisbank raadplegen").count() == 1
    assert page.get_by_role("link", name="Kennisartikelen beheren").count() == 1
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Auditlog").count() == 0
