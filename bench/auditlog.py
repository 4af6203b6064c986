"""Benchmark: the audit log page for a privacy officer, on an audit table of the large demo's size.

    .venv/bin/python bench/auditlog.py                 # var/bench/auditlog.sqlite3, built once
    .venv/bin/python bench/auditlog.py --entries 200000 --persons 20000   # quicker

Builds (once, in its own database) PERSONS persons and ENTRIES audit entries over the last year
from 40 medewerkers (a person's klantbeeld read about every 10 entries), then measures with
Django's test Client as a beheerder: the unfiltered first page, a search by BSN, by name, one
medewerker over one month, and the CSV export of one person; each RUNS times. It measures the
employee filter once more without the (user, -occurred_at) index (dropped and recreated) to show
what the index buys. Prints figures, then one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20
WARMUP = 2


def _setup(db: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOKET_VAR_DIR", str(db.parent))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db}")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _build(persons: int, entries: int) -> float:
    from django.core.management import call_command
    from django.db import connection, transaction

    from loket.accounts.services import user_create
    from loket.core.models import AuditAction, AuditEntry
    from loket.parties.models import Partij, Persoon

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if AuditEntry.objects.count() >= entries:
        return 0.0
    rng = random.Random(16)
    with transaction.atomic():
        users = [
            user_create(
                username=f"medewerker{i}",
                password=None,
                first_name=f"Voornaam{i}",
                last_name=f"Achternaam{i}",
                roles=["kcc-medewerker"],
            )
            for i in range(40)
        ]
        user_create(username="privacy", password=None, roles=["beheerder"])
        namen = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos"]
        batch = 5000
        for start in range(0, persons, batch):
            partijen = [
                Partij(soort="persoon", weergavenaam=f"P{start + i} {namen[(start + i) % 8]}")
                for i in range(min(batch, persons - start))
            ]
            Partij.objects.bulk_create(partijen)
            Persoon.objects.bulk_create(
                [
                    Persoon(
                        partij=partij,
                        bsn=f"{100000000 + start + i}",
                        voornamen=f"Voornaam{start + i}",
                        geslachtsnaam=f"{namen[(start + i) % 8]}{start + i}",
                    )
                    for i, partij in enumerate(partijen)
                ]
            )
        ids = list(Partij.objects.values_list("pk", flat=True))
        for start in range(0, entries, batch):
            rows = []
            for _ in range(min(batch, entries - start)):
                user = rng.choice(users)
                pk = rng.choice(ids)
                rows.append(
                    AuditEntry(
                        user=user,
                        actor_label=user.username,
                        action=AuditAction.READ,
                        object_type="parties.partij",
                        object_id=str(pk),
                        object_label=f"Persoon {pk}",
                        purpose="Klantvraag beantwoorden",
                        detail={"gegevens": ["klantcontacten", "zaken"]},
                    )
                )
            AuditEntry.objects.bulk_create(rows)
        # Spread over the last year (auto_now_add set them all to now).
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "UPDATE core_auditentry SET occurred_at = strftime('%Y-%m-%d %H:%M:%f', "
                    "'now', '-' || (abs(random()) % 31536000) || ' seconds')"
                )
            else:
                cursor.execute(
                    "UPDATE core_auditentry SET occurred_at = now() - random() * interval '365 days'"
                )
    return time.perf_counter() - started


def _time(client, url: str, params: dict, runs: int, stream: bool = False) -> list[float]:
    times = []
    for i in range(WARMUP + runs):
        started = time.perf_counter()
        response = client.get(url, params)
        if stream:
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, params, response.status_code)
        if i >= WARMUP:
            times.append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench" / "auditlog.sqlite3"))
    args = parser.parse_args()
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    _setup(db)
    build = _build(args.persons, args.entries)

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from loket.accounts.models import User
    from loket.core.models import AuditEntry
    from loket.parties.models import Persoon

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(username="privacy"))
    persoon = Persoon.objects.order_by("pk")[1234]
    medewerker = User.objects.get(username="medewerker7")
    today = timezone.localdate()
    month = {"medewerker": medewerker.pk, "van": today - dt.timedelta(days=30), "tot": today}
    log = "/beheer/auditlog/"
    result: dict[str, object] = {
        "benchmark": "auditlog",
        "database": connection.vendor,
        "entries": AuditEntry.objects.count(),
        "build_seconds": round(build, 1),
    }
    print(f"{result['entries']} audit entries; built in {build:.1f} s")
    result |= figures("first_page", _time(client, log, {}, RUNS), width=24)
    result |= figures("bsn", _time(client, log, {"kenmerk": persoon.bsn}, RUNS), width=24)
    naam = f"{persoon.voornamen} {persoon.geslachtsnaam}"
    result |= figures("naam", _time(client, log, {"kenmerk": naam}, RUNS), width=24)
    result |= figures("medewerker_maand", _time(client, log, month, RUNS), width=24)
    export = "/beheer/auditlog/export/"
    result |= figures(
        "export_persoon", _time(client, export, {"kenmerk": persoon.bsn}, RUNS, True), width=24
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX core_audit_user_occurred_idx")
    try:
        result |= figures(
            "medewerker_maand_zonder_index", _time(client, log, month, RUNS), width=24
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX core_audit_user_occurred_idx ON core_auditentry "
                "(user_id, occurred_at DESC)"
            )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
