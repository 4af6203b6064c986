"""Dashboard sections about contacts: quality, channels, contactverzoeken, the counter, service and telephony."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from loket.contacts.constants import Afhandeling
from loket.core.models import KanaalSoort
from loket.insights.models import ContactDagTotaal, ContactverzoekDagTotaal, GesprekDagTotaal
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.norms import kanaal_kosten, norm_parameter
from loket.insights.selectors.presentation import (
    Grafiek,
    Kpi,
    Sectie,
    Tabel,
    _label,
    _norm_value,
    filter_melding,
    pct,
)


def _contact_qs(f: Filters):

    return f.narrow(ContactDagTotaal.objects.filter(datum__gte=f.van, datum__lte=f.tot))


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
            email_n=Sum("emails"),
        )
        .order_by(per)
    )
    keys = ("vragen_n", "front_n", "product_n", "zelf_n", "herhaal_n", "email_n", "email_tijd_n")
    merged: dict[dt.date, dict] = {}
    for r in fine:
        m = merged.setdefault(r[per], {per: r[per], **dict.fromkeys(keys, 0)})
        for k in keys:
            m[k] += r[k] or 0
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

    qs = f.narrow(
        ContactverzoekDagTotaal.objects.filter(datum__gte=f.van, datum__lte=min(f.tot, today)),
        kanaalsoort="kanaal__soort",
    )
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
    """Counter visitors helped within the norm (balie's queue tickets, when installed)."""
    if not apps.is_installed("loket.balie"):
        return None, []
    try:
        from loket.balie.models import Wachtrijticket
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
        filter_melding=filter_melding("Balie", f, niet=("team",)),
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

    sectie = Sectie("telefoon", "Telefonie")
    if f.kanaalsoort and f.kanaalsoort != KanaalSoort.CALL:
        sectie.toelichting = "Niet van toepassing op het gekozen kanaal."
        return sectie
    melding = filter_melding("Telefonie", f, niet=("team", "product"))
    if melding:
        sectie.toelichting = (
            f"{melding}: de cijfers gelden per wachtrij, het filter op team of product is hier "
            "niet toegepast."
        )
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
    for kpi in sectie.kpis:
        kpi.filter_melding = melding
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
