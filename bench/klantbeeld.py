"""Benchmark: klantbeeld and person search, server-side, on the large demo database.

    .venv/bin/python bench/klantbeeld.py                       # var/bench/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench .venv/bin/python bench/klantbeeld.py

Picks a person, adds synthetic klantcontacten until they have 500 timeline items, and measures
with Django's test Client (a kcc-medewerker, force_login) the klantbeeld over 50 requests and the
person search (BSN; achternaam + geboortedatum) over 200 requests each. Everything it writes
(the contacts, the user, sessions, audit entries) happens in one transaction that is rolled back,
so the benchmark database is unchanged. Prints figures, then one JSON object as the last line.
Targets (issue 3): klantbeeld p95 <= 150 ms, search p95 <= 50 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
TIMELINE_ITEMS = 500
KLANTBEELD_RUNS = 50
SEARCH_RUNS = 200
WARMUP = 3


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"  # no query log, no debug templates: measure what production does
    var = ROOT / "var" / "bench"
    os.environ.setdefault("LOKET_VAR_DIR", str(var))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var / 'bench.sqlite3'}")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _figures(name: str, seconds: list[float]) -> dict[str, float]:
    return figures(name, seconds, width=24)


def _time(client, url: str, params: dict | None, runs: int, expect: str) -> list[float]:
    for _ in range(WARMUP):
        client.get(url, params or {})
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, params or {})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    assert expect in response.content.decode(), f"{expect!r} not in the page of {url}"
    return times


def _pad_timeline(partij, medewerker) -> int:
    """Add contacts (one vraag each) until the partij has TIMELINE_ITEMS items; returns added."""
    from django.utils import timezone

    from loket.cases.models import Zaak
    from loket.catalogue.models import Product
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Contactreden, Contactverzoek, Klantcontact, Vraag
    from loket.core.models import Kanaal

    have = (
        Klantcontact.objects.filter(partij=partij).count()
        + Zaak.objects.filter(**_zaak_filter(partij)).count()
        + Contactverzoek.objects.filter(partij=partij).count()
    )
    missing = max(0, TIMELINE_ITEMS - have)
    kanalen = list(Kanaal.objects.filter(is_actief=True))
    reden = Contactreden.objects.filter(hoofdreden__isnull=False, is_actief=True).first()
    producten = list(Product.objects.all()[:20]) or [None]
    now = timezone.now()
    contacts = Klantcontact.objects.bulk_create(
        Klantcontact(
            referentienummer=f"BENCH-{i:06d}",
            kanaal=kanalen[i % len(kanalen)],
            partij=partij,
            medewerker=medewerker,
            inhoud="Synthetisch contact voor de benchmark.",
            plaatsgevonden_op=now - dt.timedelta(hours=7 * i + 1),
            duur=dt.timedelta(minutes=4),
        )
        for i in range(missing)
    )
    if contacts and contacts[0].pk is None:  # backends without RETURNING on bulk_create
        contacts = list(Klantcontact.objects.filter(referentienummer__startswith="BENCH-"))
    Vraag.objects.bulk_create(
        Vraag(
            klantcontact=contact,
            vraagtekst=f"Vraag {i} over {producten[i % len(producten)] or 'iets'}?",
            antwoord="Uitgelegd hoe het werkt.",
            product=producten[i % len(producten)],
            contactreden=reden,
            afhandeling=Afhandeling.BEANTWOORD,
        )
        for i, contact in enumerate(contacts)
    )
    return missing


def _zaak_filter(partij) -> dict:
    return {"initiator": partij}


def _pending_migrations(connection) -> list:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def main() -> None:
    _setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from loket.accounts.services import user_create
    from loket.parties.models import Persoon

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    vendor = connection.vendor
    print(f"database: {vendor} ({settings.DATABASES['default']['NAME']})")
    pending = _pending_migrations(connection)
    if pending and vendor == "sqlite":
        # SQLite's schema editor needs foreign key checks off before the transaction starts.
        connection.disable_constraint_checking()
    with transaction.atomic():
        if pending:
            # A demo database built before newer migrations: apply them inside the transaction
            # that is rolled back at the end (DDL is transactional on SQLite and PostgreSQL).
            from django.core.management import call_command

            print(f"applying {len(pending)} pending migrations (rolled back at the end)")
            call_command("migrate", verbosity=0, interactive=False)
        persoon = (
            Persoon.objects.filter(bsn__isnull=False, geboortedatum__isnull=False)
            .select_related("partij")
            .order_by("pk")[1000]
        )
        partij = persoon.partij
        user = user_create(
            username="bench-kcc",
            password="bench-geheim-123",
            first_name="Bench",
            last_name="KCM",
            roles=["kcc-medewerker"],
        )
        started = time.perf_counter()
        added = _pad_timeline(partij, user)
        print(
            f"person {partij.uuid}: {added} synthetic contacts added in "
            f"{time.perf_counter() - started:.1f} s"
        )

        client = Client()
        client.force_login(user)
        result: dict = {
            "benchmark": "klantbeeld",
            "database": vendor,
            "timeline_items": TIMELINE_ITEMS,
            "synthetic_contacts": added,
        }
        url = f"/kcc/partij/{partij.uuid}/"
        result |= _figures("klantbeeld", _time(client, url, None, KLANTBEELD_RUNS, "Tijdlijn"))
        result |= _figures(
            "search_bsn",
            _time(client, "/kcc/", {"zoek": "bsn", "bsn": persoon.bsn}, SEARCH_RUNS, "Gevonden: 1"),
        )
        result |= _figures(
            "search_naam",
            _time(
                client,
                "/kcc/",
                {
                    "zoek": "naam",
                    "achternaam": persoon.geslachtsnaam,
                    "geboortedatum": persoon.geboortedatum.isoformat(),
                },
                SEARCH_RUNS,
                "Gevonden:",
            ),
        )
        result["targets_met"] = (
            result["klantbeeld_p95_ms"] <= 150
            and result["search_bsn_p95_ms"] <= 50
            and result["search_naam_p95_ms"] <= 50
        )
        transaction.set_rollback(True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
