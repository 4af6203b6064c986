"""Benchmark: the klantcontacten API under load, in production settings, on PostgreSQL (issue 22).

    .venv/bin/python bench/api_load.py                       # 15 s per run, c1/c8/c32, 2 workers
    .venv/bin/python bench/api_load.py --duration 30 --concurrency 8 --setup both

Needs wrk (Debian: `apt install wrk`) and a PostgreSQL server (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/loket_bench_api; the database is created when missing and
kept between runs). The first run builds the small Zeventerpen demo in it and gives one resident
50,000 klantcontacten, each with a vraag.

Each setup starts gunicorn with `loket.conf.production` on a free local port:
- `gthread`: as Loket ships now, `gunicorn -c python:loket.conf.gunicorn` (threaded workers
  with keep-alive, persistent database connections);
- `sync`: how it was started before issue 22, `gunicorn -w N` (sync workers answering
  `Connection: close`, a new database connection per request: DATABASE_CONN_MAX_AGE=0).

Work, each against a fresh API token with the klantcontacten scopes:
- create: POST /api/v1/klantcontacten/ (a telephone contact with one vraag) for another resident;
- list: GET /api/v1/klantcontacten/?partij=<the resident with 50,000>&pageSize=50 (newest first);
- detail: GET /api/v1/klantcontacten/<uuid>/ of one of those contacts.
Every read carries a purpose (X-Loket-Doel) and writes its audit entry, as in production.

Per run: requests/s, p50/p95/p99 (wrk's latency histogram), errors (socket errors and non-2xx)
and the CPU milliseconds per request of the gunicorn processes (PostgreSQL not included).
The last line is one JSON object with every figure.

To run the same requests against Open Klant (not shipped): start it beside Loket, make a token,
and point wrk at its /klantinteracties/api/v1/klantcontacten (list: ?hadBetrokkene__uuid=<partij>
&pageSize=50) and /klantinteracties/api/v1/maak-klantcontact with the body of `OPEN_KLANT_BODY`
below; docs/performance.md has the commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/loket_bench_api"
CONTACTS = 50_000
DOEL = "Benchmark: klantbeeld voor een telefoongesprek"

# maak-klantcontact of the Klantinteracties API 0.9.0, for the comparison with Open Klant.
OPEN_KLANT_BODY = {
    "klantcontact": {
        "kanaal": "telefoon",
        "onderwerp": "Paspoort",
        "inhoud": "Wanneer is mijn paspoort klaar?",
        "indicatieContactGelukt": True,
        "taal": "nld",
        "vertrouwelijk": False,
        "plaatsgevondenOp": "2026-12-01T10:00:00+01:00",
    },
    "betrokkene": {
        "wasPartij": {"uuid": "<partij-uuid>"},
        "rol": "klant",
        "initiator": True,
        "organisatienaam": "",
        "contactnaam": {
            "voorletters": "",
            "voornaam": "",
            "voorvoegselAchternaam": "",
            "achternaam": "",
        },
    },
}

# wrk's summary as one JSON line (a format string: braces doubled), shared with pages_load.py.
WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {{"requests": %d, "duration_us": %d, "socket_errors": %d, "non2xx": %d, '
    .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""

LUA = (
    """
