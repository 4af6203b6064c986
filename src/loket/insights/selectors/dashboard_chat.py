"""The web chat on the dashboard (issue 17): chats, the share the assistant answered alone, the
waiting time for an agent and the chats abandoned in the queue, counted from the chats
themselves (`contacts.ChatSessie`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from loket.contacts.models import ChatAfzender, ChatSessie, ChatStatus
from loket.core.models import KanaalSoort
from loket.insights.selectors.filters import Filters
from loket.insights.selectors.presentation import (
    Grafiek,
    Kpi,
    Sectie,
    Tabel,
    _label,
    filter_melding,
    pct,
)


def _chats(f: Filters) -> QuerySet[ChatSessie]:
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(f.van, dt.time.min, tzinfo=tz)
    einde = dt.datetime.combine(f.tot + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    # A chat counts once the inwoner typed something (an opened and closed window is no chat).
    return ChatSessie.objects.filter(
        gestart_op__gte=begin,
        gestart_op__lt=einde,
        berichten__afzender=ChatAfzender.INWONER,
    ).distinct()


ALLEEN_ASSISTENT = Q(in_wachtrij_op__isnull=True, assistent_antwoorden__gt=0, klantcontact=None)
VERLATEN_IN_WACHTRIJ = Q(
    in_wachtrij_op__isnull=False, opgepakt_op__isnull=True, status=ChatStatus.VERLATEN
)


def chat_section(f: Filters) -> Sectie:
    sectie = Sectie("chat", "Chat op de website")
    if f.kanaalsoort and f.kanaalsoort != KanaalSoort.CLICK:
        sectie.toelichting = "Niet van toepassing op het gekozen kanaal."
        return sectie
    melding = filter_melding("Chat", f, niet=("team", "product"))
    if melding:
        sectie.toelichting = f"{melding}: de chatcijfers gelden voor alle chats."
    ids = _chats(f).values("pk")
    qs = ChatSessie.objects.filter(pk__in=ids)
    trunc = TruncMonth if f.per == "maand" else TruncWeek
    rows = list(
        qs.annotate(p=trunc("gestart_op"))
        .values("p")
        .annotate(
            n=Count("pk"),
            alleen=Count("pk", filter=ALLEEN_ASSISTENT),
            wachtrij=Count("pk", filter=Q(in_wachtrij_op__isnull=False)),
            opgepakt=Count("pk", filter=Q(opgepakt_op__isnull=False)),
            verlaten=Count("pk", filter=VERLATEN_IN_WACHTRIJ),
            wacht=Avg(F("opgepakt_op") - F("in_wachtrij_op"), filter=Q(opgepakt_op__isnull=False)),
        )
        .order_by("p")
    )
    n = sum(r["n"] for r in rows)
    alleen = sum(r["alleen"] for r in rows)
    wachtrij = sum(r["wachtrij"] for r in rows)
    opgepakt = sum(r["opgepakt"] for r in rows)
    verlaten = sum(r["verlaten"] for r in rows)
    totaal_wacht = sum(
        (r["wacht"].total_seconds() * r["opgepakt"] for r in rows if r["wacht"] is not None), 0.0
    )
    gem_wacht = round(totaal_wacht / opgepakt, 1) if opgepakt else None
    sectie.kpis = [
        Kpi("chats", "Chats", float(n), "", None, n, None, "Chats waarin de inwoner iets typte."),
        Kpi(
            "chat_assistent",
            "Door de digitale assistent alleen beantwoord",
            pct(alleen, n),
            "%",
            None,
            alleen,
            n,
            "Chats met een antwoord van de assistent waarin de inwoner geen medewerker vroeg / "
            "alle chats.",
        ),
        Kpi(
            "chat_wachttijd",
            "Gemiddelde wachttijd op een medewerker",
            gem_wacht,
            "s",
            None,
            opgepakt,
            None,
            "Van ‘Ik wil een medewerker’ tot een medewerker de chat oppakte, gemiddeld.",
        ),
        Kpi(
            "chat_verlaten",
            "Verlaten in de wachtrij",
            pct(verlaten, wachtrij),
            "%",
            None,
            verlaten,
            wachtrij,
            "Chats die de wachtrij verlieten voordat een medewerker ze oppakte / chats in de "
            "wachtrij.",
        ),
    ]
    tabel_rijen = [
        [
            _label(r["p"].date() if isinstance(r["p"], dt.datetime) else r["p"], f.per),
            r["n"],
            r["alleen"],
            r["wachtrij"],
            r["verlaten"],
            round(r["wacht"].total_seconds(), 1) if r["wacht"] is not None else None,
            pct(r["alleen"], r["n"]),
        ]
        for r in rows
    ]
    sectie.tabellen = [
        Tabel(
            "chat",
            "Chats per " + f.per,
            [
                "Periode",
                "Chats",
                "Assistent alleen",
                "Naar medewerker",
                "Verlaten in wachtrij",
                "Gem. wachttijd (s)",
                "Assistent alleen %",
            ],
            tabel_rijen,
        )
    ]
    sectie.grafieken = [
        Grafiek(
            "grafiek-chat",
            "Chats door de assistent alleen beantwoord per " + f.per,
            "lijn",
            [r[0] for r in tabel_rijen],
            [{"naam": "Assistent alleen", "y": [r[6] for r in tabel_rijen]}],
            "%",
            tabel="chat",
        )
    ]
    return sectie
