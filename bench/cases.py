"""Benchmark: the back-office zaak queue and the case page, server-side.

    DATABASE_URL=sqlite:////tmp/b-large.sqlite3 .venv/bin/python bench/cases.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_b_bench .venv/bin/python bench/cases.py

On an existing (large demo) database, or an empty one (migrated first). It adds a team with
10,000 open zaken (realistic spread of start
dates, a quarter assigned, each with its status history and timeline events) beside whatever the
database holds (the large demo has 300,000 zaken in other teams), then measures with Django's
test Client (a teamleider, force_login):
  - the team queue's first page (lijst=team, lijst=unassigned) over 100 requests each;
  - the case page of 100 different zaken (each with 12 timeline events and 3 notes; the page
    also records the audited read).
The data is committed and analysed (VACUUM ANALYZE on PostgreSQL) before measuring, as in
production, and deleted at the end (unless --keep). Prints figures, then one JSON object as
the last line. Target (issue 6): p95 <= 100 ms for both.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
OPEN_ZAKEN = 10_000
QUEUE_RUNS = 100
CASE_RUNS = 100
WARMUP = 5


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LOKET_VAR_DIR", str(var))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var / 'cases.sqlite3'}")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _figures(name: str, seconds: list[float]) -> dict[str, float]:
    return figures(name, seconds, width=20)


def _build(rng: random.Random):
    """A team with OPEN_ZAKEN open zaken, bulk-inserted; returns (team, zaaktype, leider, pks)."""
    from django.utils import timezone

    from loket.accounts.services import team_add_member, team_create, user_create
    from loket.cases.models import Status, Zaak, ZaakGebeurtenis, ZaakNotitie
    from loket.cases.services import zaak_deadlines, zaaktype_create
    from loket.parties.models import Partij

    team = team_create(name="Bench Vergunningen", slug="bench-vergunningen")
    leider = user_create(
        username="bench-teamleider",
        password="bench-geheim-123",
        first_name="Bench",
        last_name="Teamleider",
        roles=["teamleider"],
    )
    team_add_member(team=team, user=leider, is_coordinator=True)
    behandelaars = []
    for i in range(8):
        user = user_create(
            username=f"bench-bo-{i}",
            password="bench-geheim-123",
            first_name="Bench",
            last_name=f"Behandelaar {i}",
            roles=["backoffice-medewerker"],
        )
        team_add_member(team=team, user=user)
        behandelaars.append(user)
    zaaktype = zaaktype_create(
        identificatie="bench-omgevingsvergunning",
        omschrijving="Omgevingsvergunning (bench)",
        doorlooptijd_werkdagen=40,
        servicenorm_werkdagen=20,
        statustypen=[
            ("Ontvangen", True, "We hebben uw aanvraag ontvangen."),
            ("In behandeling", False, ""),
            ("Advies gevraagd", True, "We hebben advies gevraagd."),
            ("Besluit genomen", True, "Er is een besluit genomen."),
        ],
        team=team,
        opschorting_mogelijk=True,
        verlenging_mogelijk=True,
        verlengingstermijn_werkdagen=20,
    )
    statustypen = list(zaaktype.statustypen.order_by("volgnummer"))
    partij_ids = list(
        Partij.objects.filter(soort="persoon").order_by("pk").values_list("pk", flat=True)[:5000]
    )
    today = timezone.localdate()
    now = timezone.now()
    started = time.perf_counter()
    zaken = []
    for i in range(OPEN_ZAKEN):
        start = today - dt.timedelta(days=rng.randint(0, 120))
        gepland, uiterlijk = zaak_deadlines(zaaktype=zaaktype, startdatum=start)
        zaken.append(
            Zaak(
                identificatie=f"BENCH-{i:07d}",
                zaaktype=zaaktype,
                omschrijving=f"Aanvraag {i}",
                initiator_id=rng.choice(partij_ids) if partij_ids else None,
                team=team,
                behandelaar=rng.choice(behandelaars) if rng.random() < 0.25 else None,
                startdatum=start,
                einddatum_gepland=gepland,
                uiterlijke_einddatum_afdoening=uiterlijk,
            )
        )
    Zaak.objects.bulk_create(zaken, batch_size=2000)
    pks = list(Zaak.objects.filter(team=team).order_by("pk").values_list("pk", "startdatum"))
    statussen = []
    for pk, start in pks:
        moment = timezone.make_aware(dt.datetime.combine(start, dt.time(9, 0)))
        statussen.append(Status(zaak_id=pk, statustype=statustypen[0], datum_status_gezet=moment))
        if rng.random() < 0.6:
            statussen.append(
                Status(
                    zaak_id=pk,
                    statustype=statustypen[1],
                    datum_status_gezet=moment + dt.timedelta(days=1),
                )
            )
    Status.objects.bulk_create(statussen, batch_size=4000)
    latest = {}
    for zaak_id, status_id in (
        Status.objects.filter(zaak__team=team).order_by("zaak_id", "datum_status_gezet", "id")
    ).values_list("zaak_id", "id"):
        latest[zaak_id] = status_id
    objs = [Zaak(pk=pk, status_id=status_id) for pk, status_id in latest.items()]
    Zaak.objects.bulk_update(objs, ["status"], batch_size=2000)
    # Timeline and notes for the zaken whose case page is measured.
    measured = rng.sample([pk for pk, _ in pks], CASE_RUNS)
    events, notes = [], []
    for pk in measured:
        for j in range(12):
            events.append(
                ZaakGebeurtenis(
                    zaak_id=pk,
                    soort="notitie" if j % 4 == 3 else "status",
                    op=now - dt.timedelta(hours=12 * (12 - j)),
                    omschrijving=f"Gebeurtenis {j}",
                )
            )
        for j in range(3):
            notes.append(
                ZaakNotitie(
                    zaak_id=pk, tekst=f"Notitie {j}", op=now - dt.timedelta(hours=j), door=leider
                )
            )
    ZaakGebeurtenis.objects.bulk_create(events, batch_size=4000)
    ZaakNotitie.objects.bulk_create(notes)
    print(f"built {OPEN_ZAKEN} open zaken in {time.perf_counter() - started:.1f} s")
    return team, zaaktype, leider, measured


def _measure(vendor: str, other: int, team, leider, measured: list[int]) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(leider)
    result: dict = {
        "benchmark": "cases",
        "database": vendor,
        "open_zaken_in_team": OPEN_ZAKEN,
        "zaken_total": other + OPEN_ZAKEN,
    }
    for lijst in ("team", "unassigned"):
        url = "/backoffice/zaken/"
        params = {"team": team.slug, "lijst": lijst}
        for _ in range(WARMUP):
            client.get(url, params)
        times = []
        for _ in range(QUEUE_RUNS):
            started = time.perf_counter()
            response = client.get(url, params)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        html = response.content.decode()
        assert html.count('data-signaal="') == 50, "first page has 50 rows"
        result |= _figures(f"queue_{lijst}", times)
    for pk in measured[:WARMUP]:
        client.get(f"/backoffice/zaak/{pk}/")
    times = []
    for pk in measured:
        started = time.perf_counter()
        response = client.get(f"/backoffice/zaak/{pk}/")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    assert "Tijdlijn" in response.content.decode()
    result |= _figures("case_page", times)
    result["targets_met"] = all(
        result[f"{name}_p95_ms"] <= 100 for name in ("queue_team", "queue_unassigned", "case_page")
    )
    return result


def _cleanup() -> None:
    """Remove what _build added: the bench team's zaken with their history, zaaktype, users."""
    from django.db import transaction

    from loket.accounts.models import Team, User
    from loket.cases.models import Status, Zaak, Zaaktype
    from loket.core.models import AuditEntry

    with transaction.atomic():
        zaken = Zaak.objects.filter(team__slug="bench-vergunningen")
        zaken.update(status=None)
        Status.objects.filter(zaak__team__slug="bench-vergunningen").delete()
        zaken.delete()
        Zaaktype.objects.filter(identificatie="bench-omgevingsvergunning").delete()
        users = User.objects.filter(username__startswith="bench-")
        AuditEntry.objects.filter(user__in=users).delete()
        Team.objects.filter(slug="bench-vergunningen").delete()
        users.delete()


def _pending_migrations(connection) -> list:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def main() -> None:
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from loket.accounts.models import Team
    from loket.cases.models import Zaak

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    vendor = connection.vendor
    print(f"database: {vendor} ({settings.DATABASES['default']['NAME']})")
    pending = _pending_migrations(connection)
    if pending:
        print(f"applying {len(pending)} pending migrations")
        call_command("migrate", verbosity=0, interactive=False)
    if Team.objects.filter(slug="bench-vergunningen").exists():
        _cleanup()  # left over from an interrupted run
    other = Zaak.objects.count()
    print(f"zaken already in the database: {other}")
    with transaction.atomic():
        team, _zaaktype, leider, measured = _build(random.Random(6))
    # Committed, then vacuumed and analysed as a production database is: an index-only scan
    # needs the visibility map that VACUUM sets.
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            for table in ("cases_zaak", "cases_status", "cases_zaakgebeurtenis"):
                cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")
    try:
        result = _measure(vendor, other, team, leider, measured)
    finally:
        if "--keep" not in sys.argv:
            _cleanup()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
