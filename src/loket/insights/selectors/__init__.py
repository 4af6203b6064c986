"""Reads of the insights app, one module per page (docs/insights.md).

Everything here is aggregated: no names, BSNs or free texts of customers reach the dashboard.
The dashboard only reads the daily summaries (summaries.py); the worker's job `inzicht_bijwerken`
(core.jobs) keeps them current (actualiteit.py says what still waits).
"""

from loket.insights.selectors.contactredenen import contactredenen_get
from loket.insights.selectors.dashboard import dashboard_get, maandrapport_get
from loket.insights.selectors.filters import PERIODES, Filters, filters_from_params
from loket.insights.selectors.klantreizen import (
    JOURNEY_LEAD_DAYS,
    Klantreis,
    klantreis_producten,
    klantreizen_get,
)
from loket.insights.selectors.norms import (
    WERKUREN_PER_DAG,
    emailnorm_werkuren,
    kanaal_kosten,
    norm_map,
    norm_parameter,
)
from loket.insights.selectors.planning import WEEKDAGEN, Planning, planning_get, slot_label
from loket.insights.selectors.presentation import Dashboard, Grafiek, Kpi, Sectie, Tabel, pct

__all__ = [
    "JOURNEY_LEAD_DAYS",
    "PERIODES",
    "WEEKDAGEN",
    "WERKUREN_PER_DAG",
    "Dashboard",
    "Filters",
    "Grafiek",
    "Klantreis",
    "Kpi",
    "Planning",
    "Sectie",
    "Tabel",
    "contactredenen_get",
    "dashboard_get",
    "emailnorm_werkuren",
    "filters_from_params",
    "kanaal_kosten",
    "klantreis_producten",
    "klantreizen_get",
    "maandrapport_get",
    "norm_map",
    "norm_parameter",
    "pct",
    "planning_get",
    "slot_label",
]
