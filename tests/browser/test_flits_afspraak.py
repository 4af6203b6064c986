"""Face in a real browser: book an appointment and reschedule it by its link, take a ticket at the
kiosk, and the teamleider's counter view with its signal. axe-core on every page."""

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stadhuis(db, make_user):
    from loket.balie.models import Locatie
    from loket.catalogue.tests.factories import ProductFactory

    product = ProductFactory(upl_naam="paspoort")
    locatie = Locatie.objects.create(
        slug="stadhuis",
        naam="Stadhuis",
        adres="Markt 1, Zeventerpen",
        openingstijden={str(d): ["08:00", "20:00"] for d in range(7)},
        balies_voor_afspraken=1,
        open_balies=1,
        gemiddelde_behandelduur_minuten=10,
    )
    locatie.producten.add(product)
    make_user("teamleider", username="tessa", password="geheim-123")
    return product


def test_booking_rescheduling_kiosk_and_counter_view(page, live_server, stadhuis, login):
    import datetime as dt

    from django.utils import timezone

    from loket.balie.models import Afspraak
    from loket.core.calendar import get_calendar
    from loket.messaging.models import Bericht

    # Tomorrow's slots: an appointment booked in today's first slot may have begun by the time
    # the test reschedules it, and a begun appointment can no longer be moved.
    dag = timezone.localdate() + dt.timedelta(days=1)
    while get_calendar().is_holiday(dag):  # the counter is closed on public holidays
        dag += dt.timedelta(days=1)
    morgen = dag.isoformat()
    page.goto(f"{live_server.url}/afspraken/{stadhuis.uuid}/?datum={morgen}")
    assert_no_blocking_axe_violations(page, "afspraak maken")
    page.locator("input[name=tijdslot]:not([disabled])").first.check()
    page.get_by_label("Naam").fill("Jan Jansen")
    page.get_by_label("E-mailadres").fill("jan@voorbeeld")  # a mistake first
    with page.expect_navigation():
        page.get_by_role("button", name="Afspraak maken").click()
    assert "geen geldig e-mailadres" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Naam").input_value() == "Jan Jansen"
    page.locator("input[name=tijdslot]:not([disabled])").first.check()
    page.get_by_label("E-mailadres").fill("jan@voorbeeld.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Afspraak maken").click()
    assert "/afspraken/beheren/" in page.url
    assert_no_blocking_axe_violations(page, "afspraak beheren")
    afspraak = Afspraak.objects.get()
    assert afspraak.token in Bericht.objects.get().tekst  # the link in the confirmation

    eerst = afspraak.start
    page.goto(f"{page.url.split('?')[0]}?datum={morgen}")
    page.locator("input[name=tijdslot]:not([disabled]):not(:checked)").nth(1).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Afspraak verzetten").click()
    afspraak.refresh_from_db()
    assert afspraak.start != eerst

    page.goto(f"{live_server.url}/balie/stadhuis/kiosk/")
    assert_no_blocking_axe_violations(page, "kiosk")
    for _ in range(3):
        page.goto(f"{live_server.url}/balie/stadhuis/kiosk/")
        with page.expect_navigation():
            page.get_by_role("button", name="Paspoort").click()
    assert "B003" in page.locator("main").inner_text()
    assert "ongeveer 20 minuten" in page.locator("main").inner_text()
    assert_no_blocking_axe_violations(page, "ticket")

    login("tessa", "geheim-123")
    page.goto(f"{live_server.url}/balie/stadhuis/")
    assert "Open een extra balie" in page.get_by_role("alert").inner_text()
    assert_no_blocking_axe_violations(page, "balie")
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende oproepen").click()
    assert "B001 aan balie 1" in page.locator("main").inner_text()
