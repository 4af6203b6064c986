"""Booking an appointment in a real browser (issue 16, item 11): the confirmation says it worked
and what to bring for this product, and offers the appointment as an .ics file."""

import datetime as dt
from pathlib import Path

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def paspoort(db):
    from loket.balie.models import Locatie
    from loket.catalogue.tests.factories import ProductFactory

    product = ProductFactory(
        upl_naam="paspoort",
        benodigdheden="Uw oude paspoort of identiteitskaart.\nEen recente pasfoto.",
    )
    locatie = Locatie.objects.create(
        slug="stadhuis",
        naam="Stadhuis",
        adres="Markt 1, Zeventerpen",
        openingstijden={str(d): ["08:00", "20:00"] for d in range(7)},
        balies_voor_afspraken=1,
    )
    locatie.producten.add(product)
    return product


def test_confirmation_says_it_worked_what_to_bring_and_offers_an_ics(
    page, live_server, paspoort, screenshot
):
    from django.utils import timezone

    from loket.core.calendar import get_calendar

    dag = timezone.localdate() + dt.timedelta(days=1)
    while get_calendar().is_holiday(dag):
        dag += dt.timedelta(days=1)
    page.goto(f"{live_server.url}/afspraken/{paspoort.uuid}/?datum={dag.isoformat()}")
    page.locator("input[name=tijdslot]:not([disabled])").first.check()
    page.get_by_label("Naam").fill("Jan Jansen")
    page.get_by_label("E-mailadres").fill("jan@voorbeeld.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Afspraak maken").click()

    status = page.get_by_role("status").filter(has_text="Uw afspraak is gemaakt")
    assert "jan@voorbeeld.example" in status.inner_text()
    meenemen = page.get_by_role("region", name="Wat neemt u mee?").inner_text()
    assert "Uw oude paspoort of identiteitskaart." in meenemen
    assert "Een recente pasfoto." in meenemen
    assert_no_blocking_axe_violations(page, "afspraak gemaakt")
    screenshot("afspraak-gemaakt")

    with page.expect_download() as info:
        page.get_by_role("link", name="Zet de afspraak in uw agenda").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    inhoud = Path(download.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in inhoud and "DTSTART;TZID=Europe/Amsterdam:" in inhoud