wrk.method = "{method}"
wrk.body = {body}
wrk.headers["Authorization"] = "Token {token}"
wrk.headers["X-Loket-Doel"] = "{doel}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
"""
    + WRK_DONE
)


def _setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.conf.dev"
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("LOKET_VAR_DIR", str(ROOT / "var" / "bench-api"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _ensure_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _prepare() -> dict:
    """Migrate, build the data once, and return what the requests need."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from loket.api.services import api_token_create
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Contactreden, Klantcontact, Vraag
    from loket.core.models import Kanaal
    from loket.demo.services import demo_build
    from loket.parties.models import Partij

    call_command("migrate", verbosity=0)
    if not Partij.objects.exists():
        print("Demo (small) bouwen ...", flush=True)
        demo_build(scale="small", seed=7, progress=False)
    people = list(Partij.objects.filter(persoon__isnull=False).order_by("pk")[:2])
    big, other = people[0], people[1]
    reden = Contactreden.objects.filter(hoofdreden__isnull=False).order_by("pk").first()
    telefoon = Kanaal.objects.get(code="telefoon")
    have = Klantcontact.objects.filter(partij=big).count()
    if have < CONTACTS:
        print(f"{CONTACTS - have} klantcontacten toevoegen voor één inwoner ...", flush=True)
        now = timezone.now()
        with transaction.atomic():
            for start in range(have, CONTACTS, 5000):
                batch = []
                for i in range(start, min(CONTACTS, start + 5000)):
                    ident = uuid.uuid4()
                    batch.append(
                        Klantcontact(
                            uuid=ident,
                            referentienummer=f"B{ident.hex[:19]}",
                            kanaal=telefoon,
                            partij=big,
                            onderwerp="Vraag over afval",
                            plaatsgevonden_op=now - dt.timedelta(minutes=7 * i),
                        )
                    )
                made = Klantcontact.objects.bulk_create(batch)
                Vraag.objects.bulk_create(
                    Vraag(
                        klantcontact_id=k.pk,
                        vraagtekst="Wanneer wordt de container geleegd?",
                        contactreden=reden,
                        afhandeling=Afhandeling.BEANTWOORD,
                        antwoord="Volgens de afvalkalender.",
                    )
                    for k in made
                )
        with connection.cursor() as cursor:
            # As autovacuum leaves a table in steady state: statistics and the visibility map
            # (an index-only count needs it).
            cursor.execute("VACUUM ANALYZE")
    _token, key = api_token_create(
        name=f"bench-api-load-{int(time.time())}",
        scopes=["klantcontacten:lezen", "klantcontacten:schrijven", "partijen:lezen"],
    )
    detail = (
        Klantcontact.objects.filter(partij=big)
        .order_by("-plaatsgevonden_op")
        .values_list("uuid", flat=True)[25]
    )
    return {
        "token": key,
        "big": str(big.uuid),
        "other": str(other.uuid),
        "detail": str(detail),
        "reden": reden.code,
        "contacts": Klantcontact.objects.filter(partij=big).count(),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(setup: str, workers: int, database_url: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.conf.production",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT / "src"),
        "WEB_CONCURRENCY": str(workers),
    }
    env.pop("DEBUG", None)
    gunicorn = [str(PYTHON), "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    if setup == "gthread":
        command = [*gunicorn, "-c", "python:loket.conf.gunicorn", "loket.wsgi"]
    else:
        env["DATABASE_CONN_MAX_AGE"] = "0"
        command = [*gunicorn, "-w", str(workers), "loket.wsgi"]
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/gezond/", timeout=2) as response:
                if response.status == 200:
                    return proc, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn stopte: {proc.stderr.read().decode()[-2000:]}")
    raise SystemExit("gunicorn antwoordde niet binnen 60 s op /gezond/.")


def _cpu_seconds(master: int) -> float:
    """utime + stime of the gunicorn master and its workers, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == master or ppid == master:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _wrk(
    base: str, path: str, method: str, body: str | None, token: str, *, c: int, seconds: int
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            LUA.format(
                method=method,
                body=json.dumps(body) if body else "nil",
                token=token,
                doel=DOEL,
            )
        )
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t",
                str(min(c, 2)),
                "-c",
                str(c),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                base + path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("WRKJSON "))
    return json.loads(line.removeprefix("WRKJSON "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconden per meting")
    parser.add_argument("--concurrency", default="1,8,32", help="bijvoorbeeld 1,8,32")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-processen")
    parser.add_argument("--setup", choices=["gthread", "sync", "both"], default="both")
    parser.add_argument(
        "--work", default="create,list,detail", help="also ki-create,ki-list,ki-detail"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk ontbreekt: installeer het met `apt install wrk`.")
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    if not database_url.startswith("postgres"):
        raise SystemExit("Deze benchmark draait op PostgreSQL: zet DATABASE_URL=postgres://...")
    _ensure_database(database_url)
    _setup_django(database_url)
    data = _prepare()
    create_body = json.dumps(
        {
            "kanaal": "telefoon",
            "partij": data["other"],
            "onderwerp": "Paspoort",
            "vragen": [
                {
                    "vraagtekst": "Wanneer is mijn paspoort klaar?",
                    "contactreden": data["reden"],
                    "afhandeling": "beantwoord",
                    "antwoord": "Over vijf werkdagen.",
                }
            ],
        }
    )
    ki = "/klantinteracties/api/v1"
    ki_body = json.loads(json.dumps(OPEN_KLANT_BODY))
    ki_body["betrokkene"]["wasPartij"]["uuid"] = data["other"]
    work = {
        "create": ("/api/v1/klantcontacten/", "POST", create_body),
        "list": (f"/api/v1/klantcontacten/?partij={data['big']}&pageSize=50", "GET", None),
        "detail": (f"/api/v1/klantcontacten/{data['detail']}/", "GET", None),
        # The same work through the VNG Klantinteracties API (the requests Open Klant serves).
        "ki-create": (f"{ki}/maak-klantcontact", "POST", json.dumps(ki_body)),
        "ki-list": (
            f"{ki}/klantcontacten?hadBetrokkene__wasPartij__uuid={data['big']}&pageSize=50",
            "GET",
            None,
        ),
        "ki-detail": (f"{ki}/klantcontacten/{data['detail']}", "GET", None),
    }
    setups = ["sync", "gthread"] if args.setup == "both" else [args.setup]
    levels = [int(c) for c in args.concurrency.split(",")]
    result: dict = {
        "benchmark": "api_load",
        "workers": args.workers,
        "duration_s": args.duration,
        "contacts_of_partij": data["contacts"],
        "cpu_count": os.cpu_count(),
    }
    print(
        f"{'setup':<8} {'werk':<7} {'c':>3} {'req/s':>8} {'p50':>8} {'p95':>8} {'p99':>8} "
        f"{'fout':>5} {'CPU ms/req':>10}"
    )
    for setup in setups:
        proc, base = _start(setup, args.workers, database_url)
        try:
            for name in args.work.split(","):
                path, method, body = work[name]
                _wrk(base, path, method, body, data["token"], c=2, seconds=2)  # warm up
                for c in levels:
                    cpu_before = _cpu_seconds(proc.pid)
                    figures = _wrk(
                        base, path, method, body, data["token"], c=c, seconds=args.duration
                    )
                    cpu = _cpu_seconds(proc.pid) - cpu_before
                    n = max(1, figures["requests"])
                    rps = figures["requests"] / (figures["duration_us"] / 1e6)
                    errors = figures["socket_errors"] + figures["non2xx"]
                    cpu_ms = 1000 * cpu / n
                    print(
                        f"{setup:<8} {name:<7} {c:>3} {rps:>8.1f} {figures['p50_ms']:>7.1f}m "
                        f"{figures['p95_ms']:>7.1f}m {figures['p99_ms']:>7.1f}m {errors:>5} "
                        f"{cpu_ms:>10.1f}",
                        flush=True,
                    )
                    key = f"{setup}_{name}_c{c}"
                    result |= {
                        f"{key}_rps": round(rps, 1),
                        f"{key}_p50_ms": figures["p50_ms"],
                        f"{key}_p95_ms": figures["p95_ms"],
                        f"{key}_p99_ms": figures["p99_ms"],
                        f"{key}_errors": errors,
                        f"{key}_cpu_ms_per_request": round(cpu_ms, 2),
                    }
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
