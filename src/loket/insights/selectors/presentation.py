"""What the insight pages show: KPI cards, tables and charts, with Dutch number formatting and links to where a figure is improved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from loket.insights.selectors.filters import Filters


@dataclass
class Kpi:
    code: str
    titel: str
    waarde: float | None
    eenheid: str  # "%", "s", "" or "€"
    norm: object | None = None
    teller: int | None = None
    noemer: int | None = None
    toelichting: str = ""
    # Set when a chosen filter cannot apply to this figure, shown next to it
    # ("Telefonie: niet per team beschikbaar").
    filter_melding: str = ""

    @property
    def weergave(self) -> str:
        """The figure as a Dutch reader expects it: "82,3%", "€ 1.234,56", "12,5 s", "4.000"."""
        if self.waarde is None:
            return "—"
        if self.eenheid == "€":
            return format_euro(self.waarde)
        if self.eenheid == "%":
            return format_pct(self.waarde)
        if self.eenheid == "s":
            return format_number(self.waarde, 1) + " s"
        return format_number(self.waarde)

    @property
    def gehaald(self) -> bool | None:
        return self.norm.gehaald(self.waarde) if self.norm is not None else None

    @property
    def norm_tekst(self) -> str:
        if self.norm is None:
            return ""
        teken = "≥" if self.norm.richting == "min" else "≤"
        eenheid = {"procent": "%", "seconden": " s", "minuten": " min", "score": ""}[
            self.norm.eenheid
        ]
        return f"{teken} {_number(self.norm.streefwaarde)}{eenheid}"


@dataclass
class Tabel:
    key: str
    titel: str
    kolommen: list[str]
    rijen: list[list]
    links: list[str | None] = field(default_factory=list)  # per row: where to improve

    @property
    def regels(self) -> list[tuple[str | None, object, list]]:
        """(link, first cell, other cells formatted for reading) per row, for the template.
        Money columns (header with "€") as amounts, percentage columns ("%") with the sign;
        the exports keep the plain numbers of `rijen`."""
        kolommen = self.kolommen[1:]
        return [
            (
                self.links[i] if i < len(self.links) else None,
                row[0],
                [_cell(v, kolommen[k] if k < len(kolommen) else "") for k, v in enumerate(row[1:])],
            )
            for i, row in enumerate(self.rijen)
        ]


@dataclass
class Grafiek:
    id: str
    titel: str
    soort: str  # "lijn", "staaf" or "trechter" (horizontal bars, first step on top)
    x: list[str]
    reeksen: list[dict]  # {"naam", "y"}
    eenheid: str = "%"
    norm: float | None = None
    norm_naam: str = ""
    tabel: str = ""  # key of the table with the same figures

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "titel": self.titel,
            "soort": self.soort,
            "x": self.x,
            "reeksen": self.reeksen,
            "eenheid": self.eenheid,
            "norm": self.norm,
            "norm_naam": self.norm_naam,
        }


@dataclass
class Sectie:
    key: str
    titel: str
    kpis: list[Kpi] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)
    tabellen: list[Tabel] = field(default_factory=list)
    toelichting: str = ""


@dataclass
class Dashboard:
    filters: Filters
    secties: list[Sectie]

    @property
    def kpis(self) -> list[Kpi]:
        return [k for s in self.secties for k in s.kpis]

    def tabel(self, key: str) -> Tabel | None:
        for sectie in self.secties:
            for tabel in sectie.tabellen:
                if tabel.key == key:
                    return tabel
        return None

    def grafieken_json(self) -> list[dict]:
        return [g.as_json() for s in self.secties for g in s.grafieken]


def _number(value) -> str:
    """80.00 -> "80", 2.50 -> "2,5" (Dutch decimal comma)."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def format_number(value, decimals: int | None = None) -> str:
    """Dutch notation: 1234 -> "1.234", 82.25 -> "82,3" (one decimal unless told),
    1234.5 with decimals=2 -> "1.234,50". Whole floats lose their decimals unless told."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value) == int(value) else 1
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,d}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_euro(value) -> str:
    """An amount in euros: 1234.5 -> "€ 1.234,50", -3 -> "€ -3,00"."""
    if value is None:
        return "—"
    return "€ " + format_number(value, 2)


def format_pct(value) -> str:
    """A percentage with one decimal: 82.25 -> "82,3%", 100 -> "100,0%"."""
    if value is None:
        return "—"
    return format_number(value, 1) + "%"


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def period_label(day: dt.date, per: str) -> str:
    """A period as people say it: "december 2025" (month) or "week 45" (ISO week; its ISO
    year is added when that is not the current one: "week 52 (2025)")."""
    if per == "maand":
        return f"{MAANDEN[day.month - 1]} {day.year}"
    iso = day.isocalendar()
    from django.utils import timezone

    if iso.year == timezone.localdate().isocalendar().year:
        return f"week {iso.week}"
    return f"week {iso.week} ({iso.year})"


def _cell(value, kolom: str) -> object:
    if value is None or isinstance(value, str):
        return "—" if value is None else value
    if "€" in kolom:
        return format_euro(value)
    if kolom.endswith("%"):
        return format_pct(value)
    if kolom.endswith("(s)"):
        return format_number(value, 1)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return format_number(value)
    return value


def pct(teller, noemer) -> float | None:
    if not noemer:
        return None
    return round(100.0 * (teller or 0) / noemer, 1)


def _label(day: dt.date, per: str) -> str:
    return period_label(day, per)


def filter_melding(onderwerp: str, f: Filters, *, niet: tuple[str, ...]) -> str:
    """The label for a figure that a chosen filter cannot apply to, e.g. "Telefonie: niet per
    team beschikbaar"; empty when none of the filters in `niet` (team, product, kanaal) is set."""
    gekozen = {
        "team": f.team is not None,
        "product": f.product is not None,
        "kanaal": bool(f.kanaalsoort),
    }
    namen = [naam for naam in niet if gekozen[naam]]
    if not namen:
        return ""
    return f"{onderwerp}: niet per {' en '.join(namen)} beschikbaar"


def _norm_value(norm) -> float | None:
    return float(norm.streefwaarde) if norm is not None else None


def _product_link(product_id: int | None) -> str | None:
    """Where the product is improved: the catalogue editors' page (else the admin)."""
    if product_id is None:
        return None

    for name in ("catalogusbeheer:catalogue_product_change", "admin:catalogue_product_change"):
        try:
            return reverse(name, args=[product_id])
        except NoReverseMatch:
            continue
    return None


def _article_link(slug: str) -> str | None:

    try:
        return reverse("knowledge:artikel_bewerken", args=[slug])
    except NoReverseMatch:
        return None


def _new_article_link(q: str) -> str | None:

    try:
        return reverse("knowledge:artikel_nieuw") + "?" + urlencode({"vraag": q})
    except NoReverseMatch:
        return None
