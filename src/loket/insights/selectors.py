"""Reads of the insights app: filters, norms, the dashboard and its tables and charts.

Everything here is aggregated: no names, BSNs or free texts of customers reach the dashboard.
The dashboard reads the daily summaries (summaries.py); call `samenvattingen_bijwerken()` first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from loket.contacts.constants import Afhandeling
from loket.core.errors import DomainError
from loket.core.models import KanaalSoort
from loket.insights.constants import DEFAULT_KOSTEN, DEFAULT_NORMS
from loket.insights.summaries import AMS, day_bounds, month_of, week_of

PERIODES = {"week": "week", "maand": "maand"}


# --- norms --------------------------------------------------------------------------------------
def norm_map() -> dict:
    """The norms by code; a norm missing from the table counts with its default (issue 7)."""
    from loket.insights.constants import NormCode
    from loket.insights.models import Norm

    normen = {n.code: n for n in Norm.objects.all()}
    for code, waarde, eenheid, richting, parameter, parameter_eenheid in DEFAULT_NORMS:
        if code.value not in normen:
            normen[code.value] = Norm(
                code=code.value,
                naam=str(NormCode(code).label),
                streefwaarde=Decimal(waarde),
                eenheid=eenheid.value,
                richting=richting.value,
                parameter=parameter,
                parameter_eenheid=parameter_eenheid,
            )
    return normen


def norm_parameter(code: str, default: int) -> int:
    from loket.insights.models import Norm

    value = Norm.objects.filter(code=code).values_list("parameter", flat=True).first()
    return int(value) if value else default


def kanaal_kosten() -> dict[str, Decimal]:
    from loket.insights.models import KanaalKosten

    kosten = {soort: Decimal(v) for soort, v in DEFAULT_KOSTEN.items()}
    kosten.update(dict(KanaalKosten.objects.values_list("soort", "kosten_per_contact")))
    return kosten


# --- filters ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    van: dt.date
    tot: dt.date
    kanaalsoort: str | None = None
    team: object | None = None
    product: object | None = None
    per: str = "week"

    def as_params(self) -> dict[str, str]:
        params = {"van": self.van.isoformat(), "tot": self.tot.isoformat(), "per": self.per}
        if self.kanaalsoort:
            params["kanaal"] = self.kanaalsoort
        if self.team is not None:
            params["team"] = self.team.slug
        if self.product is not None:
            params["product"] = str(self.product.pk)
        return params

    @property
    def omschrijving(self) -> str:
        parts = [f"{self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"]
        if self.kanaalsoort:
            parts.append(f"kanaal {KanaalSoort(self.kanaalsoort).label}")
        if self.team is not None:
            parts.append(f"team {self.team}")
        if self.product is not None:
            parts.append(f"product {self.product}")
        return ", ".join(parts)


def _parse_date(value: str, field_name: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DomainError(
            f"De {label} '{value}' is geen geldige datum; gebruik de vorm 2026-01-31.",
            field=field_name,
        ) from None


def filters_from_params(params, *, today: dt.date | None = None) -> Filters:
    """Parse and validate the dashboard filters (GET parameters). Bad input: DomainError."""
    from loket.accounts.models import Team
    from loket.catalogue.models import Product

    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def fail(exc: DomainError) -> None:
        errors.setdefault(exc.field, []).append(exc.message)

    tot = today
    van = today - dt.timedelta(days=364)
    try:
        if params.get("tot"):
            tot = _parse_date(params["tot"], "tot", "einddatum")
    except DomainError as exc:
        fail(exc)
    try:
        if params.get("van"):
            van = _parse_date(params["van"], "van", "begindatum")
        elif params.get("tot"):
            van = tot - dt.timedelta(days=364)
    except DomainError as exc:
        fail(exc)
    if not errors and tot < van:
        errors["tot"] = ["De einddatum ligt vóór de begindatum."]
    if not errors and (tot - van).days > 3 * 366:
        errors["van"] = ["Kies een periode van ten hoogste drie jaar."]

    kanaal = (params.get("kanaal") or "").strip() or None
    if kanaal and kanaal not in KanaalSoort.values:
        errors["kanaal"] = [
            f"Onbekend kanaal '{kanaal}'; kies uit {', '.join(KanaalSoort.values)}."
        ]
    team = None
    team_value = (params.get("team") or "").strip()
    if team_value:
        team = Team.objects.filter(slug=team_value).first()
        if team is None:
            errors["team"] = [f"Onbekend team '{team_value}'."]
    product = None
    product_value = (params.get("product") or "").strip()
    if product_value:
        product = (
            Product.objects.filter(pk=int(product_value)).first()
            if product_value.isdigit()
            else None
        )
        if product is None:
            errors["product"] = [f"Onbekend product '{product_value}'."]
    per = params.get("per") or ""
    if per and per not in PERIODES:
        errors["per"] = ["Kies per week of per maand."]
    if errors:
        first_field, messages = next(iter(errors.items()))
        raise DomainError(messages[0], field=first_field, errors=errors)
    if not per:
        per = "maand" if (tot - van).days > 120 else "week"
    return Filters(van=van, tot=tot, kanaalsoort=kanaal, team=team, product=product, per=per)


# --- result shapes ------------------------------------------------------------------------------
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


# --- sections -----------------------------------------------------------------------------------
def _contact_qs(f: Filters):
    from loket.insights.models import ContactDagTotaal

    qs = ContactDagTotaal.objects.filter(datum__gte=f.van, datum__lte=f.tot)
    if f.kanaalsoort:
        qs = qs.filter(kanaalsoort=f.kanaalsoort)
    if f.team is not None:
        qs = qs.filter(team=f.team)
    if f.product is not None:
        qs = qs.filter(product=f.product)
    return qs


def _contact_sections(f: Filters, normen: dict) -> list[Sectie]:
    per = f.per
    front = list(Afhandeling.front_office())
    # One scan of the summary, grouped by period and kind of channel; the rest is summed here.
    fine = list(
        _contact_qs(f)
        .values(per, "kanaalsoort")
        .annotate(
            vragen_n=Sum("vragen"),
            front_n=Sum("vragen", filter=Q(afhandeling__in=front)),
            product_n=Sum("vragen", filter=Q(product__isnull=False)),
            zelf_n=Sum(
                "vragen", filter=Q(product__isnull=False, afhandeling=Afhandeling.ZELFSTANDIG)
            ),
            herhaal_n=Sum("herhaal"),
            contacten_n=Sum("contacten"),
            email_tijd_n=Sum("op_tijd"),
        )
        .order_by(per)
    )
    keys = ("vragen_n", "front_n", "product_n", "zelf_n", "herhaal_n", "email_n", "email_tijd_n")
    merged: dict[dt.date, dict] = {}
    for r in fine:
        m = merged.setdefault(r[per], {per: r[per], **dict.fromkeys(keys, 0)})
        for k in keys:
            if k != "email_n":
                m[k] += r[k] or 0
        if r["kanaalsoort"] == "email":
            m["email_n"] += r["contacten_n"] or 0
    rows = [merged[k] for k in sorted(merged)]
    tot = {
        k: sum((r[k] or 0) for r in rows)
        for k in (
            "vragen_n",
            "front_n",
            "product_n",
            "zelf_n",
            "herhaal_n",
            "email_n",
            "email_tijd_n",
        )
    }
    x = [_label(r[per], per) for r in rows]

    fcr = Kpi(
        "fcr",
        "Afgehandeld bij eerste contact (FCR)",
        pct(tot["front_n"], tot["vragen_n"]),
        "%",
        normen.get("fcr"),
        tot["front_n"],
        tot["vragen_n"],
        "Vragen die de frontoffice direct afhandelde (afgehandeld, zelf online, doorverwezen) / alle vragen.",
    )
    zelf = Kpi(
        "zelfservice",
        "Zelfservicegraad",
        pct(tot["zelf_n"], tot["product_n"]),
        "%",
        normen.get("zelfservice"),
        tot["zelf_n"],
        tot["product_n"],
        "Vragen over een product die de inwoner zelf online afhandelde (zonder medewerker) / alle vragen over een product.",
    )
    herhaal = Kpi(
        "herhaal",
        "Vaker gevraagd (herhaalcontact)",
        pct(tot["herhaal_n"], tot["product_n"]),
        "%",
        normen.get("herhaal"),
        tot["herhaal_n"],
        tot["product_n"],
        "Vragen van dezelfde klant over hetzelfde product binnen de termijn na een eerder contact / vragen over een product.",
    )
    kwaliteit = Sectie(
        "kwaliteit",
        "Eerste contact en zelfservice",
        kpis=[fcr, zelf, herhaal],
        grafieken=[
            Grafiek(
                "grafiek-fcr",
                "FCR en zelfservice per " + per,
                "lijn",
                x,
                [
                    {"naam": "FCR", "y": [pct(r["front_n"], r["vragen_n"]) for r in rows]},
                    {"naam": "Zelfservice", "y": [pct(r["zelf_n"], r["product_n"]) for r in rows]},
                    {
                        "naam": "Herhaalcontact",
                        "y": [pct(r["herhaal_n"], r["product_n"]) for r in rows],
                    },
                ],
                "%",
                _norm_value(normen.get("fcr")),
                "Norm FCR",
                tabel="fcr",
            ),
        ],
        tabellen=[
            Tabel(
                "fcr",
                "FCR, zelfservice en herhaalcontact per " + per,
                [
                    "Periode",
                    "Vragen",
                    "Bij eerste contact",
                    "FCR %",
                    "Vragen over product",
                    "Zelf online",
                    "Zelfservice %",
                    "Herhaal",
                    "Herhaal %",
                ],
                [
                    [
                        lab,
                        r["vragen_n"],
                        r["front_n"] or 0,
                        pct(r["front_n"], r["vragen_n"]),
                        r["product_n"] or 0,
                        r["zelf_n"] or 0,
                        pct(r["zelf_n"], r["product_n"]),
                        r["herhaal_n"] or 0,
                        pct(r["herhaal_n"], r["product_n"]),
                    ]
                    for lab, r in zip(x, rows, strict=True)
                ],
            ),
        ],
    )

    # Channel mix and costs.
    kosten = kanaal_kosten()
    mix_rows = [{per: r[per], "kanaalsoort": r["kanaalsoort"], "n": r["contacten_n"]} for r in fine]
    soorten = [s for s in KanaalSoort.values]
    by_period: dict[dt.date, dict[str, int]] = {}
    for r in mix_rows:
        by_period.setdefault(r[per], {})[r["kanaalsoort"]] = r["n"] or 0
    periods = sorted(by_period)
    px = [_label(p, per) for p in periods]
    totaal_per_soort = {s: sum(by_period[p].get(s, 0) for p in periods) for s in soorten}
    alle = sum(totaal_per_soort.values())
    kanaal_tabel = Tabel(
        "kanalen",
        "Kanaalmix en kosten",
        ["Kanaal", "Contacten", "Aandeel %", "Kosten per contact (€)", "Kosten (€)"],
        [
            [
                KanaalSoort(s).label,
                totaal_per_soort[s],
                pct(totaal_per_soort[s], alle),
                float(kosten.get(s, 0)),
                round(float(kosten.get(s, 0)) * totaal_per_soort[s], 2),
            ]
            for s in soorten
        ],
    )
    totale_kosten = round(sum(float(kosten.get(s, 0)) * totaal_per_soort[s] for s in soorten), 2)
    kanaal_tabel.rijen.append(["Totaal", alle, 100.0 if alle else None, None, totale_kosten])
    trend_tabel = Tabel(
        "kanaaltrend",
        "Kanaalmix per " + per + " (aandeel %)",
        ["Periode"] + [KanaalSoort(s).label for s in soorten] + ["Kosten (€)"],
        [
            [lab]
            + [pct(by_period[p].get(s, 0), sum(by_period[p].values())) for s in soorten]
            + [round(sum(float(kosten.get(s, 0)) * by_period[p].get(s, 0) for s in soorten), 2)]
            for lab, p in zip(px, periods, strict=True)
        ],
    )
    kanalen = Sectie(
        "kanalen",
        "Kanaalmix en kosten",
        kpis=[
            Kpi("contacten", "Klantcontacten", alle, ""),
            Kpi(
                "kosten",
                "Kosten van de contacten",
                totale_kosten,
                "€",
                toelichting="Contacten × kosten per contact van het kanaal (in te stellen door de beheerder).",
            ),
            Kpi(
                "online", "Aandeel online (click)", pct(totaal_per_soort.get("click", 0), alle), "%"
            ),
        ],
        grafieken=[
            Grafiek(
                "grafiek-kanalen",
                "Kanaalmix per " + per + " (aandeel %)",
                "staaf",
                px,
                [
                    {
                        "naam": KanaalSoort(s).label,
                        "y": [
                            pct(by_period[p].get(s, 0), sum(by_period[p].values())) for p in periods
                        ],
                    }
                    for s in soorten
                ],
                "%",
                tabel="kanaaltrend",
            ),
        ],
        tabellen=[kanaal_tabel, trend_tabel],
    )

    email = Kpi(
        "email",
        "E-mail op tijd beantwoord",
        pct(tot["email_tijd_n"], tot["email_n"]),
        "%",
        normen.get("email"),
        tot["email_tijd_n"],
        tot["email_n"],
        "E-mails beantwoord vóór het einde van de termijn (werkdagen na ontvangst) / alle e-mails.",
    )
    email_trend = [
        [lab, r["email_n"] or 0, r["email_tijd_n"] or 0, pct(r["email_tijd_n"], r["email_n"])]
        for lab, r in zip(x, rows, strict=True)
    ]
    return [kwaliteit, kanalen], email, email_trend, x


def _verzoek_section(f: Filters, normen: dict, today: dt.date):
    from loket.insights.models import ContactverzoekDagTotaal

    qs = ContactverzoekDagTotaal.objects.filter(datum__gte=f.van, datum__lte=min(f.tot, today))
    if f.kanaalsoort:
        qs = qs.filter(kanaal__soort=f.kanaalsoort)
    if f.team is not None:
        qs = qs.filter(team=f.team)
    if f.product is not None:
        qs = qs.filter(product=f.product)
    rows = list(
        qs.values(f.per).annotate(n=Sum("aantal"), ok=Sum("op_tijd"), o=Sum("open")).order_by(f.per)
    )
    n = sum(r["n"] or 0 for r in rows)
    ok = sum(r["ok"] or 0 for r in rows)
    kpi = Kpi(
        "contactverzoek",
        "Contactverzoeken op tijd",
        pct(ok, n),
        "%",
        normen.get("contactverzoek"),
        ok,
        n,
        "Contactverzoeken met een deadline in de periode (tot vandaag) die vóór de deadline zijn afgehandeld.",
    )
    tabel = [
        [_label(r[f.per], f.per), r["n"] or 0, r["ok"] or 0, r["o"] or 0, pct(r["ok"], r["n"])]
        for r in rows
    ]
    return kpi, tabel


def _balie(f: Filters, normen: dict):
    """Counter visitors helped within the norm (selfservice's queue tickets, when installed)."""
    if not apps.is_installed("loket.selfservice"):
        return None, []
    try:
        from loket.selfservice.models import Wachtrijticket
    except ImportError:
        return None, []
    minutes = norm_parameter("balie", 15)
    qs = Wachtrijticket.objects.filter(
        datum__gte=f.van, datum__lte=f.tot, opgeroepen_op__isnull=False
    )
    if f.product is not None:
        qs = qs.filter(product=f.product)
    trunc = TruncMonth if f.per == "maand" else TruncWeek
    rows = list(
        qs.annotate(p=trunc("datum"))
        .values("p")
        .annotate(
            n=Count("pk"),
            ok=Count(
                "pk",
                filter=Q(opgeroepen_op__lte=F("aangekomen_op") + dt.timedelta(minutes=minutes)),
            ),
        )
        .order_by("p")
    )
    n = sum(r["n"] for r in rows)
    ok = sum(r["ok"] for r in rows)
    kpi = Kpi(
        "balie",
        f"Baliebezoekers binnen {minutes} minuten geholpen",
        pct(ok, n),
        "%",
        normen.get("balie"),
        ok,
        n,
        "Wachtrijtickets die binnen de norm werden opgeroepen / alle opgeroepen tickets.",
    )
    return kpi, [[_label(r["p"], f.per), r["n"], r["ok"], pct(r["ok"], r["n"])] for r in rows]


def _dienstverlening_section(
    f: Filters, normen: dict, today: dt.date, email: Kpi, email_trend, x
) -> Sectie:
    verzoek_kpi, verzoek_rows = _verzoek_section(f, normen, today)
    balie_kpi, balie_rows = _balie(f, normen)
    kpis = [email, verzoek_kpi] + ([balie_kpi] if balie_kpi else [])
    tabellen = [
        Tabel(
            "email",
            "E-mail op tijd per " + f.per,
            ["Periode", "E-mails", "Op tijd", "Op tijd %"],
            email_trend,
        ),
        Tabel(
            "contactverzoeken",
            "Contactverzoeken per " + f.per + " (op deadline)",
            ["Periode", "Verzoeken", "Op tijd", "Nog open", "Op tijd %"],
            verzoek_rows,
        ),
    ]
    reeksen = [
        {"naam": "E-mail op tijd", "y": [r[3] for r in email_trend]},
    ]
    if balie_kpi:
        tabellen.append(
            Tabel(
                "balie",
                "Baliebezoekers per " + f.per,
                ["Periode", "Geholpen", "Binnen de norm", "Binnen de norm %"],
                balie_rows,
            )
        )
    grafieken = [
        Grafiek(
            "grafiek-email",
            "E-mail beantwoord binnen de termijn per " + f.per,
            "lijn",
            x,
            reeksen,
            "%",
            _norm_value(normen.get("email")),
            "Norm e-mail",
            tabel="email",
        ),
        Grafiek(
            "grafiek-verzoeken",
            "Contactverzoeken op tijd per " + f.per,
            "lijn",
            [r[0] for r in verzoek_rows],
            [{"naam": "Op tijd", "y": [r[4] for r in verzoek_rows]}],
            "%",
            _norm_value(normen.get("contactverzoek")),
            "Norm contactverzoeken",
            tabel="contactverzoeken",
        ),
    ]
    return Sectie(
        "dienstverlening",
        "E-mail, contactverzoeken en balie",
        kpis=kpis,
        grafieken=grafieken,
        tabellen=tabellen,
    )


def _telefoon_section(f: Filters, normen: dict) -> Sectie:
    from loket.insights.models import GesprekDagTotaal

    sectie = Sectie("telefoon", "Telefonie")
    if f.kanaalsoort and f.kanaalsoort != KanaalSoort.CALL:
        sectie.toelichting = "Niet van toepassing op het gekozen kanaal."
        return sectie
    if f.team is not None or f.product is not None:
        sectie.toelichting = "Telefoniecijfers gelden per wachtrij, niet per team of product: het filter op team of product is hier niet toegepast."
    qs = GesprekDagTotaal.objects.filter(datum__gte=f.van, datum__lte=f.tot)
    sums = dict(
        aangeboden_n=Sum("aangeboden"),
        beantwoord_n=Sum("beantwoord"),
        binnen_n=Sum("binnen_norm"),
        verlaten_n=Sum("verlaten"),
        kort_n=Sum("kort_verlaten"),
        wacht_s=Sum("wachttijd_totaal"),
        afgehandeld_n=Sum("afgehandeld"),
        afhandel_s=Sum("afhandeltijd_totaal"),
    )
    rows = list(qs.values(f.per).annotate(**sums).order_by(f.per))
    queues = list(qs.values("wachtrij").annotate(**sums).order_by("wachtrij"))

    def figures(r):
        sl_noemer = (r["aangeboden_n"] or 0) - (r["kort_n"] or 0)
        return (
            pct(r["binnen_n"], sl_noemer),
            pct(r["verlaten_n"], r["aangeboden_n"]),
            round(r["wacht_s"] / r["beantwoord_n"], 1) if r["beantwoord_n"] else None,
            round(r["afhandel_s"] / r["afgehandeld_n"], 1) if r["afgehandeld_n"] else None,
        )

    total = {k: sum((r[k] or 0) for r in rows) for k in sums}
    sl, ab, asa, aht = figures(total)
    seconds = norm_parameter("serviceniveau", 30)
    sectie.kpis = [
        Kpi(
            "serviceniveau",
            f"Opgenomen binnen {seconds} seconden",
            sl,
            "%",
            normen.get("serviceniveau"),
            total["binnen_n"],
            total["aangeboden_n"] - total["kort_n"],
            "Beantwoord binnen de norm / aangeboden gesprekken (zonder wie binnen enkele seconden ophing).",
        ),
        Kpi(
            "verlaten",
            "Opgehangen in de wachtrij",
            ab,
            "%",
            normen.get("verlaten"),
            total["verlaten_n"],
            total["aangeboden_n"],
        ),
        Kpi("asa", "Gemiddelde wachttijd (ASA)", asa, "s", normen.get("asa")),
        Kpi(
            "aht",
            "Gemiddelde gespreksduur (AHT)",
            aht,
            "s",
            toelichting="Van beantwoorden tot beëindigen, inclusief nawerk als de telefonie dat meetelt.",
        ),
    ]
    x = [_label(r[f.per], f.per) for r in rows]
    per_rows = [
        [lab, r["aangeboden_n"], r["beantwoord_n"], r["verlaten_n"], *figures(r)]
        for lab, r in zip(x, rows, strict=True)
    ]
    cols = [
        "Aangeboden",
        "Beantwoord",
        "Opgehangen",
        "Binnen norm %",
        "Opgehangen %",
        "ASA (s)",
        "AHT (s)",
    ]
    sectie.tabellen = [
        Tabel("telefonie", "Telefonie per " + f.per, ["Periode", *cols], per_rows),
        Tabel(
            "wachtrijen",
            "Telefonie per wachtrij",
            ["Wachtrij", *cols],
            [
                [q["wachtrij"], q["aangeboden_n"], q["beantwoord_n"], q["verlaten_n"], *figures(q)]
                for q in queues
            ],
        ),
    ]
    sectie.grafieken = [
        Grafiek(
            "grafiek-telefonie",
            "Servicelevel en opgehangen per " + f.per,
            "lijn",
            x,
            [
                {"naam": "Binnen norm", "y": [r[4] for r in per_rows]},
                {"naam": "Opgehangen", "y": [r[5] for r in per_rows]},
            ],
            "%",
            _norm_value(normen.get("serviceniveau")),
            "Norm servicelevel",
            tabel="telefonie",
        ),
    ]
    return sectie


def _zaak_qs(f: Filters):
    from loket.insights.models import ZaakDagTotaal

    qs = ZaakDagTotaal.objects.filter(datum__gte=f.van, datum__lte=f.tot)
    if f.team is not None:
        qs = qs.filter(team=f.team)
    if f.product is not None:
        qs = qs.filter(product=f.product)
    return qs


def _zaken_section(f: Filters, normen: dict) -> Sectie:
    from loket.cases.models import Zaaktype

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
    from loket.catalogue.models import Dienstverleningsformule, Product

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
    from loket.insights.models import Tevredenheidsmeting

    lo, hi = day_bounds(f.van, f.tot)
    qs = Tevredenheidsmeting.objects.filter(beantwoord_op__gte=lo, beantwoord_op__lt=hi)
    if f.kanaalsoort:
        qs = qs.filter(kanaal__soort=f.kanaalsoort)
    if f.team is not None:
        qs = qs.filter(team=f.team)
    if f.product is not None:
        qs = qs.filter(product=f.product)
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


def dashboard_get(*, filters: Filters, today: dt.date | None = None) -> Dashboard:
    """The whole dashboard for the filters, from the daily summaries."""
    today = today or timezone.localdate()
    normen = norm_map()
    (kwaliteit, kanalen), email, email_trend, x = _contact_sections(filters, normen)
    secties = [
        kwaliteit,
        kanalen,
        _telefoon_section(filters, normen),
        _dienstverlening_section(filters, normen, today, email, email_trend, x),
        _zaken_section(filters, normen),
        _formule_section(filters, normen),
        _tevredenheid_section(filters, normen),
    ]
    return Dashboard(filters=filters, secties=secties)


def _product_link(product_id: int | None) -> str | None:
    """Where the product is improved: the catalogue editors' page (else the admin)."""
    if product_id is None:
        return None
    from django.urls import NoReverseMatch, reverse

    for name in ("catalogusbeheer:catalogue_product_change", "admin:catalogue_product_change"):
        try:
            return reverse(name, args=[product_id])
        except NoReverseMatch:
            continue
    return None


# --- contact reasons ----------------------------------------------------------------------------
def _article_link(slug: str) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("knowledge:artikel_bewerken", args=[slug])
    except NoReverseMatch:
        return None


def _new_article_link(q: str) -> str | None:
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("knowledge:artikel_nieuw") + "?" + urlencode({"vraag": q})
    except NoReverseMatch:
        return None


def _product_names(ids) -> dict[int, str]:
    from loket.catalogue.models import Product

    return {
        pk: (titel or upl[:1].upper() + upl[1:])
        for pk, titel, upl in Product.objects.filter(pk__in=[i for i in ids if i]).values_list(
            "pk", "titel", "upl_naam"
        )
    }


def contactredenen_get(*, filters: Filters, top: int = 10) -> list[Tabel]:
    """What to improve: top reasons and products per channel with their week-over-week change,
    repeat contacts per product, contacts after a visit to the product page, zero-result
    searches and 'not helpful' feedback. Aggregates only."""
    from loket.contacts.models import Contactreden

    f = filters
    deze_week = (f.tot - dt.timedelta(days=6), f.tot)
    vorige_week = (f.tot - dt.timedelta(days=13), f.tot - dt.timedelta(days=7))
    week_sums = dict(
        n=Sum("vragen"),
        deze=Sum("vragen", filter=Q(datum__gte=deze_week[0], datum__lte=deze_week[1])),
        vorige=Sum("vragen", filter=Q(datum__gte=vorige_week[0], datum__lte=vorige_week[1])),
    )
    qs = _contact_qs(f)
    redenen = {r.pk: str(r) for r in Contactreden.objects.select_related("hoofdreden")}
    tabellen: list[Tabel] = []

    def trend(r) -> str:
        deze, vorige = r["deze"] or 0, r["vorige"] or 0
        if not vorige:
            return "nieuw" if deze else "—"
        change = round(100.0 * (deze - vorige) / vorige)
        return f"{change:+d}%"

    # One scan of the summary; reasons, products and repeats are summed from it here.
    fine = list(
        qs.values("kanaalsoort", "contactreden", "product").annotate(**week_sums, h=Sum("herhaal"))
    )

    def rollup(key: str, rows) -> list[dict]:
        out: dict[tuple, dict] = {}
        for r in rows:
            k = (r["kanaalsoort"], r[key])
            e = out.setdefault(k, {"kanaalsoort": k[0], key: k[1], "n": 0, "deze": 0, "vorige": 0})
            for field_name in ("n", "deze", "vorige"):
                e[field_name] += r[field_name] or 0
        return list(out.values())

    reden_rows = rollup("contactreden", fine)
    product_rows = rollup("product", [r for r in fine if r["product"] is not None])
    namen = _product_names({r["product"] for r in product_rows})
    for soort in KanaalSoort.values:
        if f.kanaalsoort and soort != f.kanaalsoort:
            continue
        rows = sorted(
            (r for r in reden_rows if r["kanaalsoort"] == soort), key=lambda r: -(r["n"] or 0)
        )[:top]
        if rows:
            tabellen.append(
                Tabel(
                    f"redenen-{soort}",
                    f"Meest gestelde contactredenen — {KanaalSoort(soort).label}",
                    ["Contactreden", "Vragen", "Afgelopen 7 dagen", "7 dagen ervoor", "Verschil"],
                    [
                        [
                            redenen.get(r["contactreden"], "?"),
                            r["n"],
                            r["deze"] or 0,
                            r["vorige"] or 0,
                            trend(r),
                        ]
                        for r in rows
                    ],
                )
            )
        rows = sorted(
            (r for r in product_rows if r["kanaalsoort"] == soort), key=lambda r: -(r["n"] or 0)
        )[:top]
        if rows:
            tabellen.append(
                Tabel(
                    f"producten-{soort}",
                    f"Meest gevraagde producten — {KanaalSoort(soort).label}",
                    ["Product", "Vragen", "Afgelopen 7 dagen", "7 dagen ervoor", "Verschil"],
                    [
                        [
                            namen.get(r["product"], "?"),
                            r["n"],
                            r["deze"] or 0,
                            r["vorige"] or 0,
                            trend(r),
                        ]
                        for r in rows
                    ],
                    [_product_link(r["product"]) for r in rows],
                )
            )

    window = norm_parameter("herhaal", 7)
    per_product: dict[int, dict] = {}
    for r in fine:
        if r["product"] is None:
            continue
        e = per_product.setdefault(r["product"], {"product": r["product"], "n": 0, "h": 0})
        e["n"] += r["n"] or 0
        e["h"] += r["h"] or 0
    herhaal = sorted(
        (r for r in per_product.values() if r["h"]), key=lambda r: (-r["h"], r["product"])
    )[: top * 2]
    namen.update(_product_names({r["product"] for r in herhaal}))
    tabellen.append(
        Tabel(
            "herhaal",
            f"Vaker gevraagd: dezelfde klant, hetzelfde product binnen {window} dagen",
            ["Product", "Vragen", "Herhaalvragen", "Herhaal %"],
            [[namen.get(r["product"], "?"), r["n"], r["h"], pct(r["h"], r["n"])] for r in herhaal],
            [_product_link(r["product"]) for r in herhaal],
        )
    )
    tabellen.append(_na_paginabezoek(f, top))
    tabellen.extend(_zoek_en_feedback(f, top))
    return tabellen


def _na_paginabezoek(f: Filters, top: int) -> Tabel:
    """Visits to a product page by a logged-in party that were followed within 24 hours by a
    question of that party about the product on another channel: information that did not work.
    Driven from the visits (few) with the klantcontact index on (partij, plaatsgevonden_op)."""
    from django.db.models import Exists, OuterRef

    from loket.contacts.models import Vraag
    from loket.insights.models import Paginabezoek

    lo, hi = day_bounds(f.van, f.tot)
    bezoeken = Paginabezoek.objects.filter(
        partij__isnull=False, bezocht_op__gte=lo, bezocht_op__lt=hi
    )
    if f.product is not None:
        bezoeken = bezoeken.filter(product=f.product)
    vragen = Vraag.objects.filter(
        klantcontact__partij=OuterRef("partij"),
        product=OuterRef("product"),
        klantcontact__plaatsgevonden_op__gte=OuterRef("bezocht_op"),
        klantcontact__plaatsgevonden_op__lte=OuterRef("bezocht_op") + dt.timedelta(hours=24),
    ).exclude(klantcontact__kanaal__soort=KanaalSoort.CLICK)
    if f.kanaalsoort:
        vragen = vragen.filter(klantcontact__kanaal__soort=f.kanaalsoort)
    rows = sorted(
        (
            r
            for r in bezoeken.annotate(gevolgd=Exists(vragen))
            .values("product")
            .annotate(n=Count("pk"), g=Count("pk", filter=Q(gevolgd=True)))
            if r["g"]
        ),
        key=lambda r: (-r["g"], r["product"]),
    )[:top]
    namen = _product_names({r["product"] for r in rows})
    return Tabel(
        "na-bezoek",
        "Contact binnen 24 uur na het lezen van de productpagina",
        ["Product", "Paginabezoeken (ingelogd)", "Gevolgd door contact", "Gevolgd door contact %"],
        [[namen.get(r["product"], "?"), r["n"], r["g"], pct(r["g"], r["n"])] for r in rows],
        [_product_link(r["product"]) for r in rows],
    )


def _zoek_en_feedback(f: Filters, top: int) -> list[Tabel]:
    from loket.knowledge.models import ArtikelFeedback, ZoekLog

    lo, hi = day_bounds(f.van, f.tot)
    zoek = list(
        ZoekLog.objects.filter(gezocht_op__gte=lo, gezocht_op__lt=hi, aantal_resultaten=0)
        .values("q")
        .annotate(n=Count("pk"))
        .order_by("-n", "q")[: top * 2]
    )
    fb = list(
        ArtikelFeedback.objects.filter(created_at__gte=lo, created_at__lt=hi)
        .values("artikel__slug", "artikel__vraag")
        .annotate(n=Count("pk"))
        .order_by("-n", "artikel__vraag")[: top * 2]
    )
    tabellen = [
        Tabel(
            "zoeken",
            "Zoekvragen zonder resultaat",
            ["Zoekvraag", "Aantal keer"],
            [[r["q"], r["n"]] for r in zoek],
            [_new_article_link(r["q"]) for r in zoek],
        ),
        Tabel(
            "feedback",
            "Kennisartikelen met feedback 'klopt niet of onvolledig'",
            ["Kennisartikel", "Meldingen"],
            [[r["artikel__vraag"], r["n"]] for r in fb],
            [_article_link(r["artikel__slug"]) for r in fb],
        ),
    ]
    portal = _portal_feedback(lo, hi, top)
    if portal is not None:
        tabellen.append(portal)
    return tabellen


def _portal_feedback(lo, hi, top: int) -> Tabel | None:
    """'Did this help? No' on portal pages (the portal's PaginaFeedback), per product page."""
    if not apps.is_installed("loket.portal"):
        return None
    try:
        model = apps.get_model("portal", "PaginaFeedback")
    except LookupError:
        return None
    rows = list(
        model.objects.filter(geholpen=False, moment__gte=lo, moment__lt=hi, product__isnull=False)
        .values("product")
        .annotate(n=Count("pk"))
        .order_by("-n", "product")[: top * 2]
    )
    totals = dict(
        model.objects.filter(
            moment__gte=lo, moment__lt=hi, product__in=[r["product"] for r in rows]
        )
        .values("product")
        .annotate(n=Count("pk"))
        .values_list("product", "n")
    )
    namen = _product_names({r["product"] for r in rows})
    return Tabel(
        "niet-geholpen",
        "Productpagina's waar inwoners 'niet geholpen' antwoordden",
        ["Product", "Niet geholpen", "Alle reacties", "Niet geholpen %"],
        [
            [
                namen.get(r["product"], "?"),
                r["n"],
                totals.get(r["product"], 0),
                pct(r["n"], totals.get(r["product"])),
            ]
            for r in rows
        ],
        [_product_link(r["product"]) for r in rows],
    )


# --- customer journeys --------------------------------------------------------------------------
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
    from loket.catalogue.models import Product

    return list(Product.objects.filter(zaaktypen__isnull=False).distinct().order_by("upl_naam"))


def klantreizen_get(*, filters: Filters, product) -> Klantreis:
    """For zaken of the product finished in the period: the channels the initiator used about the
    product from 30 days before the start until the end of the zaak, in order; averages and the
    most common sequences, overall and per persona."""
    from loket.cases.models import Zaak
    from loket.contacts.models import Vraag
    from loket.core.models import Kanaal
    from loket.insights.models import Persona
    from loket.parties.models import Partij

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


# --- staffing -----------------------------------------------------------------------------------
WEEKDAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def slot_label(slot: int) -> str:
    return f"{slot // 2:02d}:{30 * (slot % 2):02d}"


@dataclass
class Planning:
    weken_historie: int
    aht: float | None
    week_start: dt.date
    dagen: list[dt.date]
    slots: list[int]
    prognose: dict[tuple[int, int], float]  # (weekday, slot) -> calls
    advies: dict[tuple[dt.date, int], object]  # (day, slot) -> erlang.Staffing
    tabellen: list[Tabel]
    grafiek: Grafiek | None


def planning_get(
    *, today: dt.date | None = None, weken: int = 8, wachtrij: str | None = None
) -> Planning:
    """Forecast calls per weekday and half hour as the average of the same weekday and half hour
    over the last `weken` weeks (working days only: holidays are left out of the average), and
    Erlang C staffing advice for each half hour of next week against the service-level norm."""
    from loket.core.calendar import get_calendar
    from loket.insights import erlang
    from loket.insights.models import GesprekDagTotaal

    today = today or timezone.localdate()
    calendar = get_calendar()
    van = week_of(today) - dt.timedelta(weeks=weken)
    tot = week_of(today) - dt.timedelta(days=1)
    qs = GesprekDagTotaal.objects.filter(datum__gte=van, datum__lte=tot)
    if wachtrij:
        qs = qs.filter(wachtrij=wachtrij)
    per_slot = list(qs.values("datum", "halfuur").annotate(n=Sum("aangeboden")))
    totals = qs.aggregate(t=Sum("afhandeltijd_totaal"), n=Sum("afgehandeld"))
    aht = round(totals["t"] / totals["n"], 1) if totals["n"] else None
    days_per_weekday: dict[int, int] = {}
    day = van
    while day <= tot:
        if calendar.is_working_day(day):
            days_per_weekday[day.weekday()] = days_per_weekday.get(day.weekday(), 0) + 1
        day += dt.timedelta(days=1)
    sums: dict[tuple[int, int], int] = {}
    for r in per_slot:
        if not calendar.is_working_day(r["datum"]):
            continue
        key = (r["datum"].weekday(), r["halfuur"])
        sums[key] = sums.get(key, 0) + (r["n"] or 0)
    prognose = {
        k: round(v / days_per_weekday[k[0]], 1)
        for k, v in sums.items()
        if days_per_weekday.get(k[0])
    }
    slots = sorted({s for _, s in prognose})
    week_start = week_of(today) + dt.timedelta(weeks=1)
    dagen = [week_start + dt.timedelta(days=i) for i in range(7)]
    dagen = [
        d for d in dagen if calendar.is_working_day(d) or any(k[0] == d.weekday() for k in prognose)
    ]

    normen = norm_map()
    sl_norm = normen.get("serviceniveau")
    target = float(sl_norm.streefwaarde) / 100 if sl_norm else 0.8
    seconds = sl_norm.parameter if sl_norm and sl_norm.parameter else 30
    uitval = normen.get("uitval")
    shrinkage = float(uitval.streefwaarde) / 100 if uitval else 0.3
    advies = {}
    if aht:
        for d in dagen:
            if not calendar.is_working_day(d):
                continue
            for s in slots:
                calls = prognose.get((d.weekday(), s), 0.0)
                advies[(d, s)] = erlang.staffing(
                    calls=calls,
                    aht_seconds=aht,
                    target_seconds=seconds,
                    service_level_target=target,
                    shrinkage=shrinkage,
                )
    werkdagen = [d for d in dagen if calendar.is_working_day(d)]
    tabellen = [
        Tabel(
            "prognose",
            f"Prognose: gesprekken per half uur (gemiddelde van {weken} weken)",
            ["Half uur"] + [WEEKDAGEN[i] for i in range(7) if any(k[0] == i for k in prognose)],
            [
                [slot_label(s)]
                + [prognose.get((i, s), 0.0) for i in range(7) if any(k[0] == i for k in prognose)]
                for s in slots
            ],
        ),
        Tabel(
            "advies",
            f"Bezetting volgende week voor {target:.0%} binnen {seconds} s (roosterplaatsen, {shrinkage:.0%} uitval)",
            ["Half uur"] + [f"{WEEKDAGEN[d.weekday()]} {d:%d-%m}" for d in werkdagen],
            [
                [slot_label(s)]
                + [advies[(d, s)].rostered if (d, s) in advies else None for d in werkdagen]
                for s in slots
            ],
        ),
        Tabel(
            "advies-agenten",
            "Benodigde medewerkers aan de telefoon (Erlang C)",
            ["Half uur"] + [f"{WEEKDAGEN[d.weekday()]} {d:%d-%m}" for d in werkdagen],
            [
                [slot_label(s)]
                + [advies[(d, s)].agents if (d, s) in advies else None for d in werkdagen]
                for s in slots
            ],
        ),
    ]
    weekdays = sorted({k[0] for k in prognose})
    grafiek = (
        Grafiek(
            "grafiek-prognose",
            "Prognose gesprekken per half uur",
            "lijn",
            [slot_label(s) for s in slots],
            [
                {"naam": WEEKDAGEN[i], "y": [prognose.get((i, s), 0.0) for s in slots]}
                for i in weekdays
            ],
            "",
            tabel="prognose",
        )
        if prognose
        else None
    )
    return Planning(weken, aht, week_start, werkdagen, slots, prognose, advies, tabellen, grafiek)


def maandrapport_get(*, maand: dt.date, filters: Filters | None = None) -> Dashboard:
    """The dashboard for one calendar month, per week (for the printable report)."""
    start = maand.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    base = filters or Filters(van=start, tot=end)
    f = Filters(
        van=start,
        tot=end,
        kanaalsoort=base.kanaalsoort,
        team=base.team,
        product=base.product,
        per="week",
    )
    return dashboard_get(filters=f)
