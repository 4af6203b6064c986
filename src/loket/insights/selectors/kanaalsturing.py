"""Channel shift per product (issue 21): questions about each product by kind of channel over
the periods, against the product's preferred channel (Product.voorkeurskanaal, the channel
strategy) and, for products of a formula without staff (Flits), the share handled with no human.

Reads the day summary ContactDagTotaal only (questions per day × kind of channel × product ×
handling), never the raw contacts. A question is counted on the channel of its contact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q, Sum

from loket.catalogue.models import Dienstverleningsformule, Product
from loket.contacts.constants import Afhandeling
from loket.core.models import KanaalSoort
from loket.insights.selectors.dashboard_contacts import _contact_qs
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.norms import norm_map
from loket.insights.selectors.presentation import Grafiek, Tabel, _label, pct

# The columns: the three of Click-Call-Face, and the rest (e-mail, other) together.
KOLOMMEN = [
    (KanaalSoort.CLICK.value, "Online"),
    (KanaalSoort.CALL.value, "Telefoon"),
    (KanaalSoort.FACE.value, "Balie"),
    ("rest", "E-mail en overig"),
]


def _kolom(soort: str) -> str:
    return soort if soort in ("click", "call", "face") else "rest"


@dataclass
class Kanaalsturing:
    tabellen: list[Tabel] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)
    toelichting: str = ""


def formule_doel(formule: Dienstverleningsformule | None, standaard: float) -> float:
    """A formula's own target (Dienstverleningsformule.doel_procent), else the norm 'formule'."""
    return float(formule.doel_procent) if formule and formule.doel_procent else standaard


def _product_link(filters: Filters, pk: int) -> str:
    """This page for one product, with the same period and filters."""
    return "?" + urlencode({**filters.as_params(), "product": str(pk)})


