"""The satisfaction results page (issue 20): CSAT and CES per channel, product, team and
service formula, against the norm, and the open answers to search. Thin: parse, call, render."""

from __future__ import annotations

from urllib.parse import urlencode

from loket.insights.selectors import norm_map
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.tevredenheid import tevredenheid_get
from loket.insights.views import insight_page


@insight_page("insights/tevredenheid_resultaten.html", "tevredenheid")
def tevredenheid_resultaten(request, filters: Filters) -> dict:
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
    return {
        "overzicht": overzicht,
        "tabellen": overzicht.tabellen,
        "zoek_query": urlencode(zoek_query),
        "verborgen": filters.as_params().items(),
    }
