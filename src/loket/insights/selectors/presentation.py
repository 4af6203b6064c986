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
        """(link, first cell, other cells) per row, for the template."""
        return [
            (self.links[i] if i < len(self.links) else None, row[0], row[1:])
            for i, row in enumerate(self.rijen)
        ]


@dataclass
class Grafiek:
    id: str
    titel: str
    soort: str  # "lijn" or "staaf"
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


def pct(teller, noemer) -> float | None:
    if not noemer:
        return None
    return round(100.0 * (teller or 0) / noemer, 1)


def _label(day: dt.date, per: str) -> str:
    if per == "maand":
        return f"{day:%Y-%m}"
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


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
