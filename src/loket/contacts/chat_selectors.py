"""Reads of the web chat (issue 17): opening hours, the waiting estimate, the messages (with the
long poll), the agents' queue and one chat, audited."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from loket.accounts.models import User
from loket.contacts.models import ChatAfzender, ChatBericht, ChatSessie, ChatStatus
from loket.core.audit import audit_persons_read, audit_record
from loket.core.calendar import WorkingCalendar, get_calendar
from loket.core.models import AuditAction

PURPOSE_CHAT = "Chatgesprek met de inwoner voeren"
# Without history: what one chat with an agent takes, for the first waiting estimate.
CHAT_DUUR_STANDAARD = dt.timedelta(minutes=4)


def chat_calendar() -> WorkingCalendar | None:
    """The chat's hours: None when it is staffed around the clock ("altijd")."""
    value = settings.LOKET_CHAT_OPENINGSTIJDEN.strip().lower()
    if value == "altijd":
        return None
    if value == settings.LOKET_OFFICE_HOURS:
        return get_calendar()
    return _chat_calendar_for(value)


@functools.cache
def _chat_calendar_for(office_hours: str) -> WorkingCalendar:
    return WorkingCalendar(office_hours=office_hours)


def chat_is_open(now: dt.datetime | None = None) -> bool:
    calendar = chat_calendar()
    return calendar is None or calendar.is_open(now or timezone.now())


def chat_wait_estimate(*, sessie: ChatSessie, now: dt.datetime) -> tuple[int, int]:
    """(place in the queue, expected minutes): the chats before it times the median handling
    time of last week's chats, shared over the agents chatting in the last 15 minutes."""
    voor = ChatSessie.objects.filter(
        status=ChatStatus.WACHTEND, in_wachtrij_op__lt=sessie.in_wachtrij_op
    ).count()
    duren = sorted(
        (einde - begin)
        for begin, einde in ChatSessie.objects.filter(
            opgepakt_op__isnull=False,
            status=ChatStatus.GESLOTEN,
            opgepakt_op__gte=now - dt.timedelta(days=7),
            beeindigd_op__isnull=False,
        )
        .order_by("-opgepakt_op")
        .values_list("opgepakt_op", "beeindigd_op")[:200]
        if begin is not None and einde is not None
    )
    duur = duren[len(duren) // 2] if duren else CHAT_DUUR_STANDAARD
    medewerkers = (
        ChatSessie.objects.filter(
            opgepakt_op__gte=now - dt.timedelta(minutes=15), medewerker__isnull=False
        )
        .values("medewerker")
        .distinct()
        .count()
    )
    minuten = (voor + 1) * duur.total_seconds() / 60 / max(1, medewerkers)
    return voor + 1, round(minuten) if voor else round(minuten / 2)


def chat_messages_after(*, sessie_id: int, na: int) -> list[ChatBericht]:
    return list(
        ChatBericht.objects.filter(sessie_id=sessie_id, pk__gt=na)
        .select_related("kennisartikel_versie")
        .order_by("pk")
    )


def chat_messages_wait(*, sessie_id: int, na: int, timeout: float) -> list[ChatBericht]:
    """The messages after `na`, waiting up to `timeout` seconds for the first one (a long poll).
    While it waits it holds no database connection (hundreds of chats wait at once)."""
    from django.db import connection

    from loket.core.broker import broker_wait, get_broker

    berichten = chat_messages_after(sessie_id=sessie_id, na=na)
    if berichten or timeout <= 0:
        return berichten
    sub = get_broker().subscribe([f"chat:{sessie_id}"])
    try:
        berichten = chat_messages_after(sessie_id=sessie_id, na=na)
        if berichten:
            return berichten
        if not connection.in_atomic_block:
            connection.close()
        broker_wait(sub, timeout)
    finally:
        sub.close()
    return chat_messages_after(sessie_id=sessie_id, na=na)


def chat_get_for_citizen(*, sleutel: str) -> ChatSessie | None:
    if not sleutel:
        return None
    return ChatSessie.objects.filter(sleutel=sleutel).first()


@dataclass(frozen=True)
class ChatWachtrij:
    wachtend: list[ChatSessie]
    mijn: list[ChatSessie]
    open: bool


def chat_queue(*, user: User) -> ChatWachtrij:
    """The chats waiting for an agent (longest waiting first) and the agent's own open chats;
    every klant on the page is audited."""
    eerste_vraag = (
        ChatBericht.objects.filter(sessie=OuterRef("pk"), afzender=ChatAfzender.INWONER)
        .order_by("pk")
        .values("tekst")[:1]
    )
    wachtend: list[ChatSessie] = list(
        ChatSessie.objects.filter(status=ChatStatus.WACHTEND)
        .select_related("partij")
        .annotate(eerste_vraag=Subquery(eerste_vraag))
        .order_by("in_wachtrij_op", "pk")[:100]
    )
    mijn = list(
        ChatSessie.objects.filter(status=ChatStatus.ACTIEF, medewerker=user)
        .select_related("partij")
        .order_by("opgepakt_op", "pk")
    )
    audit_persons_read(
        user=user,
        persons=(s.partij for s in [*wachtend, *mijn]),
        purpose=PURPOSE_CHAT,
        detail={"gegevens": "chatwachtrij"},
    )
    return ChatWachtrij(wachtend=wachtend, mijn=mijn, open=chat_is_open())


def chat_waiting_count() -> int:
    return ChatSessie.objects.filter(status=ChatStatus.WACHTEND).count()


def chat_get_for_agent(*, uuid: UUID, user: User) -> ChatSessie | None:
    """One chat of the agent (open or closed by him), or None (another agent's chat is not told
    apart from one that does not exist); the read is audited with its purpose."""
    sessie = (
        ChatSessie.objects.select_related("partij", "klantcontact", "medewerker")
        .filter(uuid=uuid, medewerker=user)
        .first()
    )
    if sessie is None:
        return None
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=sessie.partij or sessie,
        purpose=PURPOSE_CHAT,
        detail={"gegevens": "chatgesprek", "chat": str(sessie.uuid)},
    )
    return sessie


def chat_wait_seconds() -> float:
    """How long a long poll waits for news before it answers "nothing yet" (the browser asks
    again): LOKET_CHAT_WACHT_SECONDEN."""
    return float(settings.LOKET_CHAT_WACHT_SECONDEN)


def chat_message_json(b: ChatBericht) -> dict:
    """One message as both sides' scripts show it (the inwoner's widget, the agent's page)."""
    return {
        "id": b.pk,
        "afzender": b.afzender,
        "naam": b.get_afzender_display(),
        "tekst": b.tekst,
        "tijd": timezone.localtime(b.verstuurd_op).strftime("%H:%M"),
        "link": b.link if b.link.startswith("/") else "",
        "beoordelen": b.afzender == ChatAfzender.ASSISTENT
        and b.kennisartikel_versie_id is not None,
        "terugbellen": b.link == "terugbellen",
    }
