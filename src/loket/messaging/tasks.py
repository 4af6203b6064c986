"""The outbox's send tasks (Django's tasks API, run by `loket worker`): enough senders for what
is due, never two waiting at once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.tasks import task, task_backends
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from loket.messaging import outbox


@task()
def berichten_versturen_taak() -> dict:
    """Send what is due in the outbox. With much to send, it first asks for helpers (other
    workers take them); when its time runs out, the next task takes over."""
    outbox_wekken()
    resultaat = outbox.berichten_versturen(max_seconden=60)
    if outbox.berichten_te_versturen():
        outbox_wekken()
    return resultaat.as_dict()


def task_active_count(task_obj) -> int | None:
    """How many of this task wait or run now (database backend only; None otherwise). A task
    'running' for longer than the outbox lease belongs to a worker that died: not counted."""
    backend = task_backends[task_obj.backend]
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return None

    lease = dt.timedelta(seconds=settings.LOKET_OUTBOX_LEASE_SECONDS)
    return DBTaskResult.objects.filter(
        Q(status="READY") | Q(status="RUNNING", started_at__gte=timezone.now() - lease),
        task_path=task_obj.module_path,
        backend_name=task_obj.backend,
    ).count()


def task_is_waiting(task_obj) -> bool:
    """Is this task already queued and not yet started (database backend only)?"""
    backend = task_backends[task_obj.backend]
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return False

    return (
        DBTaskResult.objects.ready()
        .filter(task_path=task_obj.module_path, backend_name=task_obj.backend)
        .exists()
    )


def outbox_wekken() -> int:
    """Make sure enough send tasks wait or run for what is due: one per batch of due messages,
    at most LOKET_OUTBOX_PARALLEL, so workers on several machines share a large outbox.
    Returns the number of tasks queued."""
    actief = task_active_count(berichten_versturen_taak)
    if actief is None:  # another task backend: one task, it sends everything due
        berichten_versturen_taak.enqueue()
        return 1
    if task_is_waiting(berichten_versturen_taak):
        return 0
    batch = settings.LOKET_OUTBOX_BATCH
    parallel = settings.LOKET_OUTBOX_PARALLEL
    due = outbox.berichten_te_versturen_aantal(limit=batch * parallel)
    nodig = min(parallel, -(-due // batch)) - actief
    for _ in range(max(0, nodig)):
        berichten_versturen_taak.enqueue()
    return max(0, nodig)


def outbox_sweep(now: dt.datetime | None = None) -> bool:
    """The worker's job every round (core.jobs): wake senders for messages whose retry time has
    come or whose claim expired."""
    return outbox_wekken() > 0 if outbox.berichten_te_versturen() else False
