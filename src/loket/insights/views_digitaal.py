"""Digital use (issue 21): form funnels, search to contact, the Flits formula's target.
Aggregated figures only (docs/digitaal-gebruik.md). Thin: parse, call the selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from loket.accounts.permissions import VIEW_INSIGHTS
from loket.insights.exports import csv_response, xlsx_response
from loket.insights.selectors.digitaal import digitaal_get
from loket.insights.selectors.filters import Filters
from loket.insights.views import _parse, insight_page


@insight_page("insights/digitaal.html", "digitaal")
def digitaal(request, filters: Filters) -> dict:
    secties = digitaal_get(filters=filters)
    return {
        "secties": secties,
        "grafieken": [g.as_json() for s in secties.values() for g in s.grafieken],
    }


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def digitaal_export(request, tabel: str, formaat: str):
    filters, errors = _parse(request)
    if errors:
        return render(request, "insights/digitaal.html", {"errors": errors}, status=400)
    gevonden = next(
        (
            t
            for sectie in digitaal_get(filters=filters).values()
            for t in sectie.tabellen
            if t.key == tabel
        ),
        None,
    )
    if gevonden is None:
        raise Http404("Onbekende tabel.")
    naam = f"digitaal-{tabel}-{filters.van:%Y%m%d}-{filters.tot:%Y%m%d}"
    if formaat == "csv":
        return csv_response(gevonden, naam=naam)
    return xlsx_response(gevonden, naam=naam, toelichting=filters.omschrijving)
