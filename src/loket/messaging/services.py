"""Writes of the outbox: how a party is reached (preference, addresses, consent), queueing a
message in the caller's transaction, sending it again, marking it read. Every domain app that
tells a citizen or a medewerker something calls `bericht_queue`; the worker sends after commit
(`outbox.py`)."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.core.errors import DomainError
from loket.core.tracing import current_trace_id
from loket.core.types import Actor
from loket.messaging.models import (
    VOORKEUR,
    Bericht,
    BerichtKanaal,
    BerichtSoort,
    BerichtStatus,
    Toestemming,
)
from loket.messaging.tasks import outbox_wekken
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import DigitaalAdres, Partij

logger = logging.getLogger(__name__)

CHUNK = 2000
# Preferred channels (core.Kanaal codes) that mean "write to me in Mijn Loket".
PORTAL_KANALEN = {"website", "app", "chat"}
PHONE_KANALEN = {"telefoon", "sms"}


# --- channel and consent ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bereik:
    """How a party can be reached: preference, addresses and consent."""

    voorkeur: str = ""
    email: str = ""
    telefoon: str = ""
    proactief: bool = True
    email_toegestaan: bool = True
    sms_toegestaan: bool = False

    def kanaal(self, gevraagd: str = VOORKEUR) -> tuple[str, str]:
        """The channel and address for one message; the Mijn Loket inbox is the safe fallback."""
        email = self.email if self.email_toegestaan else ""
        telefoon = self.telefoon if self.sms_toegestaan else ""
        if gevraagd == BerichtKanaal.EMAIL and email:
            return BerichtKanaal.EMAIL, email
        if gevraagd == BerichtKanaal.SMS and telefoon:
            return BerichtKanaal.SMS, telefoon
        if gevraagd == BerichtKanaal.INBOX:
            return BerichtKanaal.INBOX, ""
        if gevraagd != VOORKEUR:
            return BerichtKanaal.INBOX, ""
        if self.voorkeur in PHONE_KANALEN and telefoon:
            return BerichtKanaal.SMS, telefoon
        if self.voorkeur in PORTAL_KANALEN:
            return BerichtKanaal.INBOX, ""
        if email:
            return BerichtKanaal.EMAIL, email
        if telefoon:
            return BerichtKanaal.SMS, telefoon
        return BerichtKanaal.INBOX, ""


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bereik_for_partijen(partij_ids: Iterable[int]) -> dict[int, Bereik]:
    """Reachability of many parties in a few queries (the daily scan uses this)."""
    ids = sorted(set(partij_ids))
    voorkeur: dict[int, str] = {}
    emails: dict[int, str] = {}
    telefoons: dict[int, str] = {}
    toestemming: dict[int, tuple[bool, bool, bool]] = {}
    for chunk in _chunks(ids):
        voorkeur.update(
            Partij.objects.filter(pk__in=chunk).values_list("pk", "voorkeurskanaal__code")
        )
        adressen = (
            DigitaalAdres.objects.filter(
                partij_id__in=chunk,
                soort__in=[SoortDigitaalAdres.EMAIL, SoortDigitaalAdres.TELEFOON],
            )
            .order_by("partij_id", "-is_standaard_adres", "pk")
            .values_list("partij_id", "soort", "adres")
        )
        for partij_id, soort, adres in adressen:
            target = emails if soort == SoortDigitaalAdres.EMAIL else telefoons
            target.setdefault(partij_id, adres)
        toestemming.update(
            (row[0], row[1:])
            for row in Toestemming.objects.filter(partij_id__in=chunk).values_list(
                "partij_id", "proactief", "email", "sms"
            )
        )
    result = {}
    for pk in ids:
        proactief, email_ok, sms_ok = toestemming.get(pk, (True, True, False))
        result[pk] = Bereik(
            voorkeur=voorkeur.get(pk) or "",
            email=emails.get(pk, ""),
            telefoon=telefoons.get(pk, ""),
            proactief=proactief,
            email_toegestaan=email_ok,
            sms_toegestaan=sms_ok,
        )
    return result


def bericht_kanaal_for(partij: Partij | None, *, gevraagd: str = VOORKEUR) -> tuple[str, str]:
    """The channel and address to reach a party: its preferred channel and consent decide;
    e-mail when known, SMS only with consent, else the Mijn Loket inbox."""
    if partij is None:
        raise DomainError("Een bericht heeft een ontvanger nodig.", field="partij")
    return bereik_for_partijen([partij.pk])[partij.pk].kanaal(gevraagd)


@transaction.atomic
def toestemming_record(
    *,
    partij: Partij,
    proactief: bool | None = None,
    email: bool | None = None,
    sms: bool | None = None,
    tevredenheid: bool | None = None,
) -> Toestemming:
    """Record what the citizen agreed to; a value left None keeps what was there."""
    if partij is None:
        raise DomainError("Geef de inwoner op.", field="partij")
    toestemming, _created = Toestemming.objects.select_for_update().get_or_create(partij=partij)
    for name, value in (
        ("proactief", proactief),
        ("email", email),
        ("sms", sms),
        ("tevredenheid", tevredenheid),
    ):
        if value is not None:
            setattr(toestemming, name, bool(value))
    toestemming.save()
    return toestemming


# --- the outbox ------------------------------------------------------------------------------


# Inside `outbox_wekken_gebundeld()`: wakes are collected and done once at its end.
_gebundeld: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar(
    "outbox_wekken_gebundeld", default=None
)


def _outbox_wekken() -> None:
    """After commit: ask a worker to send (the worker's sweep also finds it if this is lost)."""
    bundel = _gebundeld.get()
    if bundel is not None:
        bundel.append(True)
        return
    outbox_wekken()


@contextlib.contextmanager
def outbox_wekken_gebundeld() -> Iterator[None]:
    """For a batch that queues a message per item (the e-mail intake's acknowledgements): wake
    the senders once after the batch instead of once per message (each wake counts the due
    messages and the waiting tasks: 8 ms per e-mail taken in)."""
    bundel: list[bool] = []
    token = _gebundeld.set(bundel)
    try:
        yield
    finally:
        _gebundeld.reset(token)
        if bundel:
            outbox_wekken()


def bericht_queue(
    *,
    sleutel: str,
    onderwerp: str,
    tekst: str,
    soort: str = BerichtSoort.OVERIG,
    partij: Partij | None = None,
    kanaal: str | None = None,
    adres: str = "",
    aanleiding_type: str = "",
    aanleiding_id: str = "",
    versturen_op: dt.datetime | None = None,
    antwoord_op: str = "",
    referenties: str = "",
    automatisch: bool = False,
) -> tuple[Bericht, bool]:
    """Queue one message in the caller's transaction; returns (bericht, created).

    `sleutel` names the occasion ("zaak:<uuid>:status:3", "aanbod:paspoort:<bsn>:<datum>"): a
    second call with the same key returns the first message and queues nothing. Without `kanaal`
    the party's preferred channel and consent decide. The worker sends queued messages after the
    transaction commits, not before `versturen_op` when given. An e-mail answering an e-mail
    names its Message-ID (`antwoord_op`, with the earlier `referenties`) to stay in the thread;
    `automatisch` marks an automatic reply (RFC 3834).
    """
    sleutel = (sleutel or "").strip()
    if not sleutel:
        raise DomainError("Een bericht heeft een sleutel nodig.", field="sleutel")
    if not (onderwerp or "").strip():
        raise DomainError("Geef het onderwerp van het bericht op.", field="onderwerp")
    if not (tekst or "").strip():
        raise DomainError("Geef de tekst van het bericht op.", field="tekst")
    existing = Bericht.objects.filter(sleutel=sleutel).first()
    if existing is not None:
        return existing, False
    if kanaal is None:
        kanaal, adres = bericht_kanaal_for(partij)
    if kanaal not in BerichtKanaal.values:
        raise DomainError(f"Onbekend kanaal '{kanaal}' voor een bericht.", field="kanaal")
    if kanaal != BerichtKanaal.INBOX and not adres:
        raise DomainError("Een e-mail of sms heeft een adres nodig.", field="adres")
    if kanaal == BerichtKanaal.INBOX and partij is None:
        raise DomainError("Een bericht in Mijn Loket heeft een ontvanger nodig.", field="partij")
    try:
        with transaction.atomic():
            bericht = Bericht.objects.create(
                sleutel=sleutel,
                partij=partij,
                kanaal=kanaal,
                adres=adres.strip(),
                soort=soort,
                onderwerp=onderwerp.strip()[:200],
                tekst=tekst.strip(),
                aanleiding_type=aanleiding_type,
                aanleiding_id=str(aanleiding_id or ""),
                volgende_poging_op=versturen_op or timezone.now(),
                antwoord_op=(antwoord_op or "")[:300],
                referenties=referenties or "",
                automatisch=automatisch,
                trace_id=current_trace_id(),
            )
    except IntegrityError:
        # A concurrent caller queued the same occasion first.
        return Bericht.objects.get(sleutel=sleutel), False
    transaction.on_commit(_outbox_wekken, robust=True)
    return bericht, True


@transaction.atomic
def bericht_resend(*, bericht: Bericht, user: Actor | None = None) -> Bericht:
    """A beheerder sends a failed message again: back in the queue with fresh attempts."""
    bericht = Bericht.objects.select_for_update().get(pk=bericht.pk)
    if bericht.status != BerichtStatus.MISLUKT:
        raise DomainError(
            "Alleen een mislukt bericht kan opnieuw worden verstuurd.", field="status"
        )
    bericht.status = BerichtStatus.WACHTRIJ
    bericht.pogingen = 0
    bericht.volgende_poging_op = timezone.now()
    bericht.geclaimd_door = ""
    bericht.geclaimd_tot = None
    bericht.save(
        update_fields=[
            "status",
            "pogingen",
            "volgende_poging_op",
            "geclaimd_door",
            "geclaimd_tot",
            "updated_at",
        ]
    )
    transaction.on_commit(_outbox_wekken, robust=True)
    return bericht


@transaction.atomic
def bericht_mark_read(*, bericht: Bericht) -> Bericht:
    """The citizen opened the message in Mijn Loket (delivery status 'gelezen')."""
    if bericht.gelezen_op is None:
        bericht.gelezen_op = timezone.now()
        bericht.save(update_fields=["gelezen_op", "updated_at"])
    return bericht
