"""Benchmark: build the demo municipality on a fresh database and time it.

    .venv/bin/python bench/demo_build.py --scale large --db sqlite
    .venv/bin/python bench/demo_build.py --scale large --db postgres

SQLite goes to var/bench/bench.sqlite3 (deleted first); PostgreSQL to a database `loket_bench`
on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432), dropped and re-created.
Prints progress, then one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOKET = str(ROOT / ".venv" / "bin" / "loket")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="loket.conf.dev")
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    env["LOKET_VAR_DIR"] = str(var)
    if args.db == "sqlite":
        db_file = var / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db_file}"
    else:
        import psycopg

        server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        base = server.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS loket_bench")
            conn.execute("CREATE DATABASE loket_bench")
        env["DATABASE_URL"] = f"{base}/loket_bench"

    started = time.perf_counter()
    subprocess.run([LOKET, "migrate", "--no-input", "-v0"], env=env, check=True)
    migrated = time.perf_counter()
    subprocess.run(
        [LOKET, "demo", "--scale", args.scale, "--seed", str(args.seed)], env=env, check=True
    )
    built = time.perf_counter()
    counts = json.loads(
        subprocess.run(
            [LOKET, "shell", "-c", COUNT_SCRIPT],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    result = {
        "benchmark": "demo_build",
        "scale": args.scale,
        "database": args.db,
        "migrate_seconds": round(migrated - started, 1),
        "demo_seconds": round(built - migrated, 1),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        **counts,
    }
    print(json.dumps(result))


COUNT_SCRIPT = """
import json
from loket.contacts.models import Klantcontact, Vraag
from loket.cases.models import Zaak, Status
from loket.parties.models import Partij
from loket.registries.models import BrpPersoon
print(json.dumps({"persons": BrpPersoon.objects.count(), "parties": Partij.objects.count(),
    "contacts": Klantcontact.objects.count(), "questions": Vraag.objects.count(),
    "cases": Zaak.objects.count(), "statuses": Status.objects.count()}))
"""

if __name__ == "__main__":
    main()
