"""Benchmark: the insight dashboard for a whole year on the large demo database.

    .venv/bin/python bench/insight.py --database-url sqlite:////tmp/large.sqlite3 [--prepare]
    .venv/bin/python bench/insight.py --database-url postgres://postgres@127.0.0.1:5432/loket_large

--prepare (once, on a copy of a demo built before the insights app had demo data): migrates and
runs the insights demo hook (persona tags, a year of calls and their events, surveys, page
visits, contactverzoeken, then the daily summaries) and prints how long that took.

Then measures, with Django's test Client logged in as a teamleider (force_login), the whole
dashboard page /inzicht/ for the last 365 days (every KPI, chart data and table), filtered
variants, the contact-reasons page and the staffing page, each over N requests after a warm-up;
and a full rebuild of the summaries. Nothing is written during the measurement except sessions
and marked-day bookkeeping, inside a transaction that is rolled back. Last line: one JSON object.
Target (issue 7): the whole dashboard for a year <= 1 s on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 10
WARMUP = 2


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


class _Builder:
    """The demo builder's state that insights.demo reads, rebuilt from an existing demo database."""

    def __init__(self) -> None:
        from django.utils import timezone

        from loket.accounts.models import Team
        from loket.cases.models import Zaaktype
        from loket.core.calendar import get_calendar
        from loket.core.models import Kanaal
        from loket.parties.models import Partij, Persoon

        self.rng = random.Random(7)
        self.today = timezone.localdate()
        self.calendar = get_calendar()
        self.kanalen = {k.code: k for k in Kanaal.objects.all()}
        self.teams = {t.slug: t for t in Team.objects.all()}
        self.zaaktypen = {
            z.product.upl_naam: z for z in Zaaktype.objects.select_related("product") if z.product
        }
        rows = list(Persoon.objects.order_by("partij_id").values_list("partij_id", "geboortedatum"))
        self.person_partij_ids = [r[0] for r in rows]
        self.person_birthdates = [r[1] for r in rows]
        self.company_partij_ids = list(
            Partij.objects.filter(soort="organisatie").order_by("pk").values_list("pk", flat=True)
        )


def prepare() -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction

    from loket.insights import demo
    from loket.insights.models import Gesprek

    call_command("migrate", verbosity=0)
    if Gesprek.objects.exists():
        print("insights-demogegevens zijn er al; overgeslagen")
        return {}
    started = time.perf_counter()
    with transaction.atomic():
        counts = demo.build(_Builder(), None)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"insights demo-hook: {seconds:.1f} s {counts}")
    return {"demo_hook_s": round(seconds, 1)}


def _measure(client, url: str, runs: int) -> list[float]:
    for _ in range(WARMUP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200
    return seconds


def _report(name: str, seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms) + 0.5) - 1)]
    print(
        f"{name:<28} n={len(ms):<3} p50={statistics.median(ms):7.1f} ms  p95={p95:7.1f} ms  max={ms[-1]:7.1f} ms"
    )
    return {f"{name}_p50_ms": round(statistics.median(ms), 1), f"{name}_max_ms": round(ms[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--rebuild", action="store_true", help="also time a full rebuild of the summaries"
    )
    args = parser.parse_args()
    _setup(args.database_url)
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.utils import timezone

    from loket.contacts.models import Klantcontact
    from loket.insights.services import samenvattingen_recompute

    result: dict = {"database": connection.vendor}
    if args.prepare:
        result.update(prepare())
    contacts = Klantcontact.objects.count()
    print(f"database: {connection.vendor}, klantcontacten: {contacts}")
    result["klantcontacten"] = contacts
    today = timezone.localdate()
    year = f"van={(today - dt.timedelta(days=364)).isoformat()}&tot={today.isoformat()}"
    with transaction.atomic():
        from loket.accounts.services import user_create

        user = user_create(
            username="bench-teamleider",
            password=None,
            first_name="Bench",
            last_name="Teamleider",
            roles=["teamleider"],
        )
        client = Client()
        client.force_login(user)
        started = time.perf_counter()
        response = client.get(f"/inzicht/?{year}")
        result["dashboard_first_ms"] = round((time.perf_counter() - started) * 1000, 1)
        assert response.status_code == 200
        print(f"dashboard (eerste aanvraag)  {result['dashboard_first_ms']:.1f} ms")
        result.update(_report("dashboard_year", _measure(client, f"/inzicht/?{year}", args.runs)))
        result.update(
            _report(
                "dashboard_year_per_week", _measure(client, f"/inzicht/?{year}&per=week", args.runs)
            )
        )
        result.update(
            _report(
                "dashboard_call_kcc",
                _measure(client, f"/inzicht/?{year}&kanaal=call&team=kcc", args.runs),
            )
        )
        result.update(
            _report(
                "contactredenen_year",
                _measure(client, f"/inzicht/contactredenen/?{year}", args.runs),
            )
        )
        result.update(
            _report(
                "klantreizen_year",
                _measure(client, f"/inzicht/klantreizen/?{year}", max(3, args.runs // 3)),
            )
        )
        # The journeys of the product with the most zaken closed in the year (all of them).
        from django.db.models import Count

        from loket.cases.models import Zaak

        drukste = (
            Zaak.objects.filter(einddatum__gte=today - dt.timedelta(days=364))
            .values("zaaktype__product")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        if drukste and drukste["zaaktype__product"]:
            result["klantreizen_zaken"] = drukste["n"]
            print(f"klantreizen: product met de meeste zaken, {drukste['n']} in het jaar")
            result.update(
                _report(
                    "klantreizen_year_busiest",
                    _measure(
                        client,
                        f"/inzicht/klantreizen/?{year}&product={drukste['zaaktype__product']}",
                        max(3, args.runs // 3),
                    ),
                )
            )
        result.update(
            _report(
                "personeelsplanning", _measure(client, "/inzicht/personeelsplanning/", args.runs)
            )
        )
        result.update(
            _report(
                "export_xlsx",
                _measure(client, f"/inzicht/export/dashboard/kanalen.xlsx?{year}", args.runs),
            )
        )
        if args.rebuild:
            started = time.perf_counter()
            counts = samenvattingen_recompute()
            result["rebuild_all_s"] = round(time.perf_counter() - started, 1)
            print(f"alle samenvattingen opnieuw: {result['rebuild_all_s']} s {counts}")
        transaction.set_rollback(True)
    result["target_ms"] = 1000
    result["dashboard_year_ok"] = result["dashboard_year_max_ms"] <= 1000
    print(json.dumps(result))


if __name__ == "__main__":
    main()
