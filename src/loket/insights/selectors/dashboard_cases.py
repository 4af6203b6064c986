"""Dashboard sections about zaken, service formulas (Flits guarantees) and satisfaction."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count, F, Q, Sum

from loket.cases.models import Zaaktype
from loket.catalogue.models import Dienstverleningsformule, Product
from loket.contacts.constants import Afhandeling
from loket.insights.models import ZaakDagTotaal
from loket.insights.selectors.dashboard_contacts import _contact_qs
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.presentation import (
    Grafiek,
    Kpi,
    Sectie,
    Tabel,
    _label,
    _norm_value,
    _product_link,
    pct,
)
from loket.insights.selectors.tevredenheid import ces_kpi, tevredenheid_qs, tevredenheid_tabel
from loket.insights.summaries import AMS, day_bounds, month_of, week_of


def _zaak_qs(f: Filters):

    qs = ZaakDagTotaal.objects.filter(datum__gte=f.van, datum__lte=f.tot)
    if f.team is not None:
        qs = qs.filter(team=f.team)
    if f.product is not None:
        qs = qs.filter(product=f.product)
    return qs


def _zaken_section(f: Filters, normen: dict) -> Sectie:

    qs = _zaak_qs(f)
    sums = dict(n=Sum("aantal"), norm=Sum("binnen_servicenorm"), termijn=Sum("binnen_termijn"))
    fine = list(qs.values(f.per, "zaaktype").annotate(**sums))
    by_period: dict[dt.date, dict] = {}
    by_type: dict[int, dict] = {}
    for r in fine:
        for key, target in ((r[f.per], by_period), (r["zaaktype"], by_type)):
            e = target.setdefault(
                key, {f.per: r[f.per], "zaaktype": r["zaaktype"], "n": 0, "norm": 0, "termijn": 0}
            )
            e["n"] += r["n"] or 0
            e["norm"] += r["norm"] or 0
            e["termijn"] += r["termijn"] or 0
    rows = [by_period[k] for k in sorted(by_period)]
    per_type = [by_type[k] for k in sorted(by_type)]
    namen = dict(Zaaktype.objects.values_list("pk", "omschrijving"))
    n = sum(r["n"] or 0 for r in rows)
    norm = sum(r["norm"] or 0 for r in rows)
    termijn = sum(r["termijn"] or 0 for r in rows)
    x = [_label(r[f.per], f.per) for r in rows]
    sectie = Sectie(
        "zaken",
        "Zaken: servicenorm en wettelijke termijn",
        kpis=[
            Kpi(
                "zaak_servicenorm",
                "Zaken binnen de servicenorm",
                pct(norm, n),
                "%",
                normen.get("zaak_servicenorm"),
                norm,
                n,
                "Afgeronde zaken met einddatum vóór of op de streefdatum.",
            ),
            Kpi(
                "zaak_termijn",
                "Zaken binnen de wettelijke termijn",
                pct(termijn, n),
                "%",
                normen.get("zaak_termijn"),
                termijn,
                n,
                "Afgeronde zaken met einddatum vóór of op de fatale datum.",
            ),
        ],
        tabellen=[
            Tabel(
                "zaaktypen",
                "Afgeronde zaken per zaaktype",
                [
                    "Zaaktype",
                    "Afgerond",
                    "Binnen servicenorm",
                    "Servicenorm %",
                    "Binnen termijn",
                    "Termijn %",
                ],
                sorted(
                    [
                        [
                            namen.get(r["zaaktype"], "?"),
                            r["n"],
                            r["norm"],
                            pct(r["norm"], r["n"]),
                            r["termijn"],
                            pct(r["termijn"], r["n"]),
                        ]
                        for r in per_type
                    ],
                    key=lambda row: row[0],
                ),
            ),
            Tabel(
                "zaaktrend",
                "Afgeronde zaken per " + f.per,
                ["Periode", "Afgerond", "Servicenorm %", "Termijn %"],
                [
                    [lab, r["n"], pct(r["norm"], r["n"]), pct(r["termijn"], r["n"])]
                    for lab, r in zip(x, rows, strict=True)
                ],
            ),
            tevredenheid_tabel(f, normen, "kanaal"),
        ],
    )
    sectie.grafieken = [
        Grafiek(
            "grafiek-zaken",
            "Zaken op tijd per " + f.per,
            "lijn",
            x,
            [
                {"naam": "Binnen servicenorm", "y": [pct(r["norm"], r["n"]) for r in rows]},
                {
                    "naam": "Binnen wettelijke termijn",
                    "y": [pct(r["termijn"], r["n"]) for r in rows],
                },
            ],
            "%",
            _norm_value(normen.get("zaak_servicenorm")),
            "Norm servicenorm",
            tabel="zaaktrend",
        ),
    ]
    if f.kanaalsoort:
        sectie.toelichting = "Zaken hebben geen kanaal: het kanaalfilter is hier niet toegepast."
    return sectie


def _formule_section(f: Filters, normen: dict) -> Sectie:
    """Guarantees per service formula and product: max working days (zaken), first contact
    (FCR of its products), max minutes for automatic handling (selfservice submissions)."""

    formules = {d.pk: d for d in Dienstverleningsformule.objects.all()}
    producten = {
        p["pk"]: p
        for p in Product.objects.filter(dienstverleningsformule__isnull=False).values(
            "pk", "upl_naam", "titel", "dienstverleningsformule_id"
        )
    }
    result: dict[tuple[int, int, str], list[int]] = {}
    for r in (
        _zaak_qs(f)
        .filter(product__in=list(producten))
        .values("product", "werkdagen")
        .annotate(n=Sum("aantal"), norm=Sum("binnen_servicenorm"))
    ):
        formule = formules[producten[r["product"]]["dienstverleningsformule_id"]]
        if formule.max_afhandeltijd_werkdagen is not None:
            garantie = f"binnen {formule.max_afhandeltijd_werkdagen} werkdagen"
            ok = r["n"] if r["werkdagen"] <= formule.max_afhandeltijd_werkdagen else 0
        else:
            garantie = "binnen de servicenorm van het product"
            ok = r["norm"]
        entry = result.setdefault((formule.pk, r["product"], garantie), [0, 0])
        entry[0] += r["n"]
        entry[1] += ok
    eerste = [pk for pk, d in formules.items() if d.bij_eerste_contact]
    if eerste:
        prods = [pk for pk, p in producten.items() if p["dienstverleningsformule_id"] in eerste]
        for r in (
            _contact_qs(f)
            .filter(product__in=prods)
            .values("product")
            .annotate(
                n=Sum("vragen"),
                ok=Sum("vragen", filter=Q(afhandeling__in=list(Afhandeling.front_office()))),
            )
        ):
            formule_id = producten[r["product"]]["dienstverleningsformule_id"]
            entry = result.setdefault(
                (formule_id, r["product"], "afgehandeld bij het eerste contact"), [0, 0]
            )
            entry[0] += r["n"] or 0
            entry[1] += r["ok"] or 0
    for (formule_id, product_id, garantie), n, ok in _flits_guarantees(f, formules, producten):
        entry = result.setdefault((formule_id, product_id, garantie), [0, 0])
        entry[0] += n
        entry[1] += ok
    rijen, links = [], []
    for (formule_id, product_id, garantie), (n, ok) in sorted(
        result.items(),
        key=lambda item: (
            formules[item[0][0]].volgorde,
            formules[item[0][0]].naam,
            producten[item[0][1]]["upl_naam"],
        ),
    ):
        p = producten[product_id]
        rijen.append(
            [formules[formule_id].naam, p["titel"] or p["upl_naam"], garantie, n, ok, pct(ok, n)]
        )
        links.append(_product_link(product_id))
    n_all = sum(r[3] for r in rijen)
    ok_all = sum(r[4] for r in rijen)
    per_formule: dict[str, list[int]] = {}
    for r in rijen:
        e = per_formule.setdefault(r[0], [0, 0])
        e[0] += r[3]
        e[1] += r[4]
    return Sectie(
        "formules",
        "Garanties van de dienstverleningsformules",
        kpis=[
            Kpi(
                "formule",
                "Garanties gehaald",
                pct(ok_all, n_all),
                "%",
                normen.get("formule"),
                ok_all,
                n_all,
            )
        ],
        tabellen=[
            Tabel(
                "formules",
                "Garanties per formule",
                ["Formule", "Gemeten", "Gehaald", "Gehaald %"],
                [[k, v[0], v[1], pct(v[1], v[0])] for k, v in per_formule.items()],
            ),
            Tabel(
                "formuleproducten",
                "Garanties per formule en product",
                ["Formule", "Product", "Garantie", "Gemeten", "Gehaald", "Gehaald %"],
                rijen,
                links,
            ),
        ],
        grafieken=[
            Grafiek(
                "grafiek-formules",
                "Garanties gehaald per formule",
                "staaf",
                list(per_formule),
                [{"naam": "Gehaald", "y": [pct(v[1], v[0]) for v in per_formule.values()]}],
                "%",
                _norm_value(normen.get("formule")),
                "Norm garanties",
                tabel="formules",
            ),
        ],
    )


def _flits_guarantees(f: Filters, formules: dict, producten: dict):
    """Automatic handling within the formula's minutes, from selfservice submissions (if installed)."""
    minuten = {
        pk: d.max_afhandeltijd_minuten for pk, d in formules.items() if d.max_afhandeltijd_minuten
    }
    if not minuten or not apps.is_installed("loket.selfservice"):
        return []
    try:
        from loket.selfservice.models import Inzending
    except ImportError:
        return []
    lo, hi = day_bounds(f.van, f.tot)
    out = []
    for formule_id, maximum in minuten.items():
        prods = [pk for pk, p in producten.items() if p["dienstverleningsformule_id"] == formule_id]
        qs = Inzending.objects.filter(
            ingediend_op__gte=lo, ingediend_op__lt=hi, formulier__product__in=prods
        )
        if f.product is not None:
            qs = qs.filter(formulier__product=f.product)
        for r in qs.values("formulier__product").annotate(
            n=Count("pk"),
            ok=Count(
                "pk",
                filter=Q(afgehandeld_op__lte=F("ingediend_op") + dt.timedelta(minutes=maximum)),
            ),
        ):
            out.append(
                (
                    (formule_id, r["formulier__product"], f"afgehandeld binnen {maximum} minuten"),
                    r["n"],
                    r["ok"],
                )
            )
    return out


