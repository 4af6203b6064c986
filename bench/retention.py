"""Benchmark: the retention job over a year of the large demo, while the application is used
(issue 19).

    .venv/bin/python bench/retention.py --database-url sqlite:////tmp/retention.sqlite3
    .venv/bin/python bench/retention.py --database-url postgres://postgres@127.0.0.1:5432/loket_large

Use a COPY of a large demo database: the run anonymises and destroys for real. It migrates,
sets the klantcontacten term to --dagen (default 180, so about half a year of the demo's
1,000,000 contacts is past it) and the other kinds to their defaults, measures the klantbeeld of
a resident with history (Django's test Client, logged in as a KCC agent) before the run, then
starts `loket bewaartermijnen --uitvoeren` in a second process and measures the klantbeeld
again while it runs. Prints rows per kind, the run's seconds, and the klantbeeld p50/p95 before
and during; one JSON object last. Targets: the run within 10 minutes on 2 cores; the klantbeeld's
p95 during the run within 2x of before.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.conf.dev"
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("LOKET_VAR_DIR", str(ROOT / "var" / "bench-retention"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _klantbeeld_times(client, urls: list[str], seconds: float) -> list[float]:
    times, end, i = [], time.monotonic() + seconds, 0
    while time.monotonic() < end:
        started = time.perf_counter()
        response = client.get(urls[i % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        i += 1
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--dagen", type=int, default=180, help="termijn klantcontacten (dagen)")
    parser.add_argument("--meet-seconden", type=float, default=20.0)
    parser.add_argument("--batch", type=int, help="LOKET_VERNIETIGEN_BATCH for the run")
    parser.add_argument("--pauze-ms", type=int, help="LOKET_VERNIETIGEN_PAUZE_MS for the run")
    args = parser.parse_args()
    _setup(args.database_url)

    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from loket.accounts.tests.factories import UserFactory
    from loket.contacts.models import Klantcontact
    from loket.privacy.models import Actie, Vernietigingsverslag
    from loket.privacy.services import bewaartermijn_set

    setup_test_environment()
    call_command("migrate", verbosity=0)
    bewaartermijn_set(
        soort="klantcontacten",
        dagen=args.dagen,
        actie=Actie.ANONIMISEREN,
        bron="bench/retention.py",
    )
    users = {"kcc-medewerker": "bench-retentie-kcc"}
    from loket.accounts.models import User

    user = User.objects.filter(username=users["kcc-medewerker"]).first() or UserFactory(
        role="kcc-medewerker", username=users["kcc-medewerker"]
    )
    # Residents with recent history (younger than the term: they keep their contacts).
    partijen = list(
        Klantcontact.objects.filter(partij__isnull=False)
        .values("partij__uuid")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("partij__uuid", flat=True)[:20]
    )
    urls = [f"/kcc/partij/{uuid}/" for uuid in partijen]
    client = Client()
    client.force_login(user)
    for url in urls[:3]:
        client.get(url)
    before = _klantbeeld_times(client, urls, args.meet_seconden)
    print(
        f"klantbeeld vooraf: n={len(before)} p50={statistics.median(before):.1f} ms "
        f"p95={_p(before, 0.95):.1f} ms",
        flush=True,
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.monotonic()
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loket",
            "bewaartermijnen",
            "--uitvoeren",
            *(["--batch", str(args.batch)] if args.batch else []),
            *(["--pauze-ms", str(args.pauze_ms)] if args.pauze_ms is not None else []),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    during: list[float] = []
    while run.poll() is None:
        during += _klantbeeld_times(client, urls, 5.0)
    seconds = time.monotonic() - started
    output = run.stdout.read() if run.stdout else ""
    print(output, flush=True)
    if run.returncode != 0:
        raise SystemExit(f"bewaartermijnen stopte met code {run.returncode}")
    verslag = Vernietigingsverslag.objects.filter(proefrun=False).order_by("-pk").first()
    regels = {r.soort: r.aantal for r in verslag.regels.all()} if verslag else {}
    print(
        f"looptijd {seconds:.1f} s; klantbeeld tijdens: n={len(during)} "
        f"p50={statistics.median(during):.1f} ms p95={_p(during, 0.95):.1f} ms",
        flush=True,
    )
    print(
        json.dumps(
            {
                "benchmark": "retention",
                "database": args.database_url.split(":", 1)[0],
                "termijn_klantcontacten_dagen": args.dagen,
                "batch": args.batch,
                "pauze_ms": args.pauze_ms,
                "rijen": regels,
                "rijen_totaal": sum(regels.values()),
                "seconden": round(seconds, 1),
                "klantbeeld_vooraf_p50_ms": round(statistics.median(before), 1),
                "klantbeeld_vooraf_p95_ms": round(_p(before, 0.95), 1),
                "klantbeeld_tijdens_p50_ms": round(statistics.median(during), 1),
                "klantbeeld_tijdens_p95_ms": round(_p(during, 0.95), 1),
                "doel_seconden": 600,
                "doel_p95_factor": 2.0,
            }
        )
    )


if __name__ == "__main__":
    main()
