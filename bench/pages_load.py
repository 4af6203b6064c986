"""Benchmark: the pages under a mixed load, on gunicorn in production settings (issue 22).

    .venv/bin/python bench/pages_load.py                        # 2 and 4 processes, c32, 15 s
    .venv/bin/python bench/pages_load.py --workers 2,4 --concurrency 32 --duration 30

Needs wrk (`apt install wrk`) and PostgreSQL; it uses the database of bench/api_load.py (the
small Zeventerpen demo and a resident with 50,000 klantcontacten, built on first use) and adds
a resident with 500 contacts for the klantbeeld. A teamleider logs in through the login form.

Pages (each measured alone at the given concurrency, then all together in the mix):
- portal (70 % of the mix): the home page, a product page, a search ("paspoort verlopen");
- agent work (20 %): the klantbeeld of the resident with 500 contacts (its read is audited),
  the team work queues (/backoffice/werkvoorraad/), the inbox of written questions;
- writes (10 %): a klantcontact through the API (POST /api/v1/klantcontacten/).
For each number of gunicorn processes: requests/s, p50/p95/p99 and non-2xx per page and for the
mix, and the CPU milliseconds per request of the gunicorn processes and of PostgreSQL. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_load  # bench/ is not a package: its modules are imported from this folder
from chat import PASSWORD, Browser

KLANTBEELD_CONTACTS = 500
TEAMLEIDER = "bench-pages-teamleider"

# wrk: every request picks its page by weight; agent pages carry the session, the write the
# token. Per-page figures come from runs with one page only (wrk reports one histogram).
LUA = (
    """