def _tevredenheid_section(f: Filters, normen: dict) -> Sectie:
    """CSAT, NPS and CES with the trend, and CSAT and CES per channel (the full breakdown per
    product, team and formula, and the open answers, are on /inzicht/tevredenheid/)."""
    qs = tevredenheid_qs(f)
    # Grouped in Python: a few thousand rows, and no per-row date function in SQLite.
    groups: dict[dt.date, dict[str, int]] = {}
    for moment, score, aanbeveling in qs.values_list("beantwoord_op", "score", "aanbeveling"):
        day = moment.astimezone(AMS).date()
        key = month_of(day) if f.per == "maand" else week_of(day)
        g = groups.setdefault(
            key, {"p": key, "n": 0, "tevreden": 0, "nps_n": 0, "promotors": 0, "criticasters": 0}
        )
        if score is not None:
            g["n"] += 1
            g["tevreden"] += score >= 4
        if aanbeveling is not None:
            g["nps_n"] += 1
            g["promotors"] += aanbeveling >= 9
            g["criticasters"] += aanbeveling <= 6
    rows = [groups[k] for k in sorted(groups)]

    def nps(r):
        if not r["nps_n"]:
            return None
        return round(100.0 * (r["promotors"] - r["criticasters"]) / r["nps_n"], 1)

    total = {
        k: sum(r[k] for r in rows) for k in ("n", "tevreden", "nps_n", "promotors", "criticasters")
    }
    x = [_label(r["p"].date() if isinstance(r["p"], dt.datetime) else r["p"], f.per) for r in rows]
    return Sectie(
        "tevredenheid",
        "Klanttevredenheid",
        kpis=[
            Kpi(
                "csat",
                "Tevreden klanten (CSAT)",
                pct(total["tevreden"], total["n"]),
                "%",
                normen.get("csat"),
                total["tevreden"],
                total["n"],
                "Aandeel 4 of 5 op de schaal 1-5.",
            ),
            Kpi(
                "nps",
                "Net Promoter Score",
                nps(total),
                "",
                normen.get("nps"),
                None,
                total["nps_n"],
                "% 9-10 min % 0-6 op de vraag of u ons zou aanbevelen (0-10).",
            ),
            ces_kpi(f, normen),
        ],
        tabellen=[
            Tabel(
                "tevredenheid",
                "Tevredenheid per " + f.per,
                ["Periode", "Antwoorden", "Tevreden (4-5)", "CSAT %", "NPS-antwoorden", "NPS"],
                [
                    [lab, r["n"], r["tevreden"], pct(r["tevreden"], r["n"]), r["nps_n"], nps(r)]
                    for lab, r in zip(x, rows, strict=True)
                ],
            ),
            tevredenheid_tabel(f, normen, "kanaal"),
        ],
        grafieken=[
            Grafiek(
                "grafiek-tevredenheid",
                "CSAT per " + f.per,
                "lijn",
                x,
                [{"naam": "CSAT", "y": [pct(r["tevreden"], r["n"]) for r in rows]}],
                "%",
                _norm_value(normen.get("csat")),
                "Norm CSAT",
                tabel="tevredenheid",
            ),
        ],
    )
