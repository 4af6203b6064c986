"""Staffing: the call forecast per half hour and the Erlang C advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from loket.core.calendar import get_calendar
from loket.insights import erlang
from loket.insights.models import GesprekDagTotaal
from loket.insights.selectors.norms import norm_map
from loket.insights.selectors.presentation import Grafiek, Tabel
from loket.insights.summaries import week_of

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
    advies: dict[tuple[dt.date, int], erlang.Staffing]  # (day, slot) -> staffing advice
    tabellen: list[Tabel]
    grafiek: Grafiek | None


def planning_get(
    *, today: dt.date | None = None, weken: int = 8, wachtrij: str | None = None
) -> Planning:
    """Forecast calls per weekday and half hour as the average of the same weekday and half hour
    over the last `weken` weeks (working days only: holidays are left out of the average), and
    Erlang C staffing advice for each half hour of next week against the service-level norm."""

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
