"""Reads for appointments (locations, free time slots, a citizen's appointments) and the counter
queue (the queue's state, waiting time and its guarantee)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from loket.balie.models import (
    Afspraak,
    AfspraakStatus,
    Locatie,
    TicketStatus,
    Wachtrijticket,
)
from loket.catalogue.models import Dienstverleningsformule
from loket.core.audit import audit_record
from loket.core.calendar import get_calendar
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.parties.selectors import ensure_may_view_person_data

if TYPE_CHECKING:
    from loket.catalogue.models import Product
    from loket.parties.models import Partij

# Handled tickets of today needed before the measured service time replaces the default.
MIN_METINGEN = 3


# --- appointments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tijdslot:
    start: dt.datetime
    eind: dt.datetime
    vrij: int

    @property
    def waarde(self) -> str:
        return timezone.localtime(self.start).strftime("%Y-%m-%dT%H:%M")


def locatie_list_for_product(product: Product) -> QuerySet[Locatie]:
    return Locatie.objects.filter(is_actief=True, producten=product).order_by("naam")


def _opening(locatie: Locatie, day: dt.date) -> tuple[dt.time, dt.time] | None:
    hours = (locatie.openingstijden or {}).get(str(day.weekday()))
    if not hours:
        return None
    start, end = (dt.time.fromisoformat(h) for h in hours)
    return start, end


def tijdsloten(
    *, locatie: Locatie, datum: dt.date, now: dt.datetime | None = None
) -> list[Tijdslot]:
    """The slots of one day from the opening hours, with the places left (holidays closed)."""

    now = now or timezone.now()
    opening = _opening(locatie, datum)
    if opening is None or get_calendar().is_holiday(datum):
        return []
    tz = timezone.get_current_timezone()
    step = dt.timedelta(minutes=locatie.slotduur_minuten)
    moment = dt.datetime.combine(datum, opening[0], tzinfo=tz)
    close = dt.datetime.combine(datum, opening[1], tzinfo=tz)
    taken: dict[dt.datetime, int] = {}
    for start in Afspraak.objects.filter(
        locatie=locatie, status=AfspraakStatus.GEPLAND, start__gte=moment, start__lt=close
    ).values_list("start", flat=True):
        taken[start] = taken.get(start, 0) + 1
    slots = []
    while moment + step <= close:
        if moment > now:
            vrij = locatie.balies_voor_afspraken - taken.get(moment, 0)
            slots.append(Tijdslot(start=moment, eind=moment + step, vrij=max(vrij, 0)))
        moment += step
    return slots


def afspraak_list_for_partij(partij: Partij | None, *, komend: bool = True) -> QuerySet[Afspraak]:
    """A citizen's appointments (coming ones by default), soonest first (Mijn Loket)."""
    if partij is None:
        return Afspraak.objects.none()
    qs = Afspraak.objects.filter(partij=partij).select_related("locatie", "product")
    if komend:
        qs = qs.filter(status=AfspraakStatus.GEPLAND, eind__gte=timezone.now())
    return qs.order_by("start")


# Said when the product names nothing to bring: at the counter you always show who you are.
MEENEMEN_STANDAARD = ["Een geldig identiteitsbewijs (paspoort, identiteitskaart of rijbewijs)."]


def afspraak_meenemen(afspraak: Afspraak) -> list[str]:
    """What the citizen brings to this appointment: the product's own list (catalogue data,
    one item a line), else a valid identity document."""
    regels = [
        regel.strip(" -•\t")
        for regel in (afspraak.product.benodigdheden or "").splitlines()
        if regel.strip(" -•\t")
    ]
    return regels or list(MEENEMEN_STANDAARD)


def afspraak_get(*, token: str) -> Afspraak | None:
    return Afspraak.objects.select_related("locatie", "product").filter(token=token).first()


# --- counter queue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Wachtrijstand:
    wachtend: int
    open_balies: int
    behandelduur_minuten: float
    gemeten: bool
    voorspelde_wachttijd_minuten: int
    langste_wachttijd_minuten: int
    garantie_minuten: int

    @property
    def extra_balie_nodig(self) -> bool:
        return (
            self.voorspelde_wachttijd_minuten > self.garantie_minuten
            or self.langste_wachttijd_minuten > self.garantie_minuten
        )