def kanaalsturing_get(*, filters: Filters) -> Kanaalsturing:
    """Per product the channel mix, the share via the preferred channel at the start and the end
    of the period, and (Flits) the share without staff; per period for the chosen product (or
    all products together, each against its own preferred channel)."""
    per = filters.per
    rows = list(
        _contact_qs(filters)
        .filter(product__isnull=False)
        .values("product", per, "kanaalsoort")
        .annotate(
            n=Sum("vragen"),
            zelf=Sum("vragen", filter=Q(afhandeling=Afhandeling.ZELFSTANDIG)),
        )
    )
    producten = {
        p.pk: p
        for p in Product.objects.filter(pk__in={r["product"] for r in rows}).select_related(
            "dienstverleningsformule"
        )
    }
    # product -> period -> column -> questions; and the questions handled without staff.
    mix: dict[int, dict[dt.date, dict[str, int]]] = {}
    zelf: dict[int, dict[dt.date, int]] = {}
    for r in rows:
        per_periode = mix.setdefault(r["product"], {}).setdefault(r[per], {})
        kolom = _kolom(r["kanaalsoort"])
        per_periode[kolom] = per_periode.get(kolom, 0) + (r["n"] or 0)
        z = zelf.setdefault(r["product"], {})
        z[r[per]] = z.get(r[per], 0) + (r["zelf"] or 0)

    def voorkeur_n(product: Product, counts: dict[str, int]) -> int | None:
        return counts.get(product.voorkeurskanaal, 0) if product.voorkeurskanaal else None

    def flits(product: Product) -> bool:
        formule = product.dienstverleningsformule
        return bool(formule and formule.zonder_medewerker)

    standaard_doel = float(norm_map()["formule"].streefwaarde)

    overzicht: list[list] = []
    links: list[str | None] = []
    for pk, p in sorted(producten.items(), key=lambda item: item[1].naam.lower()):
        periodes = sorted(mix[pk])
        totaal: dict[str, int] = {}
        for period_counts in mix[pk].values():
            for k, v in period_counts.items():
                totaal[k] = totaal.get(k, 0) + v
        alle = sum(totaal.values())
        eerste, laatste = mix[pk][periodes[0]], mix[pk][periodes[-1]]
        start = pct(voorkeur_n(p, eerste), sum(eerste.values())) if p.voorkeurskanaal else None
        eind = pct(voorkeur_n(p, laatste), sum(laatste.values())) if p.voorkeurskanaal else None
        zonder = pct(sum(zelf[pk].values()), alle) if flits(p) else None
        doel = formule_doel(p.dienstverleningsformule, standaard_doel) if flits(p) else None
        overzicht.append(
            [
                p.naam,
                p.dienstverleningsformule.naam if p.dienstverleningsformule else "—",
                p.get_voorkeurskanaal_display() or "—",
                *[totaal.get(k, 0) for k, _l in KOLOMMEN],
                pct(voorkeur_n(p, totaal), alle) if p.voorkeurskanaal else None,
                start,
                eind,
                round(eind - start, 1) if start is not None and eind is not None else None,
                zonder,
                doel,
                ("ja" if zonder >= doel else "nee") if zonder is not None and doel else None,
            ]
        )
        links.append(_product_link(filters, pk))
    tabellen = [
        Tabel(
            "kanaalsturing",
            "Kanaalsturing per product (vragen per kanaal)",
            [
                "Product",
                "Formule",
                "Voorkeurskanaal",
                *[label for _k, label in KOLOMMEN],
                "Via voorkeurskanaal %",
                "Voorkeurskanaal eerste " + per + " %",
                "Voorkeurskanaal laatste " + per + " %",
                "Verschuiving (procentpunt)",
                "Zonder medewerker (Flits) %",
                "Doel van de formule %",
                "Doel gehaald",
            ],
            overzicht,
            links,
        )
    ]

    # Per period: the chosen product, or every product against its own preferred channel.
    gekozen = [filters.product.pk] if filters.product is not None else list(producten)
    periodes = sorted({d for pk in gekozen for d in mix.get(pk, {})})
    trend = []
    for d in periodes:
        counts: dict[str, int] = {}
        voorkeur, met_voorkeur, flits_n, flits_zelf = 0, 0, 0, 0
        for pk in gekozen:
            c = mix.get(pk, {}).get(d, {})
            for k, v in c.items():
                counts[k] = counts.get(k, 0) + v
            prod = producten.get(pk)
            if prod is not None and prod.voorkeurskanaal:
                voorkeur += c.get(prod.voorkeurskanaal, 0)
                met_voorkeur += sum(c.values())
            if prod is not None and flits(prod):
                flits_n += sum(c.values())
                flits_zelf += zelf.get(pk, {}).get(d, 0)
        alle = sum(counts.values())
        trend.append(
            [
                _label(d, per),
                *[counts.get(k, 0) for k, _l in KOLOMMEN],
                *[pct(counts.get(k, 0), alle) for k, _l in KOLOMMEN],
                pct(voorkeur, met_voorkeur),
                pct(flits_zelf, flits_n),
            ]
        )
    onderwerp = filters.product.naam if filters.product is not None else "alle producten"
    tabellen.append(
        Tabel(
            "kanaalsturing-trend",
            f"Kanaalverschuiving per {per}: {onderwerp}",
            [
                "Periode",
                *[label for _k, label in KOLOMMEN],
                *[f"{label} %" for _k, label in KOLOMMEN],
                "Via voorkeurskanaal %",
                "Zonder medewerker (Flits) %",
            ],
            trend,
        )
    )
    x = [str(r[0]) for r in trend]
    n = len(KOLOMMEN)
    grafieken = [
        Grafiek(
            "grafiek-kanaalsturing",
            f"Kanaalverschuiving per {per}: {onderwerp} (aandeel %)",
            "lijn",
            x,
            [
                {"naam": label, "y": [r[1 + n + i] for r in trend]}
                for i, (_k, label) in enumerate(KOLOMMEN)
            ]
            + [
                {"naam": "Via voorkeurskanaal", "y": [r[1 + 2 * n] for r in trend]},
                {"naam": "Zonder medewerker (Flits)", "y": [r[2 + 2 * n] for r in trend]},
            ],
            "%",
            tabel="kanaalsturing-trend",
        )
    ]
    toelichting = (
        "Vragen over een product per kanaal van het contact (uit de dagtotalen). "
        "Via voorkeurskanaal: vragen op het kanaal dat de kanaalstrategie voor het product kiest "
        "/ alle vragen over het product. Zonder medewerker: voor producten van een formule die "
        "volledig automatisch is (Flits), vragen die de inwoner zelf online afhandelde / alle vragen, "
        "tegen het doel van de formule (gegevensbeheer; leeg: de norm voor de garanties)."
    )
    if filters.kanaalsoort:
        toelichting += (
            " Met een kanaalfilter telt alleen dat kanaal mee: de aandelen zeggen dan weinig."
        )
    return Kanaalsturing(tabellen=tabellen, grafieken=grafieken, toelichting=toelichting)
