"""The outbox sender: claims due messages, sends them through their channel, records the result.

Guarantees (docs/decisions/0004-task-queue.md):
- never lost: a message is a row written in its cause's transaction. A worker claims it with a
  lease (status `verzenden`, `geclaimd_tot`); a worker that dies before sending leaves the claim
  to expire, and the next sweep sends the message.
- never sent twice to the citizen: a worker that dies after sending but before marking leaves the
  claim to expire too, and the message is sent again with the same idempotency key (e-mail
  Message-ID, SMS client reference), which the receiving side uses to drop the copy. Towards our
  own tables this is at-least-once; towards the citizen it is effectively once.
- retries with exponential backoff for temporary faults; a permanent fault (an invalid address)
  or too many attempts ends in `mislukt` with the reason, visible to beheerders; the worker goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from loket.messaging import kanalen
from loket.messaging.models import Bericht, BerichtKanaal, BerichtStatus

logger = logging.getLogger(__name__)

MARK_EVERY = 200  # sent messages are marked in batches (one UPDATE each)


def _setting(name: str, default):
    return getattr(settings, name, default)


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def due_filter(now: dt.datetime) -> Q:
    """Queued messages whose time has come, and claims whose lease ran out (a worker died)."""
    queued = Q(status=BerichtStatus.WACHTRIJ) & (
        Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now)
    )
    abandoned = Q(status=BerichtStatus.VERZENDEN, geclaimd_tot__lt=now)
    return queued | abandoned


def berichten_claimen(*, worker_id: str, limit: int) -> list[Bericht]:
    """Claim up to `limit` due messages for this worker. On PostgreSQL the rows are locked with
    FOR UPDATE SKIP LOCKED, so workers on several machines take different messages; on SQLite the
    write transaction itself is exclusive."""
    now = timezone.now()
    lease = dt.timedelta(seconds=_setting("LOKET_OUTBOX_LEASE_SECONDS", 300))
    max_pogingen = _setting("LOKET_OUTBOX_MAX_POGINGEN", 8)
    with transaction.atomic():
        # A message whose worker died on every attempt (a poison message) stops here.
        Bericht.objects.filter(
            status=BerichtStatus.VERZENDEN, geclaimd_tot__lt=now, pogingen__gte=max_pogingen
        ).update(
            status=BerichtStatus.MISLUKT,
            laatste_fout=f"Na {max_pogingen} pogingen niet verzonden: de worker stopte telkens "
            "tijdens het versturen.",
            geclaimd_tot=None,
            updated_at=now,
        )
        due = Bericht.objects.filter(due_filter(now)).order_by("volgende_poging_op", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Bericht.objects.filter(pk__in=ids).filter(due_filter(now)).update(
            status=BerichtStatus.VERZENDEN,
            geclaimd_door=worker_id,
            geclaimd_tot=now + lease,
            pogingen=F("pogingen") + 1,
            updated_at=now,
        )
    return list(
        Bericht.objects.filter(
            pk__in=ids, status=BerichtStatus.VERZENDEN, geclaimd_door=worker_id
        ).order_by("pk")
    )


@dataclass
class OutboxResultaat:
    verzonden: int = 0
    mislukt: int = 0
    uitgesteld: int = 0
    seconden: float = 0.0
    fouten: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "verzonden": self.verzonden,
            "mislukt": self.mislukt,
            "uitgesteld": self.uitgesteld,
            "seconden": round(self.seconden, 3),
        }


def _markeren_verzonden(ids: list[int], worker_id: str) -> int:
    """Record delivery. Only our own claim is marked: a message whose lease expired and that
    another worker took over is that worker's to mark."""
    if not ids:
        return 0
    now = timezone.now()
    return Bericht.objects.filter(
        pk__in=ids, status=BerichtStatus.VERZENDEN, geclaimd_door=worker_id
    ).update(
        status=BerichtStatus.VERZONDEN,
        verzonden_op=now,
        geclaimd_tot=None,
        laatste_fout="",
        updated_at=now,
    )


