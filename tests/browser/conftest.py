"""Helpers for the browser journeys (the `page` fixture lives in the top-level conftest)."""

import os
from pathlib import Path

import pytest


@pytest.fixture
def screenshot(page):
    """screenshot(name): save the page to $LOKET_SCREENSHOTS (if set) to look at the design."""
    target = os.environ.get("LOKET_SCREENSHOTS")

    def _take(name: str) -> None:
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=True)

    return _take


@pytest.fixture
def login(page, live_server):
    """login(username, password): log in through the real form and wait for the next page."""

    def _login(username: str, password: str) -> None:
        page.goto(f"{live_server.url}/medewerker/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()

    return _login


@pytest.fixture
def axe_check(page):
    """axe_check(name): axe-core on the current page; no serious or critical violations."""
    from tests.browser.axe import assert_no_blocking_axe_violations

    def _check(name: str) -> None:
        assert_no_blocking_axe_violations(page, name)

    return _check
