"""The satisfaction results page (issue 20): CSAT and CES per channel, product, team and
service formula, against the norm, and the open answers to search. Thin: parse, call, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from loket.accounts.permissions import VIEW_INSIGHTS
from loket.insights.selectors import norm_map
from loket.insights.selectors.tevredenheid import tevredenheid_get
from loket.insights.views import _filter_context, _parse


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def tevredenheid_resultaten(request):
    filters, errors = _parse(request)
    context = _filter_context(request, filters, errors)
    context["pagina"] = "tevredenheid"
    if errors:
        return render(request, "insights/tevredenheid_resultaten.html", context, status=400)
    pagina = request.GET.get("pagina", "1")
    overzicht = tevredenheid_get(
        filters=filters,
        normen=norm_map(),
        zoek=request.GET.get("zoek", ""),
        pagina=int(pagina) if pagina.isascii() and pagina.isdigit() else 1,
    )
    zoek_query = dict(filters.as_params())
    if overzicht.opmerkingen.zoek:
        zoek_query["zoek"] = overzicht.opmerkingen.zoek
    context.update(
        overzicht=overzicht,
        tabellen=overzicht.tabellen,
        zoek_query=urlencode(zoek_query),
        verborgen=filters.as_params().items(),
    )
    return render(request, "insights/tevredenheid_resultaten.html", context)
