"""Benchmark: the daily expiry scan and the outbox's e-mail throughput, on the large demo.

    .venv/bin/python bench/proactive.py --database-url sqlite:////path/to/large-copy.sqlite3
    .venv/bin/python bench/proactive.py --database-url postgres://postgres@127.0.0.1:5432/loket_bench

The database must hold a (large) demo: 100,000 persons with their travel documents. Everything the
benchmark writes (the default rules if missing, signals, messages) happens in one transaction that
is rolled back, so the database is unchanged.

1. The daily scan (`signalen_berekenen`) with the default rules: documents expiring within
   8 weeks, people turning 18, births; it records the signals and queues the offers.
2. The outbox: N e-mail messages queued, then sent by the real sender (claim with a lease, one
   SMTP connection per batch, mark as sent) to a local SMTP sink (aiosmtpd, started here).

Targets (issue 8): scan <= 30 s over 100,000 persons; >= 200 e-mails per second.
Prints figures, then one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--emails", type=int, default=5000, help="messages for the outbox run")
    args = parser.parse_args()
    _setup(args.database_url)

    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from loket.messaging import outbox
    from loket.messaging.models import Bericht, BerichtKanaal, BerichtSoort, BerichtStatus
    from loket.messaging.smtp_sink import SmtpSinkProcess
    from loket.parties.models import Persoon
    from loket.proactive.services import signalen_compute, standaardregels_load
    from loket.registries.models import Reisdocument

    persons = Persoon.objects.count()
    documents = Reisdocument.objects.count()
    print(f"database: {connection.vendor}, {persons} persons, {documents} travel documents")
    if persons < 1000:
        print("warning: this is not a large demo; the figures say little", file=sys.stderr)

    result: dict = {"database": connection.vendor, "persons": persons, "documents": documents}
    try:
        with transaction.atomic():
            standaardregels_load()
            # Signals of an earlier scan (a demo that ran its first scan) would make this one
            # find nothing new: measure a scan that has the full work to do.
            from loket.proactive.models import Signaal

            Signaal.objects.all().delete()
            Bericht.objects.filter(soort=BerichtSoort.AANBOD).delete()

            started = time.perf_counter()
            scan = signalen_compute()
            scan_s = time.perf_counter() - started
            print(
                f"daily scan: {scan_s:.2f} s, {scan.signalen} signals, "
                f"{scan.berichten} messages queued; per rule {scan.per_regel}"
            )
            started = time.perf_counter()
            again = signalen_compute()
            again_s = time.perf_counter() - started
            print(f"second scan the same day: {again_s:.2f} s, {again.signalen} new signals")
            result.update(
                scan_seconds=round(scan_s, 2),
                scan_signals=scan.signalen,
                scan_messages=scan.berichten,
                rescan_seconds=round(again_s, 2),
                rescan_new_signals=again.signalen,
            )

            # Only the benchmark's own messages are due during the outbox run.
            Bericht.objects.filter(status=BerichtStatus.WACHTRIJ).update(
                volgende_poging_op=timezone.now() + dt.timedelta(days=365)
            )
            partij_ids = list(Persoon.objects.values_list("partij_id", flat=True)[: args.emails])
            now = timezone.now()
            Bericht.objects.bulk_create(
                [
                    Bericht(
                        sleutel=f"bench:{i}",
                        partij_id=partij_ids[i % len(partij_ids)],
                        kanaal=BerichtKanaal.EMAIL,
                        adres=f"inwoner{i}@voorbeeld.example",
                        soort=BerichtSoort.AANBOD,
                        onderwerp="Uw paspoort verloopt binnenkort",
                        tekst="Beste inwoner,\n\nUw paspoort is geldig tot 1 februari 2027. "
                        "Vraag online een nieuw paspoort aan.\n" * 3,
                        volgende_poging_op=now,
                    )
                    for i in range(args.emails)
                ],
                batch_size=1000,
            )
            with SmtpSinkProcess() as sink:
                settings.MAILERS = {"default": sink.mailer()}
                started = time.perf_counter()
                sent = outbox.berichten_versturen(worker_id="bench")
                send_s = time.perf_counter() - started
            rate = sent.verzonden / send_s if send_s else 0.0
            print(
                f"outbox: {sent.verzonden} e-mails in {send_s:.2f} s = {rate:.0f} per second "
                f"(sink in its own process received {sink.counts.get('delivered')}, "
                f"duplicates {sink.counts.get('duplicates')}, failed {sent.mislukt})"
            )
            result.update(
                emails=args.emails,
                emails_sent=sent.verzonden,
                emails_received=sink.counts.get("delivered"),
                send_seconds=round(send_s, 2),
                emails_per_second=round(rate, 1),
            )
            raise Rollback
    except Rollback:
        pass
    result["scan_ok"] = result["scan_seconds"] <= 30
    result["outbox_ok"] = result["emails_per_second"] >= 200
    print(json.dumps(result))


if __name__ == "__main__":
    main()
