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
