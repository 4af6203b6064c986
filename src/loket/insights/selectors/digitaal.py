"""Digital use (issue 21, docs/digitaal-gebruik.md): form funnels, search to contact, and the
Flits formula's target per product.

Reads counts only: the funnel's day counters of selfservice (FormulierStapDagTotaal and the
others, written where a step is validated), the portal's searches and answer reads of knowledge
(Zoektocht, Antwoordbezoek: no words, the partij cleared once linked) and the day summary
ContactDagTotaal. No figure here names a person.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.urls import reverse

from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling
from loket.insights.selectors.dashboard_contacts import _contact_qs
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.kanaalsturing import formule_doel
from loket.insights.selectors.norms import norm_map
from loket.insights.selectors.presentation import Grafiek, Tabel, _label, pct
from loket.insights.summaries import day_bounds, local_date, month_of, week_of
from loket.knowledge.models import Antwoordbezoek, Kennisartikel, Zoektocht
from loket.selfservice.models import (
    Formulier,
    FormulierDagTotaal,
    FormulierFoutDagTotaal,
    FormulierStapDagTotaal,
    FormulierStapDuurDagTotaal,
)
from loket.selfservice.services.trechter import AFHAAK_CONTACT_DAGEN, DUUR_KLASSEN

# A step needs this many citizens reaching it before it can be "the worst step".
MIN_BEREIKT = 10


@dataclass
class Uitschieter:
    """The worst form step or the article that leads to most calls, for the line on top."""

    titel: str
    tekst: str
    link: str = ""


@dataclass
class Digitaal:
    tabellen: list[Tabel] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)
    uitschieters: list[Uitschieter] = field(default_factory=list)
    toelichting: list[str] = field(default_factory=list)


def _period(day: dt.date, per: str) -> dt.date:
    return month_of(day) if per == "maand" else week_of(day)


def mediaan_seconden(histogram: dict[int, int]) -> float | None:
    """The median from a histogram of duration classes (upper bound in seconds; 0 = longer than
    the last bound), linear within its class; None without data. Longer than the last bound
    counts as that bound (an estimate from below)."""
    totaal = sum(histogram.values())
    if not totaal:
        return None
    half = totaal / 2
    gezien, onder = 0, 0
    for bound in (*DUUR_KLASSEN, 0):
        n = histogram.get(bound, 0)
        boven = bound or DUUR_KLASSEN[-1]
        if n and gezien + n >= half:
            return round(onder + (boven - onder) * (half - gezien) / n, 1)
        gezien += n
        onder = boven
    return float(DUUR_KLASSEN[-1])


def _stap_titel(formulier: Formulier, stap: int) -> str:
    if stap >= len(formulier.stappen):
        return "Controleren en versturen"
    return str(formulier.stappen[stap].get("titel") or f"Stap {stap + 1}")


def _formulieren(f: Filters) -> list[Formulier]:
    qs = Formulier.objects.select_related("product").order_by("titel")
    if f.product is not None:
        qs = qs.filter(product=f.product)
    return list(qs)


def trechters_get(*, filters: Filters) -> Digitaal:
    """Per e-form: started, each step reached, the check page, submitted, handled automatically;
    the drop-out per step, refused attempts, the median time per step; the validation messages
    that refuse most; abandoned concepts followed by a call or counter visit within 7 days."""
    f = filters
    formulieren = _formulieren(f)
    ids = [fo.pk for fo in formulieren]
    stappen: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for r in (
        FormulierStapDagTotaal.objects.filter(formulier__in=ids, dag__gte=f.van, dag__lte=f.tot)
        .values("formulier", "stap")
        .annotate(b=Sum("bereikt"), v=Sum("voltooid"), a=Sum("afgewezen"))
    ):
        stappen[(r["formulier"], r["stap"])] = {"b": r["b"], "v": r["v"], "a": r["a"]}
    duur: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for rd in (
        FormulierStapDuurDagTotaal.objects.filter(formulier__in=ids, dag__gte=f.van, dag__lte=f.tot)
        .values("formulier", "stap", "tot_seconden")
        .annotate(n=Sum("aantal"))
    ):
        duur[(rd["formulier"], rd["stap"])][rd["tot_seconden"]] = rd["n"]
    dagen: dict[int, dict] = {
        r["formulier"]: dict(r)
        for r in FormulierDagTotaal.objects.filter(
            formulier__in=ids, dag__gte=f.van, dag__lte=f.tot
        )
        .values("formulier")
        .annotate(
            ingediend=Sum("ingediend"),
            automatisch=Sum("automatisch"),
            afgehaakt=Sum("afgehaakt", filter=Q(afhakers_geteld=True)),
            ingelogd=Sum("afgehaakt_ingelogd", filter=Q(afhakers_geteld=True)),
            contact=Sum("afgehaakt_contact", filter=Q(afhakers_geteld=True)),
        )
    }

    overzicht, stap_rijen, grafieken = [], [], []
    slechtste: tuple[float, str, str] | None = None
    for fo in formulieren:
        n = len(fo.stappen)
        bereikt = [stappen.get((fo.pk, s), {}).get("b", 0) or 0 for s in range(n + 1)]
        gestart = bereikt[0]
        d: dict = dagen.get(fo.pk, {})
        ingediend, automatisch = d.get("ingediend") or 0, d.get("automatisch") or 0
        if not gestart and not ingediend:
            continue
        overzicht.append(
            [
                fo.titel,
                fo.product.naam,
                gestart,
                bereikt[n],
                ingediend,
                automatisch,
                pct(ingediend, gestart),
                d.get("afgehaakt"),
                d.get("ingelogd"),
                d.get("contact"),
                pct(d.get("contact"), d.get("ingelogd")),
            ]
        )
        for s in range(n + 1):
            volgende = bereikt[s + 1] if s < n else ingediend
            uitval = max(bereikt[s] - volgende, 0)
            uitval_pct = pct(uitval, bereikt[s])
            info = stappen.get((fo.pk, s), {})
            naam = f"{fo.titel} — {s + 1}. {_stap_titel(fo, s)}"
            stap_rijen.append(
                [
                    naam,
                    bereikt[s],
                    (info.get("v") or 0) if s < n else ingediend,
                    info.get("a") or 0,
                    uitval,
                    uitval_pct,
                    mediaan_seconden(duur.get((fo.pk, s), {})),
                ]
            )
            if (
                bereikt[s] >= MIN_BEREIKT
                and uitval_pct is not None
                and (slechtste is None or uitval_pct > slechtste[0])
            ):
                slechtste = (uitval_pct, naam, f"{uitval} van de {bereikt[s]}")
        grafieken.append(
            Grafiek(
                f"grafiek-trechter-{fo.slug}",
                f"Trechter: {fo.titel} (aantal inwoners per stap)",
                "trechter",
                [f"{s + 1}. {_stap_titel(fo, s)}" for s in range(n + 1)]
                + ["Ingediend", "Automatisch afgehandeld"],
                [{"naam": "Inwoners", "y": [*bereikt, ingediend, automatisch]}],
                "",
                tabel="trechter-stappen",
            )
        )
    fouten = list(
        FormulierFoutDagTotaal.objects.filter(formulier__in=ids, dag__gte=f.van, dag__lte=f.tot)
        .values("formulier", "stap", "veld", "melding")
        .annotate(n=Sum("aantal"))
        .order_by("-n", "formulier", "stap", "veld")[:25]
    )
    per_id = {fo.pk: fo for fo in formulieren}
    afgewezen_per_stap = {k: v.get("a") or 0 for k, v in stappen.items()}
    fout_rijen = [
        [
            r["melding"],
            per_id[r["formulier"]].titel,
            f"{r['stap'] + 1}. {_stap_titel(per_id[r['formulier']], r['stap'])}",
            r["n"],
            pct(r["n"], afgewezen_per_stap.get((r["formulier"], r["stap"]))),
        ]
        for r in fouten
    ]
    resultaat = Digitaal(grafieken=grafieken)
    resultaat.tabellen = [
        Tabel(
            "trechter",
            "Formulieren: van gestart tot ingediend",
            [
                "Formulier",
                "Product",
                "Gestart",
                "Alle stappen af",
                "Ingediend",
                "Automatisch afgehandeld",
                "Ingediend / gestart %",
                "Afgehaakt (na 7 dagen geteld)",
                "Afgehaakt, ingelogd",
                f"Daarna binnen {AFHAAK_CONTACT_DAGEN} dagen gebeld of aan de balie",
                f"Gebeld of balie binnen {AFHAAK_CONTACT_DAGEN} dagen %",
            ],
            overzicht,
        ),
        Tabel(
            "trechter-stappen",
            "Uitval per stap",
            [
                "Formulier en stap",
                "Bereikt",
                "Afgerond",
                "Afgewezen pogingen (veldfout)",
                "Niet verder gekomen",
                "Uitval %",
                "Mediaan tijd op de stap (s)",
            ],
            stap_rijen,
        ),
        Tabel(
            "veldfouten",
            "Welke foutmelding houdt inwoners het meest tegen",
            ["Melding", "Formulier", "Stap", "Aantal keer", "Van de afgewezen pogingen %"],
            fout_rijen,
        ),
    ]
    if slechtste is not None:
        resultaat.uitschieters.append(
            Uitschieter(
                "Grootste uitval",
                f"{slechtste[1]}: {slechtste[2]} inwoners kwamen niet verder "
                f"({str(slechtste[0]).replace('.', ',')}%).",
            )
        )
    if fout_rijen:
        resultaat.uitschieters.append(
            Uitschieter(
                "Meest gegeven foutmelding",
                f"‘{fout_rijen[0][0]}’ ({fout_rijen[0][1]}, {fout_rijen[0][3]} keer).",
            )
        )
    return resultaat


def _artikel_link(slug: str) -> str:
    return reverse("knowledge:artikel_bewerken", kwargs={"slug": slug})


def zoek_naar_contact_get(*, filters: Filters, top: int = 15) -> Digitaal:
    """Portal searches: the share that ends in an answer page read, a form started, or (for
    logged-in citizens, once linked) a contact about the product within 24 hours; and the
    answer pages most often followed by a call within 24 hours, each linked to the redactie."""
    f = filters
    lo, hi = day_bounds(f.van, f.tot)
    zoek = Zoektocht.objects.filter(gezocht_op__gte=lo, gezocht_op__lt=hi)
    if f.product is not None:
        zoek = zoek.filter(product=f.product)
    per_periode: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for gezocht_op, gelezen, gestart, contact, resultaten in zoek.values_list(
        "gezocht_op",
        "antwoord_gelezen",
        "formulier_gestart",
        "contact_binnen_24u",
        "aantal_resultaten",
    ).iterator():
        rij = per_periode[_period(local_date(gezocht_op), f.per)]
        rij[0] += 1
        rij[1] += int(gelezen)
        rij[2] += int(gestart)
        rij[3] += int(contact is not None)
        rij[4] += int(bool(contact))
        rij[5] += int(resultaten == 0)
    trend = [
        [
            _label(d, f.per),
            r[0],
            r[5],
            pct(r[1], r[0]),
            pct(r[2], r[0]),
            r[3],
            pct(r[4], r[3]),
        ]
        for d, r in sorted(per_periode.items())
    ]
    totaal = [sum(r[i] for r in per_periode.values()) for i in range(6)]
    kolommen = [
        "Periode",
        "Zoekopdrachten",
        "Zonder resultaat",
        "Antwoord gelezen %",
        "Formulier gestart %",
        "Ingelogd (te koppelen)",
        "Contact binnen 24 uur %",
    ]
    if trend:
        trend.append(
            [
                "Hele periode",
                totaal[0],
                totaal[5],
                pct(totaal[1], totaal[0]),
                pct(totaal[2], totaal[0]),
                totaal[3],
                pct(totaal[4], totaal[3]),
            ]
        )

    per_product = [
        r
        for r in zoek.filter(product__isnull=False)
        .values("product")
        .annotate(
            n=Count("pk"),
            gelezen=Count("pk", filter=Q(antwoord_gelezen=True)),
            gestart=Count("pk", filter=Q(formulier_gestart=True)),
            gekoppeld=Count("pk", filter=Q(contact_binnen_24u__isnull=False)),
            contact=Count("pk", filter=Q(contact_binnen_24u=True)),
        )
        .order_by("-n", "product")[: top * 2]
    ]
    namen = {
        p.pk: p.naam for p in Product.objects.filter(pk__in=[r["product"] for r in per_product])
    }

    bezoeken = Antwoordbezoek.objects.filter(bezocht_op__gte=lo, bezocht_op__lt=hi)
    artikelen = list(
        bezoeken.values("artikel")
        .annotate(
            n=Count("pk"),
            gekoppeld=Count("pk", filter=Q(gebeld_binnen_24u__isnull=False)),
            gebeld=Count("pk", filter=Q(gebeld_binnen_24u=True)),
        )
        .filter(gebeld__gt=0)
        .order_by("-gebeld", "gekoppeld", "artikel")[:top]  # a tie: the higher share first
    )
    gelezen_artikelen = {
        a.pk: a
        for a in Kennisartikel.objects.filter(pk__in=[r["artikel"] for r in artikelen])
        .select_related("gepubliceerde_versie")
        .only("slug", "gepubliceerde_versie__vraag")
    }
    titels = {
        pk: a.gepubliceerde_versie.vraag if a.gepubliceerde_versie else a.slug
        for pk, a in gelezen_artikelen.items()
    }
    slugs = {pk: a.slug for pk, a in gelezen_artikelen.items()}
    resultaat = Digitaal()
    resultaat.tabellen = [
        Tabel("zoeken", f"Zoeken op de website per {f.per}: wat volgde", kolommen, trend),
        Tabel(
            "zoeken-product",
            "Zoeken per product: wat volgde",
            [
                "Product",
                "Zoekopdrachten",
                "Antwoord gelezen %",
                "Formulier gestart %",
                "Ingelogd (te koppelen)",
                "Contact binnen 24 uur %",
            ],
            [
                [
                    namen.get(r["product"], "?"),
                    r["n"],
                    pct(r["gelezen"], r["n"]),
                    pct(r["gestart"], r["n"]),
                    r["gekoppeld"],
                    pct(r["contact"], r["gekoppeld"]),
                ]
                for r in per_product
            ],
        ),
        Tabel(
            "antwoord-gebeld",
            "Antwoorden die het vaakst tot een telefoontje leiden (werklijst van de redactie)",
            [
                "Artikel",
                "Gelezen",
                "Gelezen door ingelogde inwoners",
                "Binnen 24 uur gebeld",
                "Gebeld %",
            ],
            [
                [
                    titels.get(r["artikel"], "?"),
                    r["n"],
                    r["gekoppeld"],
                    r["gebeld"],
                    pct(r["gebeld"], r["gekoppeld"]),
                ]
                for r in artikelen
            ],
            [
                _artikel_link(slugs[r["artikel"]]) if r["artikel"] in slugs else None
                for r in artikelen
            ],
        ),
    ]
    x = [str(r[0]) for r in trend[:-1]]
    resultaat.grafieken = [
        Grafiek(
            "grafiek-zoeken",
            f"Zoeken op de website per {f.per}: wat volgde (aandeel %)",
            "lijn",
            x,
            [
                {"naam": "Antwoord gelezen", "y": [r[3] for r in trend[:-1]]},
                {"naam": "Formulier gestart", "y": [r[4] for r in trend[:-1]]},
                {"naam": "Contact binnen 24 uur (ingelogd)", "y": [r[6] for r in trend[:-1]]},
            ],
            "%",
            tabel="zoeken",
        )
    ]
    if not x:  # no empty frame of axes: the table says there are no figures
        resultaat.grafieken = []
    if artikelen:
        eerste = artikelen[0]
        resultaat.uitschieters.append(
            Uitschieter(
                "Antwoord dat het vaakst tot bellen leidt",
                f"‘{titels.get(eerste['artikel'], '?')}’: {eerste['gebeld']} van de "
                f"{eerste['gekoppeld']} ingelogde lezers belden binnen 24 uur.",
                _artikel_link(slugs[eerste["artikel"]]) if eerste["artikel"] in slugs else "",
            )
        )
    return resultaat


def formule_doel_get(*, filters: Filters) -> Digitaal:
    """Flits products (a formula without staff): the share of questions handled with no human
    against the formula's target (its own doel_procent, else the norm 'formule')."""
    standaard = float(norm_map()["formule"].streefwaarde)
    rows = list(
        _contact_qs(filters)
        .filter(product__dienstverleningsformule__zonder_medewerker=True)
        .values("product")
        .annotate(
            n=Sum("vragen"), zelf=Sum("vragen", filter=Q(afhandeling=Afhandeling.ZELFSTANDIG))
        )
    )
    producten = {
        p.pk: p
        for p in Product.objects.filter(pk__in=[r["product"] for r in rows]).select_related(
            "dienstverleningsformule"
        )
    }
    regels = []
    doelen: set[float] = set()
    for r in sorted(rows, key=lambda r: producten[r["product"]].naam.lower()):
        p = producten[r["product"]]
        aandeel = pct(r["zelf"], r["n"])
        streef = formule_doel(p.dienstverleningsformule, standaard)
        doelen.add(streef)
        regels.append(
            [
                p.naam,
                p.dienstverleningsformule.naam if p.dienstverleningsformule else "—",
                r["n"] or 0,
                r["zelf"] or 0,
                aandeel,
                streef,
                ("ja" if aandeel >= streef else "nee") if aandeel is not None else None,
            ]
        )
    resultaat = Digitaal()
    resultaat.tabellen = [
        Tabel(
            "formule-doel",
            "Flits-producten: zonder medewerker afgehandeld tegen het doel van de formule",
            [
                "Product",
                "Formule",
                "Vragen",
                "Zonder medewerker",
                "Zonder medewerker %",
                "Doel %",
                "Doel gehaald",
            ],
            regels,
        )
    ]
    resultaat.grafieken = [
        Grafiek(
            "grafiek-formule-doel",
            "Flits-producten: zonder medewerker afgehandeld (%)",
            "staaf",
            [str(r[0]) for r in regels],
            [{"naam": "Zonder medewerker", "y": [r[4] for r in regels]}],
            "%",
            # One line when the formulas share a target; else each row's target is in the table.
            norm=doelen.pop() if len(doelen) == 1 else None,
            norm_naam="Doel van de formule",
            tabel="formule-doel",
        )
    ]
    if not regels:  # no empty frame of axes: the table says there are no figures
        resultaat.grafieken = []
    return resultaat


def digitaal_get(*, filters: Filters) -> dict[str, Digitaal]:
    """The three sections of the page, by key."""
    return {
        "trechters": trechters_get(filters=filters),
        "zoeken": zoek_naar_contact_get(filters=filters),
        "formule": formule_doel_get(filters=filters),
    }
