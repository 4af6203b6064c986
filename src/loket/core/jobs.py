"""The worker's job registry: each app registers its periodic work in AppConfig.ready(), and the
planner of `loket worker` runs `tick()` every round (30 s by default; `--batch` once, for cron).

Two kinds of job:
- every round (`dagelijks_om=None`): a cheap check that queues work when there is some (sweep the
  outbox, wake the retry of submissions, rebuild the insight summaries a change marked);
- daily (`dagelijks_om` returns the local time): the first round after that time runs it once
  for the day. The unique `Planning` row (taak, datum) makes that once even when several workers
  on several machines keep the schedule; the job runs in the row's transaction, so a failure
  leaves no row and the next round tries again.

Core knows no app: the apps register here (core is the lowest layer, see docs/architecture.md).
`loket worker --jobs` lists what is registered.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.core.models import Planning

logger = logging.getLogger("loket.worker")


@dataclass(frozen=True)
class Job:
    naam: str
    uitvoeren: Callable[[dt.datetime], Any]
    omschrijving: str
    dagelijks_om: Callable[[], dt.time] | None = None

    @property
    def schema(self) -> str:
        if self.dagelijks_om is None:
            return "elke ronde"
        return f"dagelijks vanaf {self.dagelijks_om():%H:%M}"


_jobs: dict[str, Job] = {}


def register(
    naam: str,
    uitvoeren: Callable[[dt.datetime], Any],
    *,
    omschrijving: str,
    dagelijks_om: Callable[[], dt.time] | None = None,
) -> None:
    """Register (or replace, by name) a periodic job."""
    if len(naam) > 60:
        raise ValueError("De naam van een taak is hoogstens 60 tekens.")
    _jobs[naam] = Job(naam, uitvoeren, omschrijving, dagelijks_om)


def registered() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.naam)


def tijd(value: str, default: str) -> dt.time:
    """A "HH:MM" setting as a time (a malformed value falls back to the default, logged)."""
    try:
        hours, minutes = value.split(":")
        return dt.time(int(hours), int(minutes))
    except (AttributeError, ValueError):
        logger.error("Ongeldige tijd %r (verwacht UU:MM); %s gebruikt.", value, default)
        hours, minutes = default.split(":")
        return dt.time(int(hours), int(minutes))


def _daily(job: Job, now: dt.datetime) -> Any:

    assert job.dagelijks_om is not None
    if now.time() < job.dagelijks_om():
        return False
    try:
        with transaction.atomic():
            Planning.objects.create(taak=job.naam, datum=now.date())
            result = job.uitvoeren(now)
    except IntegrityError:
        return False  # another worker ran it today
    return True if result is None else result


def run(naam: str, *, now: dt.datetime | None = None) -> Any:
    """Run one job now, as the planner would (a daily job only once per day)."""
    job = _jobs[naam]
    now = timezone.localtime(now or timezone.now())
    return job.uitvoeren(now) if job.dagelijks_om is None else _daily(job, now)


def tick(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """One round of the planner: every registered job in name order. A job that fails is logged
    and does not stop the others; its result is "mislukt"."""
    now = timezone.localtime(now or timezone.now())
    results: dict[str, Any] = {}
    for job in registered():
        try:
            results[job.naam] = run(job.naam, now=now)
        except Exception:
            logger.exception("Taak %s mislukt", job.naam)
            results[job.naam] = "mislukt"
    return results