local pages = {pages}
local total = 0
for _, p in ipairs(pages) do total = total + p.weight end
math.randomseed(os.time())
request = function()
  local r = math.random() * total
  for _, p in ipairs(pages) do
    r = r - p.weight
    if r <= 0 then return wrk.format(p.method, p.path, p.headers, p.body) end
  end
  local p = pages[#pages]
  return wrk.format(p.method, p.path, p.headers, p.body)
end
"""
    + api_load.WRK_DONE
)


def _lua_string(value: str) -> str:
    return json.dumps(value)


def _lua_page(page: dict) -> str:
    headers = ", ".join(
        f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in page["headers"].items()
    )
    body = _lua_string(page["body"]) if page.get("body") else "nil"
    return (
        f'{{weight = {page["weight"]}, method = "{page["method"]}", '
        f"path = {_lua_string(page['path'])}, headers = {{{headers}}}, body = {body}}}"
    )


def _prepare() -> dict:
    """The API benchmark's data, a resident with 500 contacts, a product, a teamleider."""
    from django.db import transaction
    from django.utils import timezone

    from loket.accounts.models import User
    from loket.accounts.tests.factories import UserFactory
    from loket.catalogue.models import Product
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Contactreden, Klantcontact, Vraag
    from loket.core.models import Kanaal
    from loket.parties.models import Partij

    data = api_load._prepare()
    persoon = Partij.objects.filter(persoon__isnull=False).order_by("pk")[2]
    have = Klantcontact.objects.filter(partij=persoon).count()
    if have < KLANTBEELD_CONTACTS:
        reden = Contactreden.objects.filter(hoofdreden__isnull=False).order_by("pk").first()
        kanalen = list(Kanaal.objects.filter(code__in=["telefoon", "website", "balie"]))
        now = timezone.now()
        with transaction.atomic():
            made = Klantcontact.objects.bulk_create(
                Klantcontact(
                    uuid=(ident := uuid.uuid4()),
                    referentienummer=f"P{ident.hex[:19]}",
                    kanaal=kanalen[i % len(kanalen)],
                    partij=persoon,
                    onderwerp="Vraag over de afvalkalender",
                    plaatsgevonden_op=now - dt.timedelta(hours=17 * i),
                )
                for i in range(have, KLANTBEELD_CONTACTS)
            )
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
    if not User.objects.filter(username=TEAMLEIDER).exists():
        UserFactory(role="teamleider", username=TEAMLEIDER, password=PASSWORD, first_name="Bench")
    product = (
        Product.objects.filter(is_gemeente=True, slug__isnull=False, zaaktypen__isnull=False)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    return {
        **data,
        "klantbeeld": str(persoon.uuid),
        "klantbeeld_contacts": Klantcontact.objects.filter(partij=persoon).count(),
        "product": product.first(),
    }


def _pages(data: dict, cookies: str) -> list[dict]:
    agent = {"Cookie": cookies, "Accept": "text/html"}
    html = {"Accept": "text/html"}
    write = {
        "Authorization": f"Token {data['token']}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    body = json.dumps(
        {
            "kanaal": "telefoon",
            "partij": data["other"],
            "onderwerp": "Vraag over de afvalkalender",
            "vragen": [
                {
                    "vraagtekst": "Wanneer wordt de container geleegd?",
                    "contactreden": data["reden"],
                    "afhandeling": "beantwoord",
                }
            ],
        }
    )
    return [
        {"name": "portaal home", "weight": 30, "method": "GET", "path": "/", "headers": html},
        {
            "name": "portaal product",
            "weight": 20,
            "method": "GET",
            "path": f"/producten/{data['product']}/",
            "headers": html,
        },
        {
            "name": "portaal zoeken",
            "weight": 20,
            "method": "GET",
            "path": "/zoeken/?q=paspoort+verlopen",
            "headers": html,
        },
        {
            "name": f"klantbeeld ({data['klantbeeld_contacts']} contacten)",
            "weight": 10,
            "method": "GET",
            "path": f"/kcc/partij/{data['klantbeeld']}/",
            "headers": agent,
        },
        {
            "name": "werkvoorraad teams",
            "weight": 5,
            "method": "GET",
            "path": "/backoffice/werkvoorraad/",
            "headers": agent,
        },
        {"name": "inbox", "weight": 5, "method": "GET", "path": "/inbox/", "headers": agent},
        {
            "name": "API klantcontact aanmaken",
            "weight": 10,
            "method": "POST",
            "path": "/api/v1/klantcontacten/",
            "headers": write,
            "body": body,
        },
    ]


def _wrk(base: str, pages: list[dict], *, c: int, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.format(pages="{" + ", ".join(_lua_page(p) for p in pages) + "}"))
    try:
        out = subprocess.run(
            [
                *("wrk", "-t", str(min(c, 2)), "-c", str(c), "-d", f"{seconds}s"),
                *("--timeout", "10s", "-s", script.name, base + "/"),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("WRKJSON "))
    return json.loads(line.removeprefix("WRKJSON "))


def _postgres_cpu_seconds() -> float:
    """utime + stime of every PostgreSQL process on this machine (its share of the work)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, fields = stat.split("(", 1)[1].rsplit(")", 1)
        if name.startswith("postgres"):
            parts = fields.split()
            total += (int(parts[11]) + int(parts[12])) / tick
    return total


def _check(base: str, page: dict) -> None:
    """Each page answers 2xx once before it is measured (a login or URL mistake is no figure)."""
    import urllib.request

    request = urllib.request.Request(
        base + page["path"],
        data=page.get("body", "").encode() or None,
        headers=page["headers"],
        method=page["method"],
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status >= 300:
            raise SystemExit(f"{page['name']}: HTTP {response.status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", default="2,4", help="gunicorn-processen, bijvoorbeeld 2,4")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--duration", type=int, default=15, help="seconden per meting")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", api_load.DEFAULT_DB)
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk ontbreekt: apt install wrk")
    api_load._ensure_database(args.database_url)
    api_load._setup_django(args.database_url)
    data = _prepare()
    results: dict = {"concurrency": args.concurrency, "duration_s": args.duration, "runs": {}}
    for workers in [int(w) for w in args.workers.split(",")]:
        proc, base = api_load._start("gthread", workers, args.database_url)
        try:
            browser = Browser(int(base.rsplit(":", 1)[1]))
            browser.request("GET", "/medewerker/inloggen/")
            browser.request(
                "POST", "/medewerker/inloggen/", {"username": TEAMLEIDER, "password": PASSWORD}
            )
            if "sessionid" not in browser.cookies:
                raise SystemExit("Inloggen van de teamleider mislukt.")
            cookies = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
            pages = _pages(data, cookies)
            for page in pages:
                _check(base, page)
            run: dict = {}
            print(
                f"\n{workers} gunicorn-processen, c{args.concurrency}, {args.duration} s per meting"
            )
            for name, selection in [*((p["name"], [p]) for p in pages), ("mix", pages)]:
                cpu, pg = api_load._cpu_seconds(proc.pid), _postgres_cpu_seconds()
                figures = _wrk(base, selection, c=args.concurrency, seconds=args.duration)
                cpu = api_load._cpu_seconds(proc.pid) - cpu
                pg = _postgres_cpu_seconds() - pg
                rps = figures["requests"] / (figures["duration_us"] / 1e6)
                figures["rps"] = round(rps, 1)
                figures["cpu_ms_per_request"] = round(1000 * cpu / max(figures["requests"], 1), 1)
                figures["postgres_cpu_ms_per_request"] = round(
                    1000 * pg / max(figures["requests"], 1), 1
                )
                run[name] = figures
                print(
                    f"  {name:36} {rps:7.1f} req/s  p50 {figures['p50_ms']:7.1f} ms  "
                    f"p95 {figures['p95_ms']:7.1f} ms  p99 {figures['p99_ms']:7.1f} ms  "
                    f"CPU {figures['cpu_ms_per_request']:5.1f} ms/req "
                    f"(PostgreSQL {figures['postgres_cpu_ms_per_request']:4.1f})  "
                    f"fouten {figures['socket_errors'] + figures['non2xx']}",
                    flush=True,
                )
                time.sleep(1)
            results["runs"][str(workers)] = run
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
