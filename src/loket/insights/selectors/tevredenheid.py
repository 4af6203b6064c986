"""Satisfaction per channel, product, team and service formula (issue 20), and the open answers
to search. CSAT is the share of 4 and 5 on the scale 1-5; CES the mean of "Het was makkelijk om
mijn vraag geregeld te krijgen" on 1-7, where it was asked. Both against their norm (norm_map).

The open answers are shown with the moment, channel, product and scores only: never the person,
the contact or the zaak they came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q, QuerySet

from loket.accounts.models import Team
from loket.catalogue.models import Dienstverleningsformule, Product
from loket.core.models import Kanaal
from loket.insights.models import Norm, Tevredenheidsmeting
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.presentation import Kpi, Tabel, pct
from loket.insights.summaries import AMS, day_bounds

# The groupings of the results page: (table key, title, the field that names a group).
GROEPERINGEN = [
    ("kanaal", "Tevredenheid per kanaal", "kanaal"),
    ("product", "Tevredenheid per product", "product"),
    ("team", "Tevredenheid per team", "team"),
    ("formule", "Tevredenheid per dienstverleningsformule", "product__dienstverleningsformule"),
]
MODELLEN: dict[str, type[Kanaal | Product | Team | Dienstverleningsformule]] = {
    "kanaal": Kanaal,
    "product": Product,
    "team": Team,
    "formule": Dienstverleningsformule,
}
ONBEKEND = {
    "kanaal": "(na een zaak, zonder kanaal)",
    "product": "(geen product)",
    "team": "(geen team)",
    "formule": "(geen formule)",
}
OPMERKINGEN_PER_PAGINA = 25
ZOEK_MAX = 200


def tevredenheid_qs(f: Filters) -> QuerySet[Tevredenheidsmeting]:
    """The answered surveys in the period and within the chosen kanaalsoort, team and product."""
    lo, hi = day_bounds(f.van, f.tot)
    return f.narrow(
        Tevredenheidsmeting.objects.filter(beantwoord_op__gte=lo, beantwoord_op__lt=hi),
        kanaalsoort="kanaal__soort",
    )


def _gehaald(norm: Norm | None, waarde: float | None) -> str:
    if norm is None or waarde is None:
        return "—"
    return "ja" if norm.gehaald(waarde) else "nee"


def _round(value: object) -> float | None:
    return round(float(value), 2) if isinstance(value, (int, float, Decimal)) else None


def tevredenheid_tabel(f: Filters, normen: dict, groepering: str) -> Tabel:
    """One table: per group the answers, CSAT % and CES, each with whether the norm is met."""
    key, titel, veld = next(g for g in GROEPERINGEN if g[0] == groepering)
    csat_norm, ces_norm = normen.get("csat"), normen.get("ces")
    groepen = list(
        tevredenheid_qs(f)
        .values(veld)
        .annotate(
            n=Count("score"),
            tevreden=Count("pk", filter=Q(score__gte=4)),
            ces_n=Count("moeite"),
            ces=Avg("moeite"),
        )
        .order_by("-n", veld)
    )
    namen = {
        pk: str(obj)
        for pk, obj in MODELLEN[key]
        .objects.in_bulk([r[veld] for r in groepen if r[veld] is not None])
        .items()
    }
    rijen = []
    for r in groepen:
        csat = pct(r["tevreden"], r["n"])
        ces = _round(r["ces"])
        rijen.append(
            [
                namen.get(r[veld], ONBEKEND[key]),
                r["n"],
                r["tevreden"],
                csat,
                _gehaald(csat_norm, csat),
                r["ces_n"],
                ces,
                _gehaald(ces_norm, ces),
            ]
        )
    return Tabel(
        f"tevredenheid-{key}",
        titel,
        [
            titel.removeprefix("Tevredenheid per ").capitalize(),
            "Antwoorden",
            "Tevreden (4-5)",
            "CSAT %",
            f"CSAT-norm {_norm_tekst(csat_norm)} gehaald",
            "CES-antwoorden",
            "CES (1-7)",
            f"CES-norm {_norm_tekst(ces_norm)} gehaald",
        ],
        rijen,
    )


def _norm_tekst(norm: Norm | None) -> str:
    if norm is None:
        return ""
    return Kpi("", "", None, "%" if norm.eenheid == "procent" else "", norm).norm_tekst


def ces_kpi(f: Filters, normen: dict) -> Kpi:
    r = tevredenheid_qs(f).aggregate(n=Count("moeite"), ces=Avg("moeite"))
    return Kpi(
        "ces",
        "Makkelijk geregeld (CES)",
        _round(r["ces"]),
        "",
        normen.get("ces"),
        None,
        r["n"],
        'Gemiddelde op 1-7 van "Het was makkelijk om mijn vraag geregeld te krijgen" '
        "(gevraagd na contact over een product en na een zaak).",
    )


@dataclass(frozen=True)
class OpenAntwoord:
    """One open answer as the results page shows it: no person, contact or zaak."""

    beantwoord_op: dt.datetime | None
    kanaal: str
    product: str
    score: int | None
    moeite: int | None
    opmerking: str


@dataclass
class Opmerkingen:
    antwoorden: list[OpenAntwoord]
    totaal: int
    pagina: int
    paginas: int
    zoek: str
    woorden: list[str] = field(default_factory=list)


def opmerkingen_search(*, f: Filters, zoek: str = "", pagina: int = 1) -> Opmerkingen:
    """The open answers in the period and filters that contain every word of `zoek` (any case),
    newest first, a page at a time."""
    zoek = " ".join((zoek or "").split())[:ZOEK_MAX]
    woorden = zoek.split()
    qs = tevredenheid_qs(f).exclude(opmerking="")
    for woord in woorden:
        qs = qs.filter(opmerking__icontains=woord)
    rijen = qs.order_by("-beantwoord_op", "-pk").values_list(
        "beantwoord_op", "kanaal__naam", "product", "score", "moeite", "opmerking"
    )
    paginator = Paginator(rijen, OPMERKINGEN_PER_PAGINA)
    page = paginator.get_page(pagina)
    producten = Product.objects.in_bulk([row[2] for row in page.object_list if row[2]])
    return Opmerkingen(
        antwoorden=[
            OpenAntwoord(
                beantwoord_op=moment.astimezone(AMS) if moment else moment,
                kanaal=kanaal or "—",
                product=producten[product].naam if product in producten else "—",
                score=score,
                moeite=moeite,
                opmerking=opmerking,
            )
            for moment, kanaal, product, score, moeite, opmerking in page.object_list
        ],
        totaal=paginator.count,
        pagina=page.number,
        paginas=paginator.num_pages,
        zoek=zoek,
        woorden=woorden,
    )


@dataclass
class TevredenheidOverzicht:
    kpis: list[Kpi]
    tabellen: list[Tabel]
    opmerkingen: Opmerkingen


def tevredenheid_get(
    *, filters: Filters, normen: dict, zoek: str = "", pagina: int = 1
) -> TevredenheidOverzicht:
    """The results page: CSAT and CES in total, per channel, product, team and formula, and the
    open answers."""
    r = tevredenheid_qs(filters).aggregate(
        n=Count("score"), tevreden=Count("pk", filter=Q(score__gte=4))
    )
    csat = Kpi(
        "csat",
        "Tevreden klanten (CSAT)",
        pct(r["tevreden"], r["n"]),
        "%",
        normen.get("csat"),
        r["tevreden"],
        r["n"],
        "Aandeel 4 of 5 op de schaal 1-5.",
    )
    return TevredenheidOverzicht(
        kpis=[csat, ces_kpi(filters, normen)],
        tabellen=[tevredenheid_tabel(filters, normen, g[0]) for g in GROEPERINGEN],
        opmerkingen=opmerkingen_search(f=filters, zoek=zoek, pagina=pagina),
    )
