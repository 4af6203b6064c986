"""Background tasks of self-service, run by `loket worker` (scheduled by its planner)."""

from __future__ import annotations

from django.tasks import task

from loket.messaging.tasks import task_is_waiting
from loket.selfservice.models import Inzending, InzendingStatus
from loket.selfservice.services import MAX_POGINGEN, concepten_purge_expired, inzendingen_process


def inzendingen_blijven_staan() -> bool:
    """Are there submissions a failure left "ontvangen" that may be retried?"""
    return Inzending.objects.filter(
        status=InzendingStatus.ONTVANGEN, verwerkpogingen__lt=MAX_POGINGEN
    ).exists()


@task()
def inzendingen_verwerken_taak() -> dict:
    """Route again what a failure left behind, and delete expired concepts."""
    return {"verwerkt": inzendingen_process(), "concepten_opgeruimd": concepten_purge_expired()}


def inzendingen_wekken(now=None) -> bool:
    """The worker's job every round (core.jobs): queue a retry of submissions a failure left
    behind, once at a time."""
    if not inzendingen_blijven_staan() or task_is_waiting(inzendingen_verwerken_taak):
        return False
    inzendingen_verwerken_taak.enqueue()
    return True
