"""The insight dashboard in a real browser: Plotly draws the charts from the rendered JSON, the
norm line is labelled, every chart has its table, and axe-core finds no serious problems."""

import datetime as dt

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_draws_charts_with_norm_and_tables(page, live_server, make_user, login):
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Klantcontact, Vraag
    from loket.contacts.services import contactreden_create
    from loket.core.models import Kanaal

    reden = contactreden_create(naam="Afval")
    # Transactional tests flush the seeded channels: make sure this one exists.
    telefoon, _ = Kanaal.objects.get_or_create(
        code="telefoon", defaults={"naam": "Telefoon", "soort": "call"}
    )
    today = dt.date.today()
    for i in range(6):
        kc = Klantcontact.objects.create(
            referentienummer=f"KC-B-{i}",
            kanaal=telefoon,
            plaatsgevonden_op=dt.datetime.combine(
                today - dt.timedelta(days=7 * i), dt.time(10), tzinfo=dt.UTC
            ),
        )
        Vraag.objects.create(
            klantcontact=kc,
            vraagtekst="?",
            contactreden=reden,
            afhandeling=Afhandeling.BEANTWOORD if i % 2 else Afhandeling.CONTACTVERZOEK,
        )
    make_user("teamleider", username="tl", password="geheim-123")
    login("tl", "geheim-123")
    page.goto(f"{live_server.url}/inzicht/?per=week")
    page.wait_for_selector("#grafiek-fcr .main-svg", timeout=15000)
    # The norm line is labelled in the chart itself, not only by colour.
    assert "Norm FCR: 80%" in page.inner_text("#grafiek-fcr")
    assert page.locator("#tabel-fcr").is_visible()
    assert page.locator(".insights-grafiek").count() >= 5
    assert_no_blocking_axe_violations(page, "dashboard")

    page.goto(f"{live_server.url}/inzicht/?van=2026-03-10&tot=2026-03-01")
    assert "De einddatum ligt vóór de begindatum." in page.inner_text("main")


def test_charts_use_dutch_decimals_on_bars_and_in_tooltips(page, live_server, make_user, login):
    """Issue 16, item 12: chart texts, axes and tooltips in Dutch notation, periods in words."""
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Klantcontact, Vraag
    from loket.contacts.services import contactreden_create
    from loket.core.models import Kanaal

    reden = contactreden_create(naam="Afval")
    telefoon, _ = Kanaal.objects.get_or_create(
        code="telefoon", defaults={"naam": "Telefoon", "soort": "call"}
    )
    website, _ = Kanaal.objects.get_or_create(
        code="website", defaults={"naam": "Website", "soort": "click"}
    )
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    # One online contact and two phone calls in one week: shares of 33,3% and 66,7%.
    for i, kanaal in enumerate([website, telefoon, telefoon]):
        kc = Klantcontact.objects.create(
            referentienummer=f"KC-NL-{i}",
            kanaal=kanaal,
            plaatsgevonden_op=dt.datetime.combine(monday, dt.time(10 + i), tzinfo=dt.UTC),
        )
        Vraag.objects.create(
            klantcontact=kc, vraagtekst="?", contactreden=reden, afhandeling=Afhandeling.BEANTWOORD
        )
    from loket.insights.services import samenvattingen_recompute

    samenvattingen_recompute()
    make_user("teamleider", username="tl", password="geheim-123")
    login("tl", "geheim-123")
    van = (monday - dt.timedelta(days=1)).isoformat()
    page.goto(f"{live_server.url}/inzicht/?per=week&van={van}&tot={dt.date.today().isoformat()}")
    page.wait_for_selector("#grafiek-kanalen .main-svg", timeout=15000)
    chart = page.inner_text("#grafiek-kanalen")
    assert "33,3%" in chart and "66,7%" in chart
    assert "33.3" not in chart
    assert f"week {monday.isocalendar().week}" in chart
    # The tooltip of a bar says the share with a decimal comma too.
    page.locator("#grafiek-kanalen .point path").first.hover(force=True)
    page.wait_for_selector("#grafiek-kanalen .hoverlayer text", timeout=5000)
    tooltip = page.locator("#grafiek-kanalen .hoverlayer").text_content()
    assert ("33,3%" in tooltip or "66,7%" in tooltip) and "." not in tooltip, tooltip
    assert_no_blocking_axe_violations(page, "dashboard-notatie")