def _behandelduur(locatie: Locatie, day: dt.date) -> tuple[float, bool]:
    rows = list(
        Wachtrijticket.objects.filter(
            locatie=locatie,
            datum=day,
            status=TicketStatus.AFGEHANDELD,
            opgeroepen_op__isnull=False,
            afgehandeld_op__isnull=False,
        )
        .order_by("-afgehandeld_op")
        .values_list("opgeroepen_op", "afgehandeld_op")[:20]
    )
    if len(rows) < MIN_METINGEN:
        return float(locatie.gemiddelde_behandelduur_minuten), False
    # Both moments are set on every row (filtered above).
    seconds = sum((b - a).total_seconds() for a, b in rows if a is not None and b is not None)
    minutes = seconds / len(rows) / 60
    return max(minutes, 1.0), True


DEFAULT_GARANTIE_MINUTEN = 15


def wachttijd_garantie(locatie: Locatie) -> int:
    """The waiting-time guarantee at this counter: the location's own, else the strictest of its
    products' service formulas, else the VNG norm of 15 minutes."""
    if locatie.wachttijd_garantie_minuten:
        return locatie.wachttijd_garantie_minuten

    if not hasattr(Dienstverleningsformule, "max_wachttijd_balie_minuten"):
        return DEFAULT_GARANTIE_MINUTEN
    values = [
        v
        for v in Dienstverleningsformule.objects.filter(producten__locaties=locatie).values_list(
            "max_wachttijd_balie_minuten", flat=True
        )
        if v
    ]
    return min(values, default=DEFAULT_GARANTIE_MINUTEN)


def wachtrij_stand(*, locatie: Locatie, now: dt.datetime | None = None) -> Wachtrijstand:
    """The queue now: who waits, the predicted wait of a new arrival, against the guarantee."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    waiting = list(
        Wachtrijticket.objects.filter(
            locatie=locatie, datum=day, status=TicketStatus.WACHTEND
        ).values_list("aangekomen_op", flat=True)
    )
    duur, gemeten = _behandelduur(locatie, day)
    balies = max(locatie.open_balies, 1)
    voorspeld = round(len(waiting) * duur / balies)
    langste = max((round((now - t).total_seconds() / 60) for t in waiting), default=0)
    return Wachtrijstand(
        wachtend=len(waiting),
        open_balies=locatie.open_balies,
        behandelduur_minuten=round(duur, 1),
        gemeten=gemeten,
        voorspelde_wachttijd_minuten=voorspeld,
        langste_wachttijd_minuten=max(langste, 0),
        garantie_minuten=wachttijd_garantie(locatie),
    )


def ticket_get(*, token: str) -> Wachtrijticket | None:
    return Wachtrijticket.objects.select_related("locatie", "product").filter(token=token).first()


def ticket_wachttijd(*, ticket: Wachtrijticket, now: dt.datetime | None = None) -> tuple[int, int]:
    """(tickets ahead, estimated minutes) for a waiting ticket."""
    now = now or timezone.now()
    voor = Wachtrijticket.objects.filter(
        locatie=ticket.locatie,
        datum=ticket.datum,
        status=TicketStatus.WACHTEND,
        volgnummer__lt=ticket.volgnummer,
    ).count()
    duur, _ = _behandelduur(ticket.locatie, ticket.datum)
    balies = max(ticket.locatie.open_balies, 1)
    return voor, round(voor * duur / balies)


def wachtrij_list(*, locatie: Locatie, day: dt.date | None = None) -> QuerySet[Wachtrijticket]:
    day = day or timezone.localdate()
    return (
        Wachtrijticket.objects.filter(locatie=locatie, datum=day)
        .select_related("product", "afspraak")
        .order_by("volgnummer")
    )


# --- the klantbeeld (staff read a klant's appointments; audited) ------------------------------


def afspraak_list_for_klant(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[Afspraak]:
    """All appointments of one klant (coming and past, cancelled ones too), latest start first,
    for the KCC's klantbeeld. Needs the right to see person data; the read is audited."""
    ensure_may_view_person_data(user)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "afspraken"},
    )
    return (
        Afspraak.objects.filter(partij=partij)
        .select_related("locatie", "product")
        .order_by("-start", "-pk")
    )


def afspraak_get_for_klant(
    *, partij: Partij, pk: int, user: Actor | None, purpose: str
) -> Afspraak:
    """One appointment of this klant (Afspraak.DoesNotExist if it is not theirs); audited."""
    ensure_may_view_person_data(user)
    afspraak = (
        Afspraak.objects.select_related("locatie", "product")
        .prefetch_related("tickets")
        .get(partij=partij, pk=pk)
    )
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "afspraak", "afspraak": str(afspraak.uuid)},
    )
    return afspraak
