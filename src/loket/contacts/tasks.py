"""Background tasks of contacts, run by `loket worker`: the daily overdue list for teamleiders
(a daily job of core.jobs, registered in ContactsConfig.ready; before, it ran only when cron
called `loket contactverzoeken_te_laat`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.tasks import task

from loket.contacts.services import contactverzoeken_te_laat_send
from loket.core import jobs
from loket.core.calendar import get_calendar

TE_LAAT_TAAK = "contactverzoeken_te_laat"


@task()
def contactverzoeken_te_laat_taak(datum: str) -> dict:

    uitkomst = contactverzoeken_te_laat_send(
        datum=dt.date.fromisoformat(datum), base_url=settings.LOKET_BASE_URL
    )
    verzonden = [u for u in uitkomst if u.verzonden]
    return {"mails": len(verzonden), "te_laat": sum(u.aantal for u in verzonden)}


def te_laat_tijd() -> dt.time:
    """When the overdue list goes out on working days (LOKET_TE_LAAT_TIJD, "HH:MM")."""
    return jobs.tijd(settings.LOKET_TE_LAAT_TIJD, "07:30")


def te_laat_plannen(now: dt.datetime) -> bool:
    """The daily job: queue the overdue list on a working day (weekends and holidays: none)."""
    if not get_calendar().is_working_day(now.date()):
        return False
    contactverzoeken_te_laat_taak.enqueue(now.date().isoformat())
    return True
