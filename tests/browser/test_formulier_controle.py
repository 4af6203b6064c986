"""The verhuismelding's check page in a real browser (issue 16, item 11): the new address as the
BAG spells it, the date kept as dd-mm-jjjj after going back, the "te laat doorgegeven" notice
for a move long ago, the required truthfulness declaration, and "Regel ook" in Mijn Loket
without emigration after a move within the municipality. axe-core on every page."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.axe import assert_no_blocking_axe_violations
from tests.browser.test_flits import verhuizers  # noqa: F401  (the same small Zeventerpen)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inloggen(page, live_server):
    page.goto(f"{live_server.url}/formulieren/verhuismelding/")
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD-simulator").click()
    page.get_by_label("Anna Terpstra", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen als deze inwoner").click()


def test_check_page_address_dates_late_notice_declaration_and_regel_ook(
    page,
    live_server,
    verhuizers,  # noqa: F811
    screenshot,
):
    from loket.selfservice.models import Inzending

    _inloggen(page, live_server)
    assert page.url.endswith("/stap/1/")
    verhuisdatum = (timezone.localdate() - dt.timedelta(days=40)).strftime("%d-%m-%Y")
    page.get_by_label("Postcode").fill("8432 cd")
    page.get_by_label("Huisnummer").fill("8")
    page.get_by_label("Verhuisdatum").fill(verhuisdatum)
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende stap").click()
    assert page.url.endswith("/stap/2/")

    # Back to step 1: the date is shown as the citizen typed it, not as 2026-10-24.
    with page.expect_navigation():
        page.get_by_role("button", name="Vorige stap").click()
    assert page.url.endswith("/stap/1/")
    assert page.get_by_label("Verhuisdatum").input_value() == verhuisdatum
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende stap").click()
    page.get_by_role("group", name="Verhuizen er ook mensen mee").get_by_label("Nee").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende stap").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Naar controleren").click()

    # The check page: street and place from the BAG, and the late notice.
    main = page.locator("main").inner_text()
    assert "Brink 8, 8432 CD Zeventerpen" in main
    assert "Te laat doorgegeven" in main and verhuisdatum in main
    assert_no_blocking_axe_violations(page, "controleren, te laat")
    screenshot("controle-te-laat")

    # Sending without the declaration is refused at the checkbox; nothing is stored.
    with page.expect_navigation():
        page.get_by_role("button", name="Versturen").click()
    assert "naar waarheid" in page.get_by_role("alert").inner_text()
    verklaring = page.get_by_label("Ik verklaar dat ik alles naar waarheid heb ingevuld")
    assert verklaring.get_attribute("aria-invalid") == "true"
    assert Inzending.objects.count() == 0
    assert_no_blocking_axe_violations(page, "controleren, verklaring ontbreekt")
    screenshot("controle-verklaring")
    verklaring.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Versturen").click()
    assert Inzending.objects.count() == 1
    assert "/formulieren/inzending/" in page.url

    # Mijn Loket offers the rest of "verhuizen", but not leaving the country.
    page.goto(f"{live_server.url}/mijn/")
    regel_ook = page.get_by_role("region", name="Regel ook")
    tekst = regel_ook.inner_text()
    assert "Parkeervergunning" in tekst or "parkeervergunning" in tekst
    assert "buitenland" not in tekst.lower() and "emigr" not in tekst.lower()
    assert_no_blocking_axe_violations(page, "mijn loket")
