"""Benchmark: e-mail through a real IMAP server into the inbox (issue 17).

    .venv/bin/python bench/inbox.py                      # 10,000 e-mails, var/bench/inbox.sqlite3
    .venv/bin/python bench/inbox.py --emails 2000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_inbox_bench .venv/bin/python bench/inbox.py

Starts a throwaway Dovecot (Debian's dovecot-imapd), delivers N e-mails to it by IMAP APPEND
(one in ten with a PDF attachment, one in ten in HTML, one in twenty an automatic reply), then
takes them in with the worker's job function in batches of LOKET_POSTVAK_BATCH, timing every
message (`email_intake`: parse, contact, verzoek, attachment, acknowledgement, bookmark, in one
transaction). Then, with every e-mail still open, the inbox page and one question's page are
requested through Django's test Client as a KCC agent. The database is a fresh one (SQLite file
recreated; a PostgreSQL database named in DATABASE_URL is dropped and recreated).
Prints figures and one JSON object as the last line. Targets (issue 17): inbox page p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from email.message import EmailMessage
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
PAGE_RUNS = 30
PDF = b"%PDF-1.4\n" + b"0" * 40_000 + b"\n%%EOF\n"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LOKET_VAR_DIR", str(var))
    if "DATABASE_URL" not in os.environ:
        db = var / "inbox.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    else:
        _recreate_postgres(os.environ["DATABASE_URL"])
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _recreate_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def _message(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Inwoner {n} <inwoner{n}@voorbeeld.example>"
    msg["To"] = "info@zeventerpen.example"
    msg["Subject"] = f"Vraag {n} over mijn paspoort"
    msg["Message-ID"] = f"<bench-{n}@voorbeeld.example>"
    if n % 20 == 19:
        msg["Auto-Submitted"] = "auto-replied"
    tekst = f"Goedemiddag,\n\nMijn paspoort verloopt. Wat moet ik doen? ({n})\n\nGroet"
    if n % 10 == 3:
        msg.set_content(f"<p>{tekst}</p>", subtype="html")
    else:
        msg.set_content(tekst)
    if n % 10 == 7:
        msg.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"brief-{n}.pdf")
    return msg.as_bytes()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--emails", type=int, default=10_000)
    args = parser.parse_args()
    _setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from loket.accounts.services import team_add_member, team_create, user_create
    from loket.contacts.models import Contactverzoek
    from loket.inbox import services
    from loket.inbox.postvakken import ImapPostvak
    from loket.inbox.tests.dovecot import Dovecot

    call_command("migrate", verbosity=0)
    setup_test_environment()  # the test Client needs testserver in ALLOWED_HOSTS
    team = team_create(name="KCC", slug="kcc", email="kcc@zeventerpen.example")
    agent = user_create(
        username="bench-kcc", password="bench-wachtwoord-1", roles=["kcc-medewerker"]
    )
    team_add_member(team=team, user=agent)

    with Dovecot() as dovecot:
        started = time.perf_counter()
        imap = dovecot.connect()
        for n in range(args.emails):
            imap.append("INBOX", None, None, _message(n))
        imap.logout()
        append_seconds = time.perf_counter() - started
        print(f"{args.emails} e-mails afgeleverd in {append_seconds:.1f} s (IMAP APPEND)")

        per_message: list[float] = []
        real = services.email_intake

        def timed(**kwargs):
            t0 = time.perf_counter()
            try:
                return real(**kwargs)
            finally:
                per_message.append(time.perf_counter() - t0)

        services.email_intake = timed
        started = time.perf_counter()
        totals = {"contacten": 0, "automatisch": 0, "geweigerd": 0}
        while True:
            resultaat = services.postvak_fetch(
                postvak=ImapPostvak(dovecot.url()), limit=settings.LOKET_POSTVAK_BATCH
            )
            for key in totals:
                totals[key] += getattr(resultaat, key)
            if resultaat.opgehaald == 0:
                break
        intake_seconds = time.perf_counter() - started
        services.email_intake = real

    result: dict = {
        "benchmark": "inbox",
        "emails": args.emails,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
    result["append_seconds"] = round(append_seconds, 1)
    result["intake_seconds"] = round(intake_seconds, 1)
    result["intake_per_second"] = round(len(per_message) / intake_seconds, 1)
    result |= totals
    print(
        f"Intake: {len(per_message)} e-mails in {intake_seconds:.1f} s "
        f"({result['intake_per_second']} per s; {totals})"
    )
    result |= figures("intake_per_email", per_message, width=24)

    open_items = Contactverzoek.objects.exclude(status="verwerkt").count()
    result["open_items"] = open_items
    client = Client()
    client.force_login(agent)
    for _ in range(3):
        client.get("/inbox/")
    times = []
    for _ in range(PAGE_RUNS):
        t0 = time.perf_counter()
        response = client.get("/inbox/")
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    assert "open vragen" in response.content.decode()
    result |= figures("inbox_page", times, width=24)

    verzoek = Contactverzoek.objects.order_by("-pk").first()
    times = []
    for _ in range(PAGE_RUNS):
        t0 = time.perf_counter()
        response = client.get(f"/inbox/{verzoek.pk}/")
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    result |= figures("inbox_item_page", times, width=24)
    result["cpu_count"] = os.cpu_count()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
