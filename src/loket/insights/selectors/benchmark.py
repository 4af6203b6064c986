"""The benchmark between municipalities (issue 21, docs/benchmark.md): Loket's monthly KPIs as an
open export, and the comparison with other municipalities' imported exports.

Every KPI is computed by the dashboard's own sections for the calendar month, so the export
equals what the dashboard shows for that month. Aggregated figures only: no personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from loket.core.models import KanaalSoort
from loket.insights.models import BenchmarkMaand, ContactDagTotaal
from loket.insights.selectors.dashboard_cases import _formule_section, _tevredenheid_section
from loket.insights.selectors.dashboard_contacts import _contact_sections, _telefoon_section
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.norms import norm_map
from loket.insights.selectors.presentation import Grafiek, Kpi, Tabel, _label
from loket.parties.models import Persoon

FORMAAT = "loket-benchmark"
VERSIE = 1

# The KPIs of the export: code, Dutch name, higher is better. All are percentages.
KPIS: list[tuple[str, str, bool]] = [
    ("zelfservice", "Zelfservicegraad", True),
    ("fcr", "Afgehandeld bij eerste contact (FCR)", True),
    ("serviceniveau", "Telefonie: opgenomen binnen de norm", True),
    ("email", "E-mail op tijd beantwoord", True),
    ("formule", "Garanties van de formules gehaald", True),
    ("csat", "Tevreden klanten (CSAT)", True),
]
# Measures derived from the counts, compared beside the KPIs (fewer contacts is better).
AFGELEID: list[tuple[str, str, bool]] = [
    ("vragen_per_1000", "Vragen per 1.000 inwoners", False),
    ("online_aandeel", "Aandeel online (click) van de contacten", True),
]


def inwoners_get() -> int:
    """The municipality's inhabitants: LOKET_INWONERS, else the persons in the register."""
    return settings.LOKET_INWONERS or Persoon.objects.count()


def _months(van: dt.date, tot: dt.date) -> list[dt.date]:
    month = van.replace(day=1)
    out = []
    while month <= tot:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def _kpi_json(kpi: Kpi) -> dict:
    return {"waarde": kpi.waarde, "teller": kpi.teller, "noemer": kpi.noemer}


def _per_1000(n: int, inwoners: int) -> float | None:
    return round(1000.0 * n / inwoners, 2) if inwoners else None


def benchmark_export_get(*, van: dt.date, tot: dt.date) -> dict:
    """The benchmark export (format version 1) for the calendar months from van to tot."""
    normen = norm_map()
    inwoners = inwoners_get()
    months = _months(van, tot)
    kanalen: dict[dt.date, dict[str, int]] = {}
    for r in (
        ContactDagTotaal.objects.filter(maand__in=months)
        .values("maand", "kanaalsoort")
        .annotate(n=Sum("contacten"))
    ):
        kanalen.setdefault(r["maand"], {})[r["kanaalsoort"]] = r["n"] or 0
    redenen: dict[dt.date, dict[str, int]] = {}
    for maand, reden, n in (
        ContactDagTotaal.objects.filter(maand__in=months)
        .values("maand", "contactreden__naam")
        .annotate(n=Sum("vragen"))
        .values_list("maand", "contactreden__naam", "n")
    ):
        per = redenen.setdefault(maand, {})
        per[reden] = per.get(reden, 0) + (n or 0)
    maanden = []
    for start in months:
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        f = Filters(van=start, tot=end, per="maand")
        contact: Any = _contact_sections(f, normen)
        (kwaliteit, _kanalen), email, _trend, _x = contact
        gevonden = {k.code: k for k in kwaliteit.kpis}
        gevonden["email"] = email
        gevonden["serviceniveau"] = _telefoon_section(f, normen).kpis[0]
        gevonden["formule"] = _formule_section(f, normen).kpis[0]
        gevonden["csat"] = _tevredenheid_section(f, normen).kpis[0]
        per_kanaal = {s: kanalen.get(start, {}).get(s, 0) for s in KanaalSoort.values}
        vragen = sum(redenen.get(start, {}).values())
        maanden.append(
            {
                "maand": f"{start:%Y-%m}",
                "kpis": {code: _kpi_json(gevonden[code]) for code, _naam, _hoger in KPIS},
                "contacten_per_kanaal": per_kanaal,
                "vragen": vragen,
                "vragen_per_1000": _per_1000(vragen, inwoners),
                "contactredenen_per_1000": {
                    naam: _per_1000(n, inwoners)
                    for naam, n in sorted(redenen.get(start, {}).items())
                },
            }
        )
    return {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "gemeente": {"naam": settings.LOKET_MUNICIPALITY, "inwoners": inwoners},
        "periode": {"van": f"{months[0]:%Y-%m}", "tot": f"{months[-1]:%Y-%m}"} if months else {},
        "gemaakt_op": timezone.now().isoformat(timespec="seconds"),
        "maanden": maanden,
    }


