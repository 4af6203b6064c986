"""The worker's job registry (core.jobs): every app's periodic work in one schedule; a daily job
runs once a day however many workers tick; one failing job does not stop the others."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from loket.core import jobs
from loket.core.models import Planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    saved = dict(jobs._jobs)
    yield jobs
    jobs._jobs.clear()
    jobs._jobs.update(saved)


def _at(hour: int, minute: int = 0, day: dt.date | None = None) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day or dt.date(2026, 12, 2), dt.time(hour, minute))
    )


def test_every_app_registers_its_periodic_work():
    names = {job.naam for job in jobs.registered()}
    assert {
        "outbox",
        "inzendingen",
        "signalen_berekenen",
        "contactverzoeken_te_laat",
        "inzicht_bijwerken",
    } <= names
    schema = {job.naam: job.schema for job in jobs.registered()}
    assert schema["outbox"] == "elke ronde"
    assert schema["signalen_berekenen"].startswith("dagelijks vanaf ")


def test_a_daily_job_runs_once_a_day_after_its_time_whoever_ticks(registry):
    ran: list[dt.date] = []
    registry.register(
        "test_dagelijks",
        lambda now: ran.append(now.date()),
        omschrijving="test",
        dagelijks_om=lambda: dt.time(7, 30),
    )
    assert registry.run("test_dagelijks", now=_at(7, 29)) is False
    assert registry.run("test_dagelijks", now=_at(7, 30)) is True
    # A second worker (or the next round) the same day: nothing.
    assert registry.run("test_dagelijks", now=_at(9, 0)) is False
    assert registry.run("test_dagelijks", now=_at(8, 0, dt.date(2026, 12, 3))) is True
    assert ran == [dt.date(2026, 12, 2), dt.date(2026, 12, 3)]
    assert Planning.objects.filter(taak="test_dagelijks").count() == 2


def test_a_failing_job_is_logged_retried_and_does_not_stop_the_others(registry, caplog):
    calls: list[str] = []
    state = {"broken": True}

    def flaky(now):
        calls.append("flaky")
        if state["broken"]:
            raise RuntimeError("server weg")

    registry._jobs.clear()
    registry.register("a_flaky", flaky, omschrijving="", dagelijks_om=lambda: dt.time(6, 0))
    registry.register("b_gezond", lambda now: calls.append("gezond") or 1, omschrijving="")

    assert registry.tick(now=_at(10)) == {"a_flaky": "mislukt", "b_gezond": 1}
    assert "Taak a_flaky mislukt" in caplog.text
    # The failure left no Planning row: the next round tries again, and then it counts as run.
    assert not Planning.objects.filter(taak="a_flaky").exists()
    state["broken"] = False
    assert registry.tick(now=_at(10, 1)) == {"a_flaky": True, "b_gezond": 1}
    assert registry.tick(now=_at(10, 2))["a_flaky"] is False
    assert calls == ["flaky", "gezond", "flaky", "gezond", "gezond"]


def test_a_malformed_time_setting_falls_back_to_the_default(caplog):
    assert jobs.tijd("25:99", "06:00") == dt.time(6, 0)
    assert jobs.tijd("7:45", "06:00") == dt.time(7, 45)
    assert "Ongeldige tijd" in caplog.text


def test_the_worker_lists_its_jobs():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("worker", "--taken", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(
        line.startswith("contactverzoeken_te_laat") and "dagelijks" in line for line in lines
    )
    assert any(line.startswith("inzicht_bijwerken") and "elke ronde" in line for line in lines)
