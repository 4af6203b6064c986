"""Dutch notation and honest filters on the dashboard (issue 16, item 12)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory
from loket.core.models import Kanaal
from loket.insights.models import ContactDagTotaal, GesprekDagTotaal, KanaalKosten
from loket.insights.selectors.presentation import (
    Kpi,
    Tabel,
    format_euro,
    format_number,
    format_pct,
    period_label,
)
from loket.insights.summaries import month_of, week_of


def test_numbers_amounts_and_percentages_in_dutch_notation():
    assert format_number(4000) == "4.000"
    assert format_number(1234567) == "1.234.567"
    assert format_number(2.5) == "2,5"
    assert format_number(82.26, 1) == "82,3"
    assert format_number(1234.5, 2) == "1.234,50"
    assert format_number(0) == "0"
    assert format_euro(1234.56) == "€ 1.234,56"
    assert format_euro(18) == "€ 18,00"
    assert format_euro(0.5) == "€ 0,50"
    assert format_pct(82.3) == "82,3%"
    assert format_pct(100) == "100,0%"
    assert format_pct(None) == "—"


def test_periods_as_people_say_them():
    assert period_label(dt.date(2025, 12, 1), "maand") == "december 2025"
    assert period_label(dt.date(2026, 3, 1), "maand") == "maart 2026"
    this_year = timezone.localdate().isocalendar().year
    monday = dt.date.fromisocalendar(this_year, 45, 1)
    assert period_label(monday, "week") == "week 45"
    assert period_label(dt.date.fromisocalendar(this_year - 1, 52, 1), "week") == (
        f"week 52 ({this_year - 1})"
    )


def test_kpi_and_table_cells_are_shown_in_dutch():
    assert Kpi("kosten", "Kosten", 1234.56, "€").weergave == "€ 1.234,56"
    assert Kpi("sl", "Servicelevel", 79.5, "%").weergave == "79,5%"
    assert Kpi("asa", "ASA", 12.26, "s").weergave == "12,3 s"
    assert Kpi("n", "Contacten", 4000, "").weergave == "4.000"
    tabel = Tabel(
        "t",
        "T",
        ["Kanaal", "Contacten", "Aandeel %", "Kosten (€)"],
        [["Telefoon", 1500, 37.5, 8175.0]],
    )
    assert tabel.regels == [(None, "Telefoon", ["1.500", "37,5%", "€ 8.175,00"])]


@pytest.fixture
def teamleider(client, make_user):
    client.force_login(make_user("teamleider"))
    return client


def _figures(today: dt.date, team) -> None:
    """A month of contacts for the team and telephony (which has no team) on one day."""
    day = today - dt.timedelta(days=3)
    telefoon = Kanaal.objects.get(code="telefoon")
    from loket.contacts.services import contactreden_create

    reden = contactreden_create(naam="Paspoort aanvragen")
    ContactDagTotaal.objects.create(
        datum=day,
        week=week_of(day),
        maand=month_of(day),
        kanaal=telefoon,
        kanaalsoort=telefoon.soort,
        contactreden=reden,
        afhandeling="beantwoord",
        team=team,
        vragen=1500,
        contacten=1500,
    )
    GesprekDagTotaal.objects.create(
        datum=day,
        week=week_of(day),
        maand=month_of(day),
        halfuur=20,
        wachtrij="Algemeen",
        aangeboden=2000,
        beantwoord=1900,
        binnen_norm=1590,
        verlaten=100,
        kort_verlaten=10,
        wachttijd_totaal=1900 * 21.5,
        afgehandeld=1900,
        afhandeltijd_totaal=1900 * 240,
    )
    KanaalKosten.objects.update_or_create(
        soort=telefoon.soort, defaults={"kosten_per_contact": "5.45"}
    )


def _kpi_html(html: str, code: str) -> str:
    match = re.search(rf'<li class="insights-kpi[^"]*" id="kpi-{code}">(.*?)</li>', html, re.S)
    assert match, code
    return match.group(1)


def test_team_filter_labels_the_telephony_figures_it_cannot_apply_to(teamleider):
    today = timezone.localdate()
    team = TeamFactory(name="Burgerzaken")
    _figures(today, team)
    van = (today - dt.timedelta(days=10)).isoformat()
    html = teamleider.get(f"/inzicht/?van={van}&tot={today.isoformat()}&per=maand").content.decode()
    assert "niet per team beschikbaar" not in html
    kosten = _kpi_html(html, "kosten")
    assert "€ 8.175,00" in kosten  # 1.500 phone contacts × € 5,45
    sl = _kpi_html(html, "serviceniveau")
    assert "79,9%" in sl  # 1.590 of (2.000 − 10)
    assert "1.590 van 1.990" in sl
    assert "21,5 s" in _kpi_html(html, "asa")
    assert f"{period_label(month_of(today - dt.timedelta(days=3)), 'maand')}" in html

    filtered = teamleider.get(
        f"/inzicht/?van={van}&tot={today.isoformat()}&per=week&team={team.slug}"
    ).content.decode()
    for code in ("serviceniveau", "verlaten", "asa", "aht"):
        assert "Telefonie: niet per team beschikbaar" in _kpi_html(filtered, code), code
    # The contact figures are filtered and carry no such label.
    assert "niet per team" not in _kpi_html(filtered, "fcr")
    assert "€ 8.175,00" in _kpi_html(filtered, "kosten")
    assert period_label(week_of(today - dt.timedelta(days=3)), "week") in filtered
    # Zaken have no channel: the channel filter is labelled there.
    by_channel = teamleider.get(
        f"/inzicht/?van={van}&tot={today.isoformat()}&kanaal=call"
    ).content.decode()
    assert "Zaken: niet per kanaal beschikbaar" in _kpi_html(by_channel, "zaak_servicenorm")
