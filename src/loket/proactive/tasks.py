"""Background tasks of proactive service: the daily signal scan (a daily job of core.jobs,
registered in ProactiveConfig.ready)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.tasks import task

from loket.core import jobs
from loket.proactive.services import signalen_compute

logger = logging.getLogger(__name__)

SIGNALEN_TAAK = "signalen_berekenen"  # the job's name in core.jobs (and in Planning rows)


@task()
def signalen_berekenen_taak(datum: str | None = None) -> dict:
    """The daily scan of expiring documents and registry life events."""

    day = dt.date.fromisoformat(datum) if datum else None
    resultaat = signalen_compute(datum=day)
    return {
        "datum": resultaat.datum.isoformat(),
        "signalen": resultaat.signalen,
        "berichten": resultaat.berichten,
        "seconden": resultaat.seconden,
        "per_regel": resultaat.per_regel,
    }


def scan_tijd() -> dt.time:
    """When the daily scan may run (LOKET_SIGNALEN_TIJD, local time "HH:MM")."""
    return jobs.tijd(settings.LOKET_SIGNALEN_TIJD, "06:00")


def signalen_plannen(now: dt.datetime) -> None:
    """The daily job (core.jobs): queue the scan for today."""
    signalen_berekenen_taak.enqueue(now.date().isoformat())
