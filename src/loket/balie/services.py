"""Writes for appointments (afspraken: book, cancel, reschedule, with the confirmation message) and
the counter queue (draw a ticket, call the next one, finish it, open counters)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from loket.accounts.models import User
from loket.balie.models import (
    Afspraak,
    AfspraakStatus,
    Locatie,
    TicketStatus,
    Wachtrijticket,
)
from loket.balie.selectors import tijdsloten
from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.messaging.models import BerichtKanaal
from loket.messaging.services import bericht_queue
from loket.parties.validators import normalise_email, normalise_phone

if TYPE_CHECKING:
    from loket.balie.selectors import Tijdslot
    from loket.parties.models import Partij

IDEMPOTENCY_KEY_MAX = 100


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX:
        raise DomainError(
            "Het formulier mist zijn verzendcode; laad de pagina opnieuw.", field="idempotency_key"
        )
    return key


# --- Face: appointments -----------------------------------------------------------------------

AFSPRAAK_MAX_VOORUIT = dt.timedelta(days=90)


def _check_slot(
    *, locatie: Locatie, product: Product, start: dt.datetime, exclude_pk: int | None = None
) -> Tijdslot:

    if not locatie.is_actief:
        raise DomainError("Deze locatie is niet meer open voor afspraken.", field="locatie")
    if not locatie.producten.filter(pk=product.pk).exists():
        raise DomainError(
            f"Voor '{product}' kunt u op {locatie} geen afspraak maken.", field="locatie"
        )
    if timezone.is_naive(start):
        raise DomainError("Het tijdstip heeft geen tijdzone.", field="tijdslot")
    now = timezone.now()
    if start <= now:
        raise DomainError("Tijdslot: dit tijdstip is al voorbij; kies een ander.", field="tijdslot")
    if start > now + AFSPRAAK_MAX_VOORUIT:
        raise DomainError(
            "Tijdslot: u kunt hoogstens 90 dagen vooruit een afspraak maken.", field="tijdslot"
        )
    day = timezone.localtime(start).date()
    slot = next((s for s in tijdsloten(locatie=locatie, datum=day) if s.start == start), None)
    if slot is None:
        raise DomainError(
            "Tijdslot: op dit tijdstip is de locatie gesloten; kies een van de getoonde tijden.",
            field="tijdslot",
        )
    return slot


def _afspraak_tekst(afspraak: Afspraak, link: str) -> str:
    start = timezone.localtime(afspraak.start)
    return (
        f"U heeft een afspraak voor {afspraak.product} op {start:%d-%m-%Y} om {start:%H:%M} "
        f"bij {afspraak.locatie}{f', {afspraak.locatie.adres}' if afspraak.locatie.adres else ''}."
        f"\nAfspraak verzetten of afzeggen: {link}"
    )


@transaction.atomic
def afspraak_book(
    *,
    locatie: Locatie,
    product: Product,
    start: dt.datetime,
    naam: str,
    email: str,
    idempotency_key: str,
    telefoon: str = "",
    partij: Partij | None = None,
    link_voor: Callable[[Afspraak], str] | None = None,
) -> tuple[Afspraak, bool]:
    """Book a slot. The location row is locked, so two bookings never overfill a slot.

    `link_voor(afspraak) -> str` builds the cancel/reschedule link for the confirmation.
    Returns (afspraak, created); the same key books once.
    """

    key = _check_key(idempotency_key)
    existing = Afspraak.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing, False
    errors: dict[str, list[str]] = {}
    naam = " ".join((naam or "").split())
    if not naam:
        errors["naam"] = ["Naam: vul uw naam in."]
    try:
        email = normalise_email(email, field="email")
    except DomainError as exc:
        errors["email"] = [exc.message]
    if telefoon:
        try:
            telefoon = normalise_phone(telefoon, field="telefoon")
        except DomainError as exc:
            errors["telefoon"] = [exc.message]
    if errors:
        first_field, first = next(iter(errors.items()))
        raise DomainError(first[0], field=first_field, errors=errors)
    locatie = Locatie.objects.select_for_update().get(pk=locatie.pk)
    slot = _check_slot(locatie=locatie, product=product, start=start)
    if slot.vrij <= 0:
        raise DomainError(
            "Tijdslot: dit tijdstip is net volgeboekt; kies een ander tijdstip.", field="tijdslot"
        )
    afspraak = Afspraak.objects.create(
        locatie=locatie,
        product=product,
        start=slot.start,
        eind=slot.eind,
        partij=partij,
        naam=naam,
        email=email,
        telefoon=telefoon,
        token=secrets.token_urlsafe(24),
        idempotency_key=key,
        status=AfspraakStatus.GEPLAND,
    )
    _afspraak_bericht(afspraak, link_voor, soort="bevestiging", onderwerp="Uw afspraak")
    return afspraak, True


def _afspraak_bericht(
    afspraak: Afspraak,
    link_voor: Callable[[Afspraak], str] | None,
    *,
    soort: str,
    onderwerp: str,
) -> None:

    link = link_voor(afspraak) if link_voor else ""
    bericht_queue(
        sleutel=f"afspraak:{afspraak.uuid}:{soort}:{afspraak.start.isoformat()}",
        onderwerp=onderwerp,
        tekst=_afspraak_tekst(afspraak, link)
        if soort != "geannuleerd"
        else f"Uw afspraak voor {afspraak.product} op "
        f"{timezone.localtime(afspraak.start):%d-%m-%Y om %H:%M} is geannuleerd.",
        soort="bevestiging",
        partij=afspraak.partij,
        kanaal=BerichtKanaal.EMAIL,
        adres=afspraak.email,
        aanleiding_type="afspraak",
        aanleiding_id=str(afspraak.uuid),
    )


@transaction.atomic
def afspraak_cancel(*, afspraak: Afspraak) -> Afspraak:
    afspraak = Afspraak.objects.select_for_update().get(pk=afspraak.pk)
    if afspraak.status == AfspraakStatus.GEANNULEERD:
        return afspraak
    if afspraak.start <= timezone.now():
        raise DomainError(
            "Deze afspraak is al voorbij en kan niet meer worden afgezegd.", field="afspraak"
        )
    afspraak.status = AfspraakStatus.GEANNULEERD
    afspraak.save(update_fields=["status", "updated_at"])
    _afspraak_bericht(afspraak, None, soort="geannuleerd", onderwerp="Uw afspraak is afgezegd")
    return afspraak


@transaction.atomic
def afspraak_reschedule(
    *,
    afspraak: Afspraak,
    start: dt.datetime,
    link_voor: Callable[[Afspraak], str] | None = None,
) -> Afspraak:
    afspraak = Afspraak.objects.select_for_update().get(pk=afspraak.pk)
    if afspraak.status != AfspraakStatus.GEPLAND:
        raise DomainError("Deze afspraak is afgezegd; maak een nieuwe afspraak.", field="afspraak")
    if afspraak.start <= timezone.now():
        raise DomainError("Deze afspraak is al voorbij.", field="afspraak")
    locatie = Locatie.objects.select_for_update().get(pk=afspraak.locatie_id)
    slot = _check_slot(locatie=locatie, product=afspraak.product, start=start)
    if slot.start == afspraak.start:
        return afspraak
    if slot.vrij <= 0:
        raise DomainError(
            "Tijdslot: dit tijdstip is volgeboekt; kies een ander tijdstip.", field="tijdslot"
        )
    afspraak.start, afspraak.eind = slot.start, slot.eind
    afspraak.save(update_fields=["start", "eind", "updated_at"])
    _afspraak_bericht(afspraak, link_voor, soort="verzet", onderwerp="Uw afspraak is verzet")
    return afspraak


# --- Face: the counter queue ------------------------------------------------------------------


@transaction.atomic
def ticket_draw(
    *, locatie: Locatie, product: Product | None = None, afspraak: Afspraak | None = None
) -> Wachtrijticket:
    """A ticket on arrival (the kiosk). Numbers restart every day per location."""

    locatie = Locatie.objects.select_for_update().get(pk=locatie.pk)
    if not locatie.is_actief:
        raise DomainError("Deze locatie is gesloten.", field="locatie")
    if afspraak is not None and afspraak.locatie_id != locatie.pk:
        raise DomainError("Deze afspraak is op een andere locatie.", field="afspraak")
    day = timezone.localdate()
    last = Wachtrijticket.objects.filter(locatie=locatie, datum=day).aggregate(m=Max("volgnummer"))
    return Wachtrijticket.objects.create(
        locatie=locatie,
        datum=day,
        volgnummer=(last["m"] or 0) + 1,
        product=product or (afspraak.product if afspraak else None),
        afspraak=afspraak,
        token=secrets.token_urlsafe(16),
    )


@transaction.atomic
def ticket_call(*, locatie: Locatie, balie: int, user: User | None) -> Wachtrijticket:
    """Call the next visitor to a counter: appointments due now first, then in order of arrival."""
    Locatie.objects.select_for_update().get(pk=locatie.pk)
    if balie < 1:
        raise DomainError("Kies een balienummer.", field="balie")
    wachtend = Wachtrijticket.objects.filter(
        locatie=locatie, datum=timezone.localdate(), status=TicketStatus.WACHTEND
    )
    now = timezone.now()
    ticket = (
        wachtend.filter(afspraak__start__lte=now + dt.timedelta(minutes=5))
        .order_by("afspraak__start", "volgnummer")
        .first()
        or wachtend.order_by("volgnummer").first()
    )
    if ticket is None:
        raise DomainError("Er wacht niemand.", field="wachtrij")
    ticket.status = TicketStatus.OPGEROEPEN
    ticket.opgeroepen_op = now
    ticket.balie = balie
    ticket.opgeroepen_door = user if getattr(user, "pk", None) else None
    ticket.save()
    return ticket


@transaction.atomic
def ticket_finish(*, ticket: Wachtrijticket, verschenen: bool = True) -> Wachtrijticket:
    ticket = Wachtrijticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status != TicketStatus.OPGEROEPEN:
        raise DomainError(f"Ticket {ticket.nummer} is niet opgeroepen.", field="ticket")
    ticket.status = TicketStatus.AFGEHANDELD if verschenen else TicketStatus.VERTROKKEN
    ticket.afgehandeld_op = timezone.now()
    ticket.save(update_fields=["status", "afgehandeld_op", "updated_at"])
    return ticket


@transaction.atomic
def locatie_set_open_balies(*, locatie: Locatie, open_balies: int) -> Locatie:
    if open_balies < 0 or open_balies > 50:
        raise DomainError("Open balies: kies een aantal van 0 tot 50.", field="open_balies")
    Locatie.objects.filter(pk=locatie.pk).update(open_balies=open_balies)
    locatie.open_balies = open_balies
    return locatie
