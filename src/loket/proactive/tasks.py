"""Background tasks of proactive service (the daily signal scan) and the worker's schedule; the
outbox's send tasks are in loket.messaging.tasks."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from loket.messaging import outbox
from loket.messaging.tasks import outbox_wekken, task_is_waiting

logger = logging.getLogger(__name__)

SIGNALEN_TAAK = "signalen_berekenen"


@task()
def signalen_berekenen_taak(datum: str | None = None) -> dict:
    """The daily scan of expiring documents and registry life events."""
    from loket.proactive.services import signalen_berekenen

    day = dt.date.fromisoformat(datum) if datum else None
    resultaat = signalen_berekenen(datum=day)
    return {
        "datum": resultaat.datum.isoformat(),
        "signalen": resultaat.signalen,
        "berichten": resultaat.berichten,
        "seconden": resultaat.seconden,
        "per_regel": resultaat.per_regel,
    }


def _scan_tijd() -> dt.time:
    value = getattr(settings, "LOKET_SIGNALEN_TIJD", "06:00")
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def dagelijkse_scan_plannen(*, now: dt.datetime | None = None) -> bool:
    """Queue today's scan once, after the configured time. Several schedulers (workers on
    several machines) may call this: the unique Planning row lets only the first one queue it."""
    from loket.proactive.models import Planning

    now = timezone.localtime(now or timezone.now())
    if now.time() < _scan_tijd():
        return False
    try:
        with transaction.atomic():
            Planning.objects.create(taak=SIGNALEN_TAAK, datum=now.date())
            signalen_berekenen_taak.enqueue(now.date().isoformat())
    except IntegrityError:
        return False
    return True


def planner_tick(*, now: dt.datetime | None = None) -> dict:
    """One round of the worker's schedule: the daily scan, and a sweep of the outbox that wakes
    a sender for messages whose retry time has come or whose claim expired."""
    gepland = dagelijkse_scan_plannen(now=now)
    gewekt = outbox_wekken() > 0 if outbox.berichten_te_versturen() else False
    return {
        "scan_gepland": gepland,
        "outbox_gewekt": gewekt,
        "inzendingen_gewekt": inzendingen_wekken(),
    }


def inzendingen_wekken() -> bool:
    """Queue a retry of submissions a failure left behind (self-service), once at a time."""
    from loket.selfservice.tasks import inzendingen_blijven_staan, inzendingen_verwerken_taak

    if not inzendingen_blijven_staan() or task_is_waiting(inzendingen_verwerken_taak):
        return False
    inzendingen_verwerken_taak.enqueue()
    return True
