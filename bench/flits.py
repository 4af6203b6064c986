"""Benchmark: the Flits verhuismelding end to end (submit to done), server-side.

    .venv/bin/python bench/flits.py                        # fresh SQLite, small demo built in it
    .venv/bin/python bench/flits.py --database-url postgres://postgres@127.0.0.1:5432/loket_flits
    .venv/bin/python bench/flits.py --database-url postgres://.../loket_bench --runs 200

An empty database gets the small demo (600 residents, 4,000 contacts, 1,200 zaken) plus
20,000 residents in households of two and empty new-build addresses (`--personen`); a database
that holds a demo is used as it is (e.g. the large one). For each run a different adult
resident moves to an empty BAG address with a co-mover where the household has one:

- "http": the citizen's final POST ("Versturen") through Django's test Client with a DigiD
  session — validation of all steps (BAG, BRP household, dates), storing the submission, BRP
  update, klantcontact, zaak opened and closed, confirmation queued, life-event signal — until
  the response (a redirect to the result page). This is the figure the issue's target is about.
- "service": the same through `inzending_indienen` directly (no middleware, no session).

In a database built by this script every submission commits (as in production). In an existing
database everything runs in one transaction that is rolled back, so the data stays unchanged
(commit cost is then not included). Prints figures, then one JSON object as the last line.
Target (issue 5): p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 150


def _setup(database_url: str | None) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LOKET_VAR_DIR", str(var))
    if database_url is None:
        path = var / "flits.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    return database_url


def _figures(name: str, seconds: list[float]) -> dict[str, float]:
    return figures(name, seconds, width=12, with_n=True)


def _ensure_demo() -> bool:
    """Build the small demo in an empty database; True when this script built it."""
    from django.core.management import call_command

    from loket.demo.services import database_is_empty, demo_build

    call_command("migrate", verbosity=0)
    if not database_is_empty():
        return False
    started = time.perf_counter()
    summary = demo_build(scale="small", progress=False)
    print(
        f"small demo built in {time.perf_counter() - started:.1f} s ({summary.persons} residents)"
    )
    return True


def _top_up(*, personen: int, leeg: int) -> None:
    """Add residents (households of two) and empty new-build addresses, in bulk."""
    import uuid

    from loket.demo.identifiers import demo_bsns
    from loket.parties.models import Partij, Persoon
    from loket.registries.models import BagAdres, BrpPersoon

    started = time.perf_counter()
    existing = set(BrpPersoon.objects.values_list("bsn", flat=True))
    bsns = (b for b in demo_bsns() if b not in existing)
    base = BagAdres.objects.count()
    n_adressen = personen // 2 + leeg
    adressen = [
        BagAdres(
            nummeraanduiding_id=f"1999290000{i:06d}",
            postcode=f"{8440 + i // 400}{'ABCDEFGHJKLMNPRTVWXZ'[i // 20 % 20]}B",
            huisnummer=i % 20 + 1 + (i // 8000) * 20,
            straatnaam="Nieuwbouwlaan",
            woonplaats="Zeventerpen",
            gemeente="Zeventerpen",
        )
        for i in range(n_adressen)
    ]
    BagAdres.objects.bulk_create(adressen, batch_size=2000)
    ids = list(
        BagAdres.objects.filter(nummeraanduiding_id__startswith="199929")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    household = (
        BrpPersoon.objects.order_by("-huishouden").values_list("huishouden", flat=True).first() or 0
    ) + 1
    brp, partijen, rows = [], [], []
    for i in range(personen):
        bsn = next(bsns)
        brp.append(
            BrpPersoon(
                bsn=bsn,
                voornamen="Bench",
                geslachtsnaam=f"Inwoner{i}",
                geboortedatum=dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                adres_id=ids[i // 2],
                datum_aanvang_adreshouding=dt.date(2010, 1, 1),
                huishouden=household + i // 2,
            )
        )
        partijen.append(
            Partij(uuid=uuid.uuid4(), soort="persoon", weergavenaam=f"Bench Inwoner{i}")
        )
        rows.append((bsn, i))
    BrpPersoon.objects.bulk_create(brp, batch_size=2000)
    Partij.objects.bulk_create(partijen, batch_size=2000)
    Persoon.objects.bulk_create(
        [
            Persoon(partij_id=p.pk, bsn=bsn, voornamen="Bench", geslachtsnaam=f"Inwoner{i}")
            for p, (bsn, i) in zip(partijen, rows, strict=True)
        ],
        batch_size=2000,
    )
    print(
        f"added {personen} residents and {n_adressen} addresses ({leeg} empty) "
        f"in {time.perf_counter() - started:.1f} s (BAG had {base})"
    )


class _Cases:
    """The next move, built just before it runs (a co-mover must still live with the mover)."""

    def __init__(self) -> None:
        from django.db.models import Count

        from loket.registries.models import BagAdres

        self.leeg = list(
            BagAdres.objects.filter(in_onderzoek=False, gemeente="Zeventerpen")
            .annotate(n=Count("bewoners"))
            .filter(n=0)
            .order_by("-pk")
            .values_list("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")
        )
        self.moved: set[str] = set()
        self.offset = 0

    def next(self):
        from django.utils import timezone

        from loket.parties.models import Persoon
        from loket.registries.models import BrpPersoon

        today = timezone.localdate()
        adult = today - dt.timedelta(days=18 * 366)
        while self.leeg:
            persoon = (
                Persoon.objects.select_related("partij")
                .exclude(bsn__in=self.moved)
                .order_by("-pk")[self.offset : self.offset + 1]
                .first()
            )
            self.offset += 1
            if persoon is None:
                break
            p = BrpPersoon.objects.filter(bsn=persoon.bsn).first()
            if (
                p is None
                or p.adres_id is None
                or p.geboortedatum > adult
                or p.overlijdensdatum
                or (p.datum_aanvang_adreshouding and p.datum_aanvang_adreshouding >= today)
            ):
                continue
            mee = list(
                BrpPersoon.objects.filter(adres_id=p.adres_id, overlijdensdatum__isnull=True)
                .exclude(bsn=p.bsn)
                .values_list("bsn", flat=True)[:1]
            )
            self.moved.update([p.bsn, *mee])
            postcode, huisnummer, letter, toevoeging = self.leeg.pop(0)
            return persoon.partij, {
                "postcode": postcode,
                "huisnummer": str(huisnummer),
                "huisletter": letter,
                "toevoeging": toevoeging,
                "verhuisdatum": (today + dt.timedelta(days=7)).strftime("%d-%m-%Y"),
                "meeverhuizers": mee,
                "anderen_verhuizen_mee": "nee",
                "anderen_namen": "",
                "email": f"bench.{persoon.partij_id}@voorbeeld.example",
                "telefoon": "",
            }
        raise SystemExit("Te weinig inwoners of lege adressen voor de benchmark.")


def _run(runs: int, warmup: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from loket.parties.citizen_auth import SESSION_KEY
    from loket.selfservice.models import Concept, Inzending, InzendingStatus
    from loket.selfservice.selectors import formulier_get
    from loket.selfservice.services import concept_start, inzending_submit

    formulier = formulier_get(slug="verhuismelding")
    if formulier is None:
        raise SystemExit("Het formulier 'verhuismelding' ontbreekt: bouw de demo eerst.")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    cases = _Cases()
    client = Client()
    http_times, http_cpu = [], []
    for i in range(runs + warmup):
        partij, gegevens = cases.next()
        concept = concept_start(formulier=formulier, partij=partij)
        Concept.objects.filter(pk=concept.pk).update(gegevens=gegevens, stap=len(formulier.stappen))
        session = client.session
        session[SESSION_KEY] = str(partij.uuid)
        session.save()
        url = reverse(
            "selfservice:controle", kwargs={"slug": formulier.slug, "token": concept.token}
        )
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post(url, {"sleutel": concept.sleutel})
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert response.status_code == 302, (response.status_code, response.content[:2000])
        inzending = Inzending.objects.get(idempotency_key=concept.sleutel)
        assert inzending.status == InzendingStatus.AFGEHANDELD, (inzending.reden, gegevens)
        if i >= warmup:
            http_times.append(elapsed)
            http_cpu.append(cpu)

    service_times, service_cpu = [], []
    for i in range(runs + warmup):
        partij, gegevens = cases.next()
        started, cpu = time.perf_counter(), time.process_time()
        inzending, created = inzending_submit(
            formulier=formulier,
            gegevens=gegevens,
            idempotency_key=f"bench:{partij.uuid}:{time.time_ns()}",
            partij=partij,
        )
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert created and inzending.status == InzendingStatus.AFGEHANDELD, inzending.reden
        if i >= warmup:
            service_times.append(elapsed)
            service_cpu.append(cpu)
    return {
        **_figures("http", http_times),
        **_figures("service", service_times),
        # CPU time of this process (web worker): what the request costs the server when the
        # machine is not shared; with PostgreSQL the database server's own CPU is not in it.
        **_figures("http_cpu", http_cpu),
        **_figures("service_cpu", service_cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--personen",
        type=int,
        default=20_000,
        help="residents to add to a database this script builds (default 20,000)",
    )
    args = parser.parse_args()
    url = _setup(args.database_url)

    from django.db import connection, transaction

    built = _ensure_demo()
    if built:
        _top_up(personen=args.personen, leeg=4 * (args.runs + args.warmup))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics after the bulk insert
    from loket.registries.models import BagAdres, BrpPersoon
    from loket.selfservice.models import Inzending

    print(
        f"database: {connection.vendor}; {BrpPersoon.objects.count()} BRP-personen, "
        f"{BagAdres.objects.count()} BAG-adressen, {Inzending.objects.count()} inzendingen; "
        f"{'commits per submission' if built else 'one transaction, rolled back'}"
    )
    if built:
        figures = _run(args.runs, args.warmup)
    else:
        with transaction.atomic():
            figures = _run(args.runs, args.warmup)
            transaction.set_rollback(True)
    with open("/proc/loadavg") as f:
        load = float(f.read().split()[0])
    print(f"load average (1 min) at the end: {load} on {os.cpu_count()} cores")
    result = {
        "bench": "flits",
        "load_avg_1min": load,
        "database": connection.vendor,
        "database_url": url.split("@")[-1],
        "committed": built,
        **figures,
        "target_p95_ms": TARGET_MS,
        "ok": figures["http_p95_ms"] <= TARGET_MS and figures["service_p95_ms"] <= TARGET_MS,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
