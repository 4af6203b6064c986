"""Customer journeys: what citizens did in the days before a zaak of a product."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loket.cases.models import Zaak
from loket.catalogue.models import Product
from loket.contacts.models import Vraag
from loket.core.models import Kanaal
from loket.insights.models import Persona
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.presentation import Grafiek, Tabel, pct
from loket.insights.summaries import day_bounds
from loket.parties.models import Partij

JOURNEY_MAX_ZAKEN = 20_000


JOURNEY_LEAD_DAYS = 30


SOORT_KORT = {
    "click": "online",
    "call": "telefoon",
    "face": "balie",
    "email": "e-mail",
    "overig": "overig",
}


@dataclass
class Klantreis:
    product: object
    zaken: int
    gemiddeld_contacten: float | None
    tabellen: list[Tabel]
    grafiek: Grafiek | None
    afgekapt: bool


def klantreis_producten() -> list:
    """Products with a zaaktype: only those have a journey from first contact to a finished zaak."""

    return list(Product.objects.filter(zaaktypen__isnull=False).distinct().order_by("upl_naam"))


def klantreizen_get(*, filters: Filters, product) -> Klantreis:
    """For zaken of the product finished in the period: the channels the initiator used about the
    product from 30 days before the start until the end of the zaak, in order; averages and the
    most common sequences, overall and per persona."""

    f = filters
    zaken = list(
        Zaak.objects.filter(
            zaaktype__product=product,
            einddatum__gte=f.van,
            einddatum__lte=f.tot,
            initiator__isnull=False,
        )
        .order_by("-einddatum", "-pk")
        .values_list("pk", "initiator_id", "startdatum", "einddatum")[: JOURNEY_MAX_ZAKEN + 1]
    )
    afgekapt = len(zaken) > JOURNEY_MAX_ZAKEN
    zaken = zaken[:JOURNEY_MAX_ZAKEN]
    if not zaken:
        return Klantreis(product, 0, None, [], None, False)
    partijen = {z[1] for z in zaken}
    first = min(z[2] for z in zaken) - dt.timedelta(days=JOURNEY_LEAD_DAYS)
    last = max(z[3] for z in zaken)
    lo, hi = day_bounds(first, last)
    soort_of = dict(Kanaal.objects.values_list("pk", "soort"))
    contacts: dict[int, list[tuple[dt.datetime, str]]] = {}
    partij_list = list(partijen)
    for start in range(0, len(partij_list), 900):
        for partij, moment, kanaal in Vraag.objects.filter(
            product=product,
            klantcontact__partij__in=partij_list[start : start + 900],
            klantcontact__plaatsgevonden_op__gte=lo,
            klantcontact__plaatsgevonden_op__lt=hi,
        ).values_list(
            "klantcontact__partij_id", "klantcontact__plaatsgevonden_op", "klantcontact__kanaal_id"
        ):
            contacts.setdefault(partij, []).append((moment, soort_of.get(kanaal, "overig")))
    for items in contacts.values():
        items.sort()
    tags: dict[int, list] = {}
    for start in range(0, len(partij_list), 900):
        tags.update(
            Partij.objects.filter(pk__in=partij_list[start : start + 900]).values_list("pk", "tags")
        )
    personas = list(Persona.objects.all())

    patronen: dict[str, int] = {}
    per_persona: dict[str, list[int]] = {}
    aantallen = []
    for _pk, partij, start, eind in zaken:
        a, b = day_bounds(start - dt.timedelta(days=JOURNEY_LEAD_DAYS), eind)
        reis = [s for m, s in contacts.get(partij, []) if a <= m < b]
        aantallen.append(len(reis))
        stappen = [SOORT_KORT.get(s, s) for s in reis] or ["geen contact"]
        patroon = " → ".join([*stappen, "zaak afgerond"])
        patronen[patroon] = patronen.get(patroon, 0) + 1
        partij_tags = set(tags.get(partij) or [])
        matched = [p.naam for p in personas if partij_tags & set(p.tags or [])] or ["Geen persona"]
        for naam in matched:
            per_persona.setdefault(naam, []).append(len(reis))
    n = len(zaken)
    gemiddeld = round(sum(aantallen) / n, 2)
    top_patronen = sorted(patronen.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    persona_rows = [
        [naam, len(v), round(sum(v) / len(v), 2)]
        for naam, v in sorted(per_persona.items(), key=lambda kv: kv[0])
    ]
    verdeling: dict[int, int] = {}
    for a in aantallen:
        verdeling[min(a, 6)] = verdeling.get(min(a, 6), 0) + 1
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
    return Klantreis(product, n, gemiddeld, tabellen, grafiek, afgekapt)
