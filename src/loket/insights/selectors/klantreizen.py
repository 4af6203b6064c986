"""Customer journeys: what citizens did in the days before a zaak of a product."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from loket.catalogue.models import Product
from loket.insights.models import KlantreisDagTotaal, Persona
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.presentation import Grafiek, Tabel, pct
from loket.insights.summaries import JOURNEY_LEAD_DAYS

__all__ = ["JOURNEY_LEAD_DAYS", "Klantreis", "klantreis_producten", "klantreizen_get"]


@dataclass
class Klantreis:
    product: object
    zaken: int
    gemiddeld_contacten: float | None
    tabellen: list[Tabel]
    grafiek: Grafiek | None


def klantreis_producten() -> list:
    """Products with a zaaktype: only those have a journey from first contact to a finished zaak."""

    return list(Product.objects.filter(zaaktypen__isnull=False).distinct().order_by("upl_naam"))


def klantreizen_get(*, filters: Filters, product) -> Klantreis:
    """For every zaak of the product finished in the period: the channels the initiator used
    about the product from 30 days before the start until the end of the zaak, in order;
    averages and the most common sequences, overall and per persona. Read from the daily
    journey summaries (summaries.py), so a year of zaken costs a few thousand rows."""

    f = filters
    rows = list(
        KlantreisDagTotaal.objects.filter(product=product, datum__gte=f.van, datum__lte=f.tot)
        .values_list("patroon", "contacten", "tags")
        .annotate(n=Sum("aantal"))
        .order_by()
    )
    if not rows:
        return Klantreis(product, 0, None, [], None)
    personas = [(p.naam, set(p.tags or [])) for p in Persona.objects.all()]
    patronen: dict[str, int] = {}
    per_persona: dict[str, list[int]] = {}
    verdeling: dict[int, int] = {}
    totaal_contacten = 0
    n = 0
    for patroon, contacten, tags, aantal in rows:
        n += aantal
        totaal_contacten += contacten * aantal
        patronen[patroon] = patronen.get(patroon, 0) + aantal
        verdeling[min(contacten, 6)] = verdeling.get(min(contacten, 6), 0) + aantal
        partij_tags = set(tags.split(",")) if tags else set()
        matched = [naam for naam, t in personas if partij_tags & t] or ["Geen persona"]
        for naam in matched:
            som = per_persona.setdefault(naam, [0, 0])
            som[0] += aantal
            som[1] += contacten * aantal
    gemiddeld = round(totaal_contacten / n, 2)
    top_patronen = sorted(patronen.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    persona_rows = [
        [naam, zaken, round(contacten / zaken, 2)]
        for naam, (zaken, contacten) in sorted(per_persona.items(), key=lambda kv: kv[0])
    ]
    tabellen = [
        Tabel(
            "patronen",
            "Meest voorkomende klantreizen",
            ["Klantreis", "Zaken", "Aandeel %"],
            [[p, c, pct(c, n)] for p, c in top_patronen],
        ),
        Tabel(
            "persona",
            "Per persona",
            ["Persona", "Zaken", "Gemiddeld aantal contacten"],
            persona_rows,
        ),
        Tabel(
            "verdeling",
            "Aantal contacten per zaak",
            ["Contacten", "Zaken", "Aandeel %"],
            [
                ["6 of meer" if k == 6 else str(k), verdeling[k], pct(verdeling[k], n)]
                for k in sorted(verdeling)
            ],
        ),
    ]
    grafiek = Grafiek(
        "grafiek-persona",
        "Gemiddeld aantal contacten per zaak, per persona",
        "staaf",
        [r[0] for r in persona_rows],
        [{"naam": "Contacten per zaak", "y": [r[2] for r in persona_rows]}],
        "",
        tabel="persona",
    )
    return Klantreis(product, n, gemiddeld, tabellen, grafiek)