def benchmark_csv_rows(export: dict) -> list[list]:
    """The export in long form, one measure per row, for spreadsheets (semicolon CSV)."""
    gemeente, inwoners = export["gemeente"]["naam"], export["gemeente"]["inwoners"]
    rows: list[list] = [["gemeente", "inwoners", "maand", "maat", "waarde", "teller", "noemer"]]
    for m in export["maanden"]:
        base = [gemeente, inwoners, m["maand"]]
        for code, k in m["kpis"].items():
            rows.append([*base, code, k["waarde"], k["teller"], k["noemer"]])
        for soort, n in m["contacten_per_kanaal"].items():
            rows.append([*base, f"contacten_{soort}", n, None, None])
        rows.append([*base, "vragen", m["vragen"], None, None])
        rows.append([*base, "vragen_per_1000", m["vragen_per_1000"], None, None])
        for naam, v in m["contactredenen_per_1000"].items():
            rows.append([*base, f"contactreden_per_1000:{naam}", v, None, None])
    return rows


def _measure(maand: dict, code: str) -> float | None:
    if code == "vragen_per_1000":
        return maand.get("vragen_per_1000")
    if code == "online_aandeel":
        kanalen = maand.get("contacten_per_kanaal") or {}
        alle = sum(kanalen.values())
        return round(100.0 * kanalen.get("click", 0) / alle, 1) if alle else None
    waarde = (maand.get("kpis") or {}).get(code, {}).get("waarde")
    return None if waarde is None else float(waarde)


@dataclass
class Vergelijking:
    gemeenten: list[str]  # own municipality first
    inwoners: dict[str, int]
    tabellen: list[Tabel]
    grafieken: list[Grafiek]
    beste: dict[str, dict[str, str]]  # table key -> month label -> best municipality


def benchmark_vergelijking_get(*, van: dt.date, tot: dt.date) -> Vergelijking:
    """Per KPI and month: the own figure beside the imported municipalities', best marked."""
    eigen = benchmark_export_get(van=van, tot=tot)
    naam = eigen["gemeente"]["naam"]
    per_gemeente: dict[str, dict[str, dict]] = {naam: {m["maand"]: m for m in eigen["maanden"]}}
    inwoners = {naam: eigen["gemeente"]["inwoners"]}
    labels = [m["maand"] for m in eigen["maanden"]]
    for r in BenchmarkMaand.objects.filter(maand__in=labels).exclude(gemeente=naam):
        per_gemeente.setdefault(r.gemeente, {})[r.maand] = r.cijfers or {}
        inwoners[r.gemeente] = r.inwoners
    gemeenten = [naam, *sorted(g for g in per_gemeente if g != naam)]
    tabellen, grafieken, beste = [], [], {}
    for code, titel, hoger in KPIS + AFGELEID:
        rijen, best_row = [], {}
        for label in labels:
            dag = dt.date.fromisoformat(label + "-01")
            waarden = [_measure(per_gemeente[g].get(label, {}), code) for g in gemeenten]
            known = [(v, g) for v, g in zip(waarden, gemeenten, strict=True) if v is not None]
            winnaar = (max if hoger else min)(known)[1] if known else ""
            best_row[_label(dag, "maand")] = winnaar
            rijen.append([_label(dag, "maand"), *waarden, winnaar or None])
        eenheid = "%" if code != "vragen_per_1000" else ""
        kolommen = ["Maand", *[f"{g} {eenheid}".strip() for g in gemeenten], "Beste"]
        tabellen.append(Tabel(f"benchmark-{code}", titel, kolommen, rijen))
        beste[f"benchmark-{code}"] = best_row
        grafieken.append(
            Grafiek(
                f"grafiek-benchmark-{code}",
                titel + (" (hoger is beter)" if hoger else " (lager is beter)"),
                "lijn",
                [str(r[0]) for r in rijen],
                [{"naam": g, "y": [r[i + 1] for r in rijen]} for i, g in enumerate(gemeenten)],
                eenheid,
                tabel=f"benchmark-{code}",
            )
        )
    return Vergelijking(gemeenten, inwoners, tabellen, grafieken, beste)
