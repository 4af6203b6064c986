"""Logging in and out in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheerder_logs_in_through_the_form_and_lands_on_beheer(
    page, live_server, make_user, login, screenshot
):
    make_user("beheerder", username="bea", password="geheim-123")
    page.goto(f"{live_server.url}/medewerker/inloggen/")
    screenshot("login")

    login("bea", "geheim-123")

    assert page.url == f"{live_server.url}/beheer/"
    assert page.get_by_role("heading", level=1).inner_text() == "Beheer"
    assert page.title() == "Beheer · Gemeente Zeventerpen"
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Auditlog").is_visible()
    assert (
        nav.get_by_role("link", name="Beheer", exact=True).get_attribute("aria-current") == "page"
    )


def test_keyboard_only_login(page, live_server, make_user):
    make_user("beheerder", username="bea", password="geheim-123")
    page.goto(f"{live_server.url}/medewerker/inloggen/")

    # The username field has autofocus; the rest is typing, Tab and Enter.
    page.keyboard.type("bea")
    page.keyboard.press("Tab")
    page.keyboard.type("geheim-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/beheer/"


def test_wrong_password_shows_a_dutch_error_linked_to_the_fields(page, live_server, make_user):
    make_user("beheerder", username="bea", password="geheim-123")
    page.goto(f"{live_server.url}/medewerker/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("bea")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()

    alert = page.get_by_role("alert")
    assert "Gebruikersnaam of wachtwoord is onjuist" in alert.inner_text()
    assert page.title().startswith("Fout: Inloggen")
    error_id = alert.get_attribute("id")
    for label in ("Gebruikersnaam", "Wachtwoord"):
        field = page.get_by_label(label)
        assert error_id in field.get_attribute("aria-describedby").split()
        assert field.get_attribute("aria-invalid") == "true"
    # The accessible description of the field is the error text.
    description = page.evaluate(
        """() => document.getElementById(
            document.getElementById('id_password').getAttribute('aria-describedby')
        ).innerText"""
    )
    assert "onjuist" in description


def test_logout_returns_to_the_start_page(page, live_server, make_user, login):
    make_user("kcc-medewerker", username="anna", password="geheim-123")
    login("anna", "geheim-123")
    assert page.url == f"{live_server.url}/kcc/"  # the KCC role's start page

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()

    assert page.url == f"{live_server.url}/"
    assert "U bent uitgelogd." in page.get_by_role("status").first.inner_text()
    assert page.get_by_role("link", name="Inloggen voor medewerkers").is_visible()
    page.goto(f"{live_server.url}/medewerker/")
    assert "/medewerker/inloggen/" in page.url
