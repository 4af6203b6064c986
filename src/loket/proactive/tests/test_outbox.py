"""The outbox: sending, retries, failures, and the two crash cases with injected failures."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from loket.messaging import outbox
from loket.messaging.models import Bericht, BerichtKanaal, BerichtStatus
from loket.messaging.services import bericht_queue, bericht_resend
from loket.messaging.smtp_sink import SmtpSink, free_port
from loket.proactive.tests.conftest import make_inwoner

pytestmark = pytest.mark.django_db


class WorkerCrash(BaseException):
    """Stands for the worker process dying (kill -9, power loss) at the injected point."""


def _queue(partij, n=1, *, adres=None, kanaal=None):
    berichten = []
    for i in range(n):
        bericht, _ = bericht_queue(
            sleutel=f"test:{partij.pk}:{i}:{adres}",
            onderwerp=f"Bericht {i}",
            tekst="Hallo",
            partij=partij,
            kanaal=kanaal,
            adres=adres or "",
        )
        berichten.append(bericht)
    return berichten


def _expire_claims():
    Bericht.objects.filter(status=BerichtStatus.VERZENDEN).update(
        geclaimd_tot=timezone.now() - dt.timedelta(seconds=1)
    )


@pytest.fixture
def sink(settings):
    with SmtpSink() as sink:
        settings.MAILERS = {"default": sink.mailer()}
        yield sink


def test_email_is_sent_with_a_message_id_from_the_bericht(inwoner):
    _brp, partij = inwoner
    [bericht] = _queue(partij)
    resultaat = outbox.berichten_versturen(worker_id="w1")
    assert resultaat.verzonden == 1
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN and bericht.verzonden_op is not None
    assert bericht.pogingen == 1
    [sent] = mail.outbox
    assert sent.to == ["inwoner@voorbeeld.example"]
    assert sent.extra_headers["Message-ID"] == f"<loket-{bericht.uuid}@loket.zeventerpen.example>"


def test_invalid_address_fails_with_reason_and_the_worker_goes_on(inwoner):
    _brp, partij = inwoner
    [slecht] = _queue(partij, kanaal=BerichtKanaal.EMAIL, adres="geen-adres@")
    [goed] = _queue(partij)
    resultaat = outbox.berichten_versturen(worker_id="w1")
    assert (resultaat.verzonden, resultaat.mislukt) == (1, 1)
    slecht.refresh_from_db()
    goed.refresh_from_db()
    assert slecht.status == BerichtStatus.MISLUKT
    assert slecht.laatste_fout == "Ongeldig e-mailadres: 'geen-adres@'."
    assert goed.status == BerichtStatus.VERZONDEN
    assert len(mail.outbox) == 1


def test_crash_after_sending_before_marking_never_delivers_twice(inwoner, sink, monkeypatch):
    _brp, partij = inwoner
    [bericht] = _queue(partij)
    real_mark = outbox._markeren_verzonden

    def crash(ids, worker_id):
        raise WorkerCrash

    monkeypatch.setattr(outbox, "_markeren_verzonden", crash)
    with pytest.raises(WorkerCrash):
        outbox.berichten_versturen(worker_id="dies")
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZENDEN  # sent, but not marked
    assert sink.attempts == 1

    # Another worker: nothing happens while the dead worker's lease runs...
    monkeypatch.setattr(outbox, "_markeren_verzonden", real_mark)
    assert outbox.berichten_versturen(worker_id="w2").verzonden == 0
    # ...and after it expires the message goes again with the same idempotency key.
    _expire_claims()
    assert outbox.berichten_versturen(worker_id="w2").verzonden == 1
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN and bericht.geclaimd_door == "w2"
    assert sink.attempts == 2
    assert sink.duplicates == 1
    assert list(sink.delivered) == [f"<loket-{bericht.uuid}@loket.zeventerpen.example>"]


def test_crash_before_sending_never_loses_the_message(inwoner, sink, monkeypatch):
    _brp, partij = inwoner
    [bericht] = _queue(partij)

    def crash(*args, **kwargs):
        raise WorkerCrash

    monkeypatch.setattr(outbox, "batch_versturen", crash)
    with pytest.raises(WorkerCrash):
        outbox.berichten_versturen(worker_id="dies")
    monkeypatch.undo()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZENDEN and sink.attempts == 0
    _expire_claims()
    assert outbox.berichten_versturen(worker_id="w2").verzonden == 1
    assert len(sink.delivered) == 1 and sink.duplicates == 0


def test_refused_recipient_fails_permanently(inwoner, sink):
    _brp, partij = inwoner
    sink.handler.refuse.add("weg@voorbeeld.example")
    [bericht] = _queue(partij, kanaal=BerichtKanaal.EMAIL, adres="weg@voorbeeld.example")
    outbox.berichten_versturen(worker_id="w1")
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.MISLUKT
    assert "geweigerd" in bericht.laatste_fout


def test_mail_server_down_retries_with_exponential_backoff_then_fails(inwoner, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    settings.LOKET_OUTBOX_MAX_POGINGEN = 3
    _brp, partij = inwoner
    [bericht] = _queue(partij)
    delays = []
    for _attempt in range(3):
        before = timezone.now()
        outbox.berichten_versturen(worker_id="w1")
        bericht.refresh_from_db()
        if bericht.status == BerichtStatus.WACHTRIJ:
            delays.append(round((bericht.volgende_poging_op - before).total_seconds()))
            Bericht.objects.filter(pk=bericht.pk).update(volgende_poging_op=timezone.now())
    assert delays == [60, 120]
    assert bericht.status == BerichtStatus.MISLUKT
    assert bericht.laatste_fout.startswith("Na 3 pogingen niet verzonden.")
    assert "niet bereikbaar" in bericht.laatste_fout

    bericht_resend(bericht=bericht)
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (BerichtStatus.WACHTRIJ, 0)


def test_inbox_message_is_delivered_by_marking(db):
    _brp, partij = make_inwoner(email=None)
    [bericht] = _queue(partij)
    assert bericht.kanaal == BerichtKanaal.INBOX
    outbox.berichten_versturen(worker_id="w1")
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN and not mail.outbox


def test_sms_goes_through_the_adapter_and_a_landline_fails(inwoner):
    _brp, partij = inwoner
    [mobiel] = _queue(partij, kanaal=BerichtKanaal.SMS, adres="06 1234 5678")
    [vast] = _queue(partij, kanaal=BerichtKanaal.SMS, adres="0201234567")
    outbox.berichten_versturen(worker_id="w1")
    mobiel.refresh_from_db()
    vast.refresh_from_db()
    assert mobiel.status == BerichtStatus.VERZONDEN
    assert vast.status == BerichtStatus.MISLUKT and "Geen mobiel nummer" in vast.laatste_fout


def test_a_planned_message_waits_for_its_time(inwoner):
    _brp, partij = inwoner
    bericht_queue(
        sleutel="later",
        onderwerp="O",
        tekst="T",
        partij=partij,
        versturen_op=timezone.now() + dt.timedelta(hours=1),
    )
    assert outbox.berichten_versturen(worker_id="w1").verzonden == 0


@pytest.mark.django_db(transaction=True)
def test_worker_command_runs_the_queued_send_task(inwoner):
    """django-tasks-db end to end: the commit queues a task, `loket worker --batch` runs it."""
    _brp, partij = inwoner
    [bericht] = _queue(partij)  # autocommit: on_commit runs at once and queues the task
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.ready().count() == 1
    call_command("worker", "--batch", "--no-planner")
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN
    assert DBTaskResult.objects.successful().count() == 1


@pytest.mark.django_db(transaction=True)
def test_planner_queues_the_daily_scan_once_and_wakes_the_outbox(inwoner):
    from django_tasks_db.models import DBTaskResult

    from loket.core.jobs import tick as planner_tick

    vroeg = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(5, 0)))
    laat = vroeg + dt.timedelta(hours=2)
    assert planner_tick(now=vroeg)["signalen_berekenen"] is False
    assert planner_tick(now=laat)["signalen_berekenen"] is True
    assert planner_tick(now=laat)["signalen_berekenen"] is False
    scans = DBTaskResult.objects.filter(task_path__endswith="signalen_berekenen_taak")
    assert scans.count() == 1

    # A message whose claim expired (its worker died) is found by the sweep.
    _brp, partij = inwoner
    [bericht] = _queue(partij)
    DBTaskResult.objects.filter(task_path__endswith="berichten_versturen_taak").delete()
    outbox.berichten_claimen(worker_id="dies", limit=10)
    _expire_claims()
    assert planner_tick(now=laat)["outbox"] is True
    call_command("worker", "--batch", "--no-planner")
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_claim_disjoint_messages():
    _brp, partij = make_inwoner()
    _queue(partij, n=60)
    claimed: dict[str, list[int]] = {}
    barrier = threading.Barrier(3)

    def work(name):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            claimed[name] = [b.pk for b in outbox.berichten_claimen(worker_id=name, limit=25)]
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    alle = [pk for pks in claimed.values() for pk in pks]
    assert len(alle) == len(set(alle)) == 60


@pytest.mark.django_db(transaction=True)
def test_a_large_outbox_is_shared_by_several_send_tasks(settings):
    from django_tasks_db.models import DBTaskResult

    from loket.messaging.tasks import outbox_wekken

    settings.LOKET_OUTBOX_BATCH = 20
    settings.LOKET_OUTBOX_PARALLEL = 4
    _brp, partij = make_inwoner()
    Bericht.objects.bulk_create(
        [
            Bericht(
                sleutel=f"veel:{i}",
                partij=partij,
                kanaal="inbox",
                soort="overig",
                onderwerp="O",
                tekst="T",
                volgende_poging_op=timezone.now(),
            )
            for i in range(50)
        ]
    )
    DBTaskResult.objects.all().delete()
    assert outbox_wekken() == 3  # 50 due, 20 per batch
    assert outbox_wekken() == 0  # tasks wait already
    assert DBTaskResult.objects.ready().count() == 3


def test_a_message_that_kills_every_worker_ends_as_failed(inwoner, settings, monkeypatch):
    settings.LOKET_OUTBOX_MAX_POGINGEN = 2
    _brp, partij = inwoner
    [bericht] = _queue(partij)

    def crash(*args, **kwargs):
        raise WorkerCrash

    monkeypatch.setattr(outbox, "batch_versturen", crash)
    for _attempt in range(2):
        with pytest.raises(WorkerCrash):
            outbox.berichten_versturen(worker_id="dies")
        _expire_claims()
    assert outbox.berichten_claimen(worker_id="next", limit=10) == []
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.MISLUKT
    assert "de worker stopte telkens" in bericht.laatste_fout
