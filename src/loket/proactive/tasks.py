"""Background tasks (Django's tasks API, run by `loket worker`) and the worker's schedule."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import task, task_backends
from django.utils import timezone

from loket.proactive import outbox

logger = logging.getLogger(__name__)

SIGNALEN_TAAK = "signalen_berekenen"


@task()
def berichten_versturen_taak() -> dict:
    """Send what is due in the outbox. With much to send, it first asks for helpers (other
    workers take them); when its time runs out, the next task takes over."""
    outbox_wekken()
    resultaat = outbox.berichten_versturen(max_seconden=60)
    if outbox.berichten_te_versturen():
        outbox_wekken()
    return resultaat.as_dict()


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


def _active(task_obj) -> int | None:
    """How many of this task wait or run now (database backend only; None otherwise). A task
    'running' for longer than the outbox lease belongs to a worker that died: not counted."""
    backend = task_backends[task_obj.backend]
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return None
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    lease = dt.timedelta(seconds=getattr(settings, "LOKET_OUTBOX_LEASE_SECONDS", 300))
    return DBTaskResult.objects.filter(
        Q(status="READY") | Q(status="RUNNING", started_at__gte=timezone.now() - lease),
        task_path=task_obj.module_path,
        backend_name=task_obj.backend,
    ).count()


def _waiting(task_obj) -> bool:
    """Is this task already queued and not yet started (database backend only)?"""
    backend = task_backends[task_obj.backend]
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return False
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.ready()
        .filter(task_path=task_obj.module_path, backend_name=task_obj.backend)
        .exists()
    )


def outbox_wekken() -> int:
    """Make sure enough send tasks wait or run for what is due: one per batch of due messages,
    at most LOKET_OUTBOX_PARALLEL, so workers on several machines share a large outbox.
    Returns the number of tasks queued."""
    actief = _active(berichten_versturen_taak)
    if actief is None:  # another task backend: one task, it sends everything due
        berichten_versturen_taak.enqueue()
        return 1
    if _waiting(berichten_versturen_taak):
        return 0
    batch = getattr(settings, "LOKET_OUTBOX_BATCH", 200)
    parallel = getattr(settings, "LOKET_OUTBOX_PARALLEL", 4)
    due = outbox.berichten_te_versturen_aantal(limit=batch * parallel)
    nodig = min(parallel, -(-due // batch)) - actief
    for _ in range(max(0, nodig)):
        berichten_versturen_taak.enqueue()
    return max(0, nodig)


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

    if not inzendingen_blijven_staan() or _waiting(inzendingen_verwerken_taak):
        return False
    inzendingen_verwerken_taak.enqueue()
    return True
