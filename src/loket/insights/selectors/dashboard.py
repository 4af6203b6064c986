"""The KPI dashboard and the monthly report: the sections of dashboard_contacts and dashboard_cases."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from loket.insights.secties import extra_secties
from loket.insights.selectors.dashboard_cases import (
    _formule_section,
    _tevredenheid_section,
    _zaken_section,
)
from loket.insights.selectors.dashboard_chat import chat_section
from loket.insights.selectors.dashboard_contacts import (
    _contact_sections,
    _dienstverlening_section,
    _telefoon_section,
)
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.norms import norm_map
from loket.insights.selectors.presentation import Dashboard, filter_melding

# Figures that a filter cannot apply to (their summaries do not hold that dimension), labelled
# next to the figure. Telephony and the counter label themselves in their sections.
NIET_FILTERBAAR = {
    "zaak_servicenorm": ("Zaken", ("kanaal",)),
    "zaak_termijn": ("Zaken", ("kanaal",)),
    "formule": ("Garanties (zaken, Flits)", ("kanaal",)),
}


def dashboard_get(*, filters: Filters, today: dt.date | None = None) -> Dashboard:
    """The whole dashboard for the filters, from the daily summaries."""
    today = today or timezone.localdate()
    normen = norm_map()
    (kwaliteit, kanalen), email, email_trend, x = _contact_sections(filters, normen)
    secties = [
        kwaliteit,
        # Sections other apps registered (insights.secties), e.g. kwaliteit's juistheid.
        *extra_secties(filters, normen),
        kanalen,
        _telefoon_section(filters, normen),
        chat_section(filters),
        _dienstverlening_section(filters, normen, today, email, email_trend, x),
        _zaken_section(filters, normen),
        _formule_section(filters, normen),
        _tevredenheid_section(filters, normen),
    ]
    for sectie in secties:
        for kpi in sectie.kpis:
            if kpi.code in NIET_FILTERBAAR and not kpi.filter_melding:
                onderwerp, niet = NIET_FILTERBAAR[kpi.code]
                kpi.filter_melding = filter_melding(onderwerp, filters, niet=niet)
    return Dashboard(filters=filters, secties=secties)


def maandrapport_get(*, maand: dt.date, filters: Filters | None = None) -> Dashboard:
    """The dashboard for one calendar month, per week (for the printable report)."""
    start = maand.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    base = filters or Filters(van=start, tot=end)
    f = Filters(
        van=start,
        tot=end,
        kanaalsoort=base.kanaalsoort,
        team=base.team,
        product=base.product,
        per="week",
    )
    return dashboard_get(filters=f)
