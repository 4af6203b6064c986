"""Publishing, sending and receiving notifications (Notificaties API 1.0 message shape).

Guarantees, as the outbox of messaging gives them to citizens:
- never lost: a notification and its deliveries are rows written in the transaction of what
  happened (a domain event handler); a worker sends them after commit;
- never twice to a subscriber: one delivery per message and subscriber (a unique constraint); a
  worker that dies after sending but before marking leaves its claim to expire and sends again
  with the same `X-Loket-Notificatie` header (the message id), so the receiver can drop the copy;
- in order per object: a subscriber gets the messages about one object (hoofdObject) in the
  order they happened; a later one waits while an earlier one is still being retried;
- retried with exponential backoff; after `LOKET_NOTIFICATIES_MAX_POGINGEN` it fails, visible and
  retryable for beheerders (admin: Notificaties → Afleveringen).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.tracing import current_trace_id
from loket.notificaties.events import NotificatieOntvangen
from loket.notificaties.models import (
    KANALEN,
    Abonnement,
    Aflevering,
    AfleverStatus,
    Notificatie,
    OntvangenNotificatie,
)

logger = logging.getLogger(__name__)

ACTIES = ("create", "update", "partial_update", "destroy")
ID_HEADER = "X-Loket-Notificatie"


def abonnement_create(
    *, naam: str, callback_url: str, auth: str = "", kanalen: list[str] | None = None
) -> Abonnement:
    naam = (naam or "").strip()
    if not naam:
        raise DomainError("Geef het abonnement een naam.", field="naam")
    try:
        URLValidator(schemes=["http", "https"])(callback_url)
    except ValidationError:
        raise DomainError(
            "De callback-URL is geen geldige http(s)-URL.", field="callback_url"
        ) from None
    kanalen = sorted(set(kanalen or []))
    onbekend = [k for k in kanalen if k not in KANALEN]
    if onbekend:
        raise DomainError(
            f"Onbekend kanaal '{onbekend[0]}'. Kies uit: {', '.join(KANALEN)}.", field="kanalen"
        )
    return Abonnement.objects.create(
        naam=naam, callback_url=callback_url, auth=auth.strip(), kanalen=kanalen
    )


def notificatie_publish(
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict | None = None,
) -> Notificatie | None:
    """Store a notification and one delivery per active subscriber of its channel, in the
    current transaction. Without subscribers nothing is stored."""
    abonnementen = [a for a in Abonnement.objects.filter(actief=True) if a.wil(kanaal)]
    if not abonnementen:
        return None
    notificatie = Notificatie.objects.create(
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        aanmaakdatum=timezone.now(),
        kenmerken=kenmerken or {},
        trace_id=current_trace_id(),
    )
    Aflevering.objects.bulk_create(
        Aflevering(notificatie=notificatie, abonnement=a, hoofd_object=hoofd_object)
        for a in abonnementen
    )
    return notificatie


# --- sending ------------------------------------------------------------------------------------


def _due(now: dt.datetime) -> Q:
    queued = Q(status=AfleverStatus.WACHTRIJ) & (
        Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now)
    )
    return queued | Q(status=AfleverStatus.VERZENDEN, geclaimd_tot__lt=now)


def afleveringen_claim(*, limit: int = 100) -> list[Aflevering]:
    """Claim due deliveries, each only when it is the oldest unfinished one of its subscriber
    and object (so the order per object holds across retries and workers)."""
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.LOKET_NOTIFICATIES_LEASE_SECONDS)
    with transaction.atomic():
        due = Aflevering.objects.filter(_due(now)).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        candidates = list(due.values_list("pk", "abonnement_id", "hoofd_object")[: limit * 4])
        if not candidates:
            return []
        first = {
            (row["abonnement_id"], row["hoofd_object"]): row["eerste"]
            for row in Aflevering.objects.filter(
                status__in=[AfleverStatus.WACHTRIJ, AfleverStatus.VERZENDEN],
                abonnement_id__in={c[1] for c in candidates},
                hoofd_object__in={c[2] for c in candidates},
            )
            .values("abonnement_id", "hoofd_object")
            .annotate(eerste=Min("pk"))
        }
        ids = [pk for pk, abonnement, obj in candidates if first.get((abonnement, obj)) == pk]
        ids = ids[:limit]
        Aflevering.objects.filter(pk__in=ids).filter(_due(now)).update(
            status=AfleverStatus.VERZENDEN, geclaimd_tot=now + lease
        )
    return list(
        Aflevering.objects.filter(pk__in=ids, status=AfleverStatus.VERZENDEN)
        .select_related("notificatie", "abonnement")
        .order_by("pk")
    )


class AfleverFout(Exception):
    def __init__(self, reden: str, *, permanent: bool = False) -> None:
        super().__init__(reden)
        self.reden = reden
        self.permanent = permanent


def _post(aflevering: Aflevering) -> None:
    abonnement = aflevering.abonnement
    body = json.dumps(aflevering.notificatie.as_message()).encode()
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        ID_HEADER: str(aflevering.notificatie.uuid),
    }
    if abonnement.auth:
        headers["Authorization"] = abonnement.auth
    request = urllib.request.Request(
        abonnement.callback_url, data=body, headers=headers, method="POST"
    )
    timeout = settings.LOKET_NOTIFICATIES_TIMEOUT_SECONDS
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(1024)
    except urllib.error.HTTPError as exc:
        # 4xx other than 408/429 will not get better by trying again: the subscriber refuses.
        permanent = 400 <= exc.code < 500 and exc.code not in (408, 409, 425, 429)
        raise AfleverFout(
            f"HTTP {exc.code} van {abonnement.callback_url}", permanent=permanent
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise AfleverFout(f"Geen verbinding met {abonnement.callback_url}: {exc}") from None


def _backoff(pogingen: int) -> dt.timedelta:
    base = settings.LOKET_NOTIFICATIES_BACKOFF_SECONDS
    return dt.timedelta(
        seconds=min(base * 2 ** max(pogingen - 1, 0), settings.LOKET_OUTBOX_BACKOFF_MAX_SECONDS)
    )


def aflevering_send(aflevering: Aflevering) -> bool:
    """POST one claimed delivery and record the result; True when delivered."""
    pogingen = aflevering.pogingen + 1
    now = timezone.now()
    try:
        _post(aflevering)
    except AfleverFout as fout:
        mislukt = fout.permanent or pogingen >= settings.LOKET_NOTIFICATIES_MAX_POGINGEN
        Aflevering.objects.filter(pk=aflevering.pk).update(
            status=AfleverStatus.MISLUKT if mislukt else AfleverStatus.WACHTRIJ,
            pogingen=pogingen,
            volgende_poging_op=None if mislukt else now + _backoff(pogingen),
            geclaimd_tot=None,
            laatste_fout=fout.reden[:2000],
        )
        return False
    Aflevering.objects.filter(pk=aflevering.pk).update(
        status=AfleverStatus.VERZONDEN,
        pogingen=pogingen,
        volgende_poging_op=None,
        geclaimd_tot=None,
        laatste_fout="",
        afgeleverd_op=now,
    )
    return True


@dataclass
class Resultaat:
    afgeleverd: int = 0
    niet_gelukt: int = 0

    def as_dict(self) -> dict:
        return {"afgeleverd": self.afgeleverd, "niet_gelukt": self.niet_gelukt}


def afleveringen_send(*, rondes: int = 20) -> Resultaat:
    """Send what is due, a claimed batch at a time (the worker's job, every round)."""
    resultaat = Resultaat()
    for _ in range(rondes):
        batch = afleveringen_claim()
        if not batch:
            break
        for aflevering in batch:
            if aflevering_send(aflevering):
                resultaat.afgeleverd += 1
            else:
                resultaat.niet_gelukt += 1
    return resultaat


def aflevering_retry(*, aflevering: Aflevering) -> Aflevering:
    """A beheerder's "opnieuw proberen" of a failed delivery: queued again, counted afresh."""
    if aflevering.status != AfleverStatus.MISLUKT:
        raise DomainError("Alleen een mislukte aflevering kan opnieuw.", field="status")
    Aflevering.objects.filter(pk=aflevering.pk, status=AfleverStatus.MISLUKT).update(
        status=AfleverStatus.WACHTRIJ, pogingen=0, volgende_poging_op=None, laatste_fout=""
    )
    aflevering.refresh_from_db()
    return aflevering


# --- receiving ----------------------------------------------------------------------------------

VELDEN = ("kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum")


def _text(data: dict, veld: str, max_length: int) -> str:
    value = data.get(veld)
    if not isinstance(value, str) or not value.strip():
        raise DomainError(f"'{veld}' ontbreekt of is leeg.", field=veld)
    if len(value) > max_length:
        raise DomainError(f"'{veld}' is langer dan {max_length} tekens.", field=veld)
    return value.strip()


def _url(data: dict, veld: str) -> str:
    value = _text(data, veld, 500)
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise DomainError(f"'{veld}' is geen geldige URL.", field=veld) from None
    return value


def notificatie_receive(
    *, data: object, afzender: str, bericht_id: str = ""
) -> tuple[OntvangenNotificatie, bool]:
    """Store a notification sent to Loket; returns (row, new). The same message again (its id
    header, or else the same content) is stored once. Publishes NotificatieOntvangen for the
    apps that act on other components' changes."""
    if not isinstance(data, dict):
        raise DomainError("Stuur een notificatie als JSON-object.", field="kanaal")
    kanaal = _text(data, "kanaal", 50)
    hoofd_object = _url(data, "hoofdObject")
    resource = _text(data, "resource", 50)
    resource_url = _url(data, "resourceUrl")
    actie = _text(data, "actie", 20)
    aanmaakdatum = parse_datetime(_text(data, "aanmaakdatum", 40))
    if aanmaakdatum is None:
        raise DomainError("'aanmaakdatum' is geen geldige datum en tijd.", field="aanmaakdatum")
    if timezone.is_naive(aanmaakdatum):
        aanmaakdatum = timezone.make_aware(aanmaakdatum, dt.UTC)
    # Stored in UTC: any offset Python accepts (up to a day) then fits every database.
    aanmaakdatum = aanmaakdatum.astimezone(dt.UTC)
    kenmerken = data.get("kenmerken") or {}
    if not isinstance(kenmerken, dict):
        raise DomainError("'kenmerken' is een object met tekstwaarden.", field="kenmerken")
    bron = bericht_id.strip() or json.dumps(
        {k: data.get(k) for k in (*VELDEN, "kenmerken")}, sort_keys=True
    )
    sleutel = hashlib.sha256(f"{afzender}\n{bron}".encode()).hexdigest()
    bestaand = OntvangenNotificatie.objects.filter(sleutel=sleutel).first()
    if bestaand is not None:
        return bestaand, False
    try:
        with transaction.atomic():
            ontvangen = OntvangenNotificatie.objects.create(
                sleutel=sleutel,
                afzender=afzender[:150],
                kanaal=kanaal,
                hoofd_object=hoofd_object,
                resource=resource,
                resource_url=resource_url,
                actie=actie,
                aanmaakdatum=aanmaakdatum,
                kenmerken={str(k): str(v)[:500] for k, v in kenmerken.items()},
            )
            publish(NotificatieOntvangen(notificatie=ontvangen))
    except IntegrityError:  # the same message, sent twice at once
        return OntvangenNotificatie.objects.get(sleutel=sleutel), False
    return ontvangen, True