def _backoff(pogingen: int) -> dt.timedelta:
    base = _setting("LOKET_OUTBOX_BACKOFF_SECONDS", 60)
    cap = _setting("LOKET_OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, pogingen - 1)))


def _markeren_fout(bericht: Bericht, worker_id: str, fout: str, *, permanent: bool) -> str:
    now = timezone.now()
    max_pogingen = _setting("LOKET_OUTBOX_MAX_POGINGEN", 8)
    if permanent or bericht.pogingen >= max_pogingen:
        status = BerichtStatus.MISLUKT
        if not permanent:
            fout = f"Na {bericht.pogingen} pogingen niet verzonden. Laatste fout: {fout}"
        volgende = None
    else:
        status = BerichtStatus.WACHTRIJ
        volgende = now + _backoff(bericht.pogingen)
    Bericht.objects.filter(
        pk=bericht.pk, status=BerichtStatus.VERZENDEN, geclaimd_door=worker_id
    ).update(
        status=status,
        laatste_fout=fout[:2000],
        volgende_poging_op=volgende,
        geclaimd_tot=None,
        updated_at=now,
    )
    return status


def _versturen(bericht: Bericht, email: kanalen.EmailVerbinding | None, sms) -> None:
    """Hand one message to its channel; raises PermanenteFout or TijdelijkeFout."""
    sleutel = bericht.idempotentiesleutel
    if bericht.kanaal == BerichtKanaal.INBOX:
        if bericht.partij_id is None:
            raise kanalen.PermanenteFout("Een bericht in Mijn Loket heeft een ontvanger nodig.")
        return  # delivered = visible in Mijn Loket; marking it is the delivery
    if bericht.kanaal == BerichtKanaal.EMAIL:
        message = kanalen.email_bericht(
            sleutel=sleutel,
            adres=bericht.adres,
            onderwerp=bericht.onderwerp,
            tekst=bericht.tekst,
            antwoord_op=bericht.antwoord_op,
            referenties=bericht.referenties,
            automatisch=bericht.automatisch,
        )
        if email is None:
            raise kanalen.TijdelijkeFout("Er is geen verbinding met de mailserver.")
        email.send(message)
        return
    if bericht.kanaal == BerichtKanaal.SMS:
        sms.send(telefoonnummer=bericht.adres, tekst=bericht.tekst, sleutel=sleutel)
        return
    raise kanalen.PermanenteFout(f"Onbekend kanaal '{bericht.kanaal}'.")


def _email_chunk(berichten: list[Bericht]) -> list[tuple[Bericht, Exception | None]]:
    """Send e-mails over one connection (runs in a sender thread; touches no database)."""
    outcomes: list[tuple[Bericht, Exception | None]] = []
    with kanalen.EmailVerbinding() as email:
        for bericht in berichten:
            try:
                _versturen(bericht, email, None)
            except Exception as exc:  # classified by the caller
                outcomes.append((bericht, exc))
            else:
                outcomes.append((bericht, None))
    return outcomes


def _send_all(berichten: list[Bericht]) -> list[tuple[Bericht, Exception | None]]:
    """Hand every message to its channel. E-mail goes over a few parallel SMTP connections
    (LOKET_OUTBOX_SMTP_VERBINDINGEN): the time goes into waiting for the mail server's replies."""
    emails = [b for b in berichten if b.kanaal == BerichtKanaal.EMAIL]
    others = [b for b in berichten if b.kanaal != BerichtKanaal.EMAIL]
    outcomes: list[tuple[Bericht, Exception | None]] = []
    sms = None
    for bericht in others:
        try:
            if bericht.kanaal == BerichtKanaal.SMS and sms is None:
                sms = kanalen.sms_adapter()
            _versturen(bericht, None, sms)
        except Exception as exc:
            outcomes.append((bericht, exc))
        else:
            outcomes.append((bericht, None))
    if not emails:
        return outcomes
    parallel = max(1, min(_setting("LOKET_OUTBOX_SMTP_VERBINDINGEN", 4), len(emails) // 20 or 1))
    if parallel == 1:
        return outcomes + _email_chunk(emails)
    chunks = [emails[i::parallel] for i in range(parallel)]
    with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="outbox-smtp") as pool:
        for chunk_outcomes in pool.map(_email_chunk, chunks):
            outcomes += chunk_outcomes
    return outcomes


def batch_versturen(berichten: list[Bericht], *, worker_id: str) -> OutboxResultaat:
    """Send claimed messages and record each outcome; one bad message never stops the others."""
    resultaat = OutboxResultaat()
    sent: list[int] = []
    for bericht, exc in _send_all(berichten):
        if exc is None:
            sent.append(bericht.pk)
            continue
        if isinstance(exc, kanalen.PermanenteFout):
            _markeren_fout(bericht, worker_id, str(exc), permanent=True)
            resultaat.mislukt += 1
        else:
            if not isinstance(exc, kanalen.TijdelijkeFout):
                logger.error("Bericht %s: onverwachte fout bij verzenden", bericht.pk, exc_info=exc)
                exc = kanalen.TijdelijkeFout(f"{type(exc).__name__}: {exc}")
            status = _markeren_fout(bericht, worker_id, str(exc), permanent=False)
            if status == BerichtStatus.MISLUKT:
                resultaat.mislukt += 1
            else:
                resultaat.uitgesteld += 1
        resultaat.fouten.append(str(exc))
    for start in range(0, len(sent), MARK_EVERY):
        resultaat.verzonden += _markeren_verzonden(sent[start : start + MARK_EVERY], worker_id)
    return resultaat


def berichten_versturen(
    *,
    worker_id: str | None = None,
    batch_size: int | None = None,
    max_seconden: float | None = None,
) -> OutboxResultaat:
    """Send due messages until none are left (or the time is up); returns the counts."""
    worker_id = worker_id or default_worker_id()
    batch_size = batch_size or _setting("LOKET_OUTBOX_BATCH", 200)
    started = time.perf_counter()
    totaal = OutboxResultaat()
    while True:
        berichten = berichten_claimen(worker_id=worker_id, limit=batch_size)
        if not berichten:
            break
        deel = batch_versturen(berichten, worker_id=worker_id)
        totaal.verzonden += deel.verzonden
        totaal.mislukt += deel.mislukt
        totaal.uitgesteld += deel.uitgesteld
        totaal.fouten += deel.fouten[:20]
        if max_seconden is not None and time.perf_counter() - started > max_seconden:
            break
    totaal.seconden = time.perf_counter() - started
    if totaal.verzonden or totaal.mislukt or totaal.uitgesteld:
        logger.info("outbox: %s", totaal.as_dict())
    return totaal


def berichten_te_versturen() -> bool:
    return Bericht.objects.filter(due_filter(timezone.now())).exists()


def berichten_te_versturen_aantal(*, limit: int) -> int:
    """How many messages are due, counted up to `limit` (enough to decide how many senders)."""
    return len(
        Bericht.objects.filter(due_filter(timezone.now())).values_list("pk", flat=True)[:limit]
    )
