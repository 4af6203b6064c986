"""Benchmark: concurrent web chats relayed between inwoners and agents (issue 17).

    .venv/bin/python bench/chat.py                       # 200 chats, PostgreSQL + Redis
    .venv/bin/python bench/chat.py --chats 50 --berichten 6

Builds the small demo once in PostgreSQL (DATABASE_URL, default loket_chat_bench on
127.0.0.1:5432), then starts Loket as in production: gunicorn with `loket.conf.production`,
2 processes (gthread), the broker on Redis (LOKET_BROKER_URL, default redis://127.0.0.1:6379/14).
N inwoners open the chat on the website, ask a question (the assistant answers from the
knowledge base), ask for an agent; agents (5 chats each) take them from the queue. Then every
chat exchanges messages both ways, --pauze seconds apart (5-15: people typing; 1-3 finds where
the server saturates), while each side waits for news with the widget's long poll, as the
browser does. Relay time: from the moment the sender starts its
POST to the moment the other side's long poll hands over that message (client and server on the
same 2 cores). Prints figures and one JSON object as the last line.
Target (issue 17): relay p95 <= 300 ms with 200 concurrent chats.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
PASSWORD = "bench-chat-wachtwoord-1"
RUN = uuid.uuid4().hex[:8]
VRAGEN = [
    "Mijn paspoort verloopt, wat moet ik doen?",
    "Hoe laat ik grofvuil ophalen?",
    "Ik ga verhuizen, hoe geef ik dat door?",
    "Wanneer wordt de container geleegd?",
    "Hoe vraag ik een parkeervergunning aan?",
]


def _setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.conf.dev"
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("LOKET_VAR_DIR", str(ROOT / "var" / "bench-chat"))
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


def _prepare(agents: int) -> list[str]:
    from django.core.management import call_command

    from loket.accounts.models import User
    from loket.accounts.tests.factories import UserFactory
    from loket.contacts.models import ChatSessie, ChatStatus
    from loket.demo.services import demo_build
    from loket.parties.models import Partij

    call_command("migrate", verbosity=0)
    if not Partij.objects.exists():
        print("Demo (small) bouwen ...", flush=True)
        demo_build(scale="small", seed=7, progress=False)
    # Chats of an earlier run are over.
    ChatSessie.objects.exclude(status__in=[ChatStatus.GESLOTEN, ChatStatus.VERLATEN]).update(
        status=ChatStatus.VERLATEN
    )
    names = [f"bench-chat-{i}" for i in range(agents)]
    for name in names:
        if not User.objects.filter(username=name).exists():
            UserFactory(role="kcc-medewerker", username=name, password=PASSWORD, first_name="Bench")
    return names


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(database_url: str, broker: str, threads: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.conf.production",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT / "src"),
        "WEB_CONCURRENCY": "2",
        "LOKET_WEB_THREADS": str(threads),
        "LOKET_BROKER_URL": broker,
        "LOKET_CHAT_OPENINGSTIJDEN": "altijd",
        "LOKET_CHAT_MAX_PER_MEDEWERKER": "5",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("DEBUG", None)
    log = ROOT / "var" / "bench-chat" / "gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [
            str(PYTHON),
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "-c",
            "python:loket.conf.gunicorn",
            "loket.wsgi",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        cwd=ROOT,
    )
    for _ in range(120):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/gezond/")
            if c.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.5)
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn stopte: zie {log}")
    raise SystemExit("gunicorn antwoordde niet binnen 60 s op /gezond/.")


class Browser:
    """One browser: its cookies and a keep-alive connection per use (poll, send)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.local = threading.local()
        self.marker = ""

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return conn

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1", "Accept": "application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urllib.parse.urlencode(data or {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://127.0.0.1:{self.port}/"
        for attempt in range(2):
            conn = self._conn()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, content


def _agent_login(port: int, name: str) -> Browser:
    b = Browser(port)
    b.request("GET", "/medewerker/inloggen/")
    status, _ = b.request("POST", "/medewerker/inloggen/", {"username": name, "password": PASSWORD})
    if "sessionid" not in b.cookies:
        raise SystemExit(f"Inloggen van {name} mislukt ({status}).")
    b.request("GET", "/kcc/chats/")  # the CSRF cookie
    return b


def _cpu_seconds(master: int) -> float:
    """utime + stime of the gunicorn master and its workers, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [master]
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run(
    port: int,
    chats: int,
    berichten: int,
    agents: list[str],
    master: int,
    pauze: tuple[float, float],
) -> dict:
    errors: list[str] = []
    relay: list[float] = []
    assistent: list[float] = []
    lock = threading.Lock()

    # 1. The inwoners open the chat, ask, and ask for an agent.
    inwoners: list[Browser] = []

    def open_chat(i: int) -> None:
        b = Browser(port)
        b.request("GET", "/")
        b.request("POST", "/chat/starten/")
        begin = time.monotonic()
        b.marker = f"(bench-{RUN}-{i})"
        vraag = f"{VRAGEN[i % len(VRAGEN)]} {b.marker}"
        status, _ = b.request("POST", "/chat/bericht/", {"tekst": vraag})
        took = time.monotonic() - begin
        status2, _ = b.request("POST", "/chat/medewerker/")
        with lock:
            if status != 200 or status2 != 200:
                errors.append(f"inwoner {i}: {status}/{status2}")
            assistent.append(took)
            inwoners.append(b)

    _parallel(open_chat, range(chats), 20)
    print(f"{len(inwoners)} chats in de wachtrij", flush=True)

    # 2. The agents log in and take the chats from the queue (5 each).
    medewerkers = [_agent_login(port, name) for name in agents]
    genomen: dict[str, Browser] = {}
    pattern = re.compile(r"/kcc/chats/([0-9a-f-]{36})/oppakken/")
    for agent in medewerkers:
        _status, page = agent.request("GET", "/kcc/chats/")
        for chat_id in pattern.findall(page.decode())[:5]:
            if chat_id in genomen:
                continue
            status, _ = agent.request("POST", f"/kcc/chats/{chat_id}/oppakken/")
            if status in (200, 302):
                genomen[chat_id] = agent
    # Which inwoner is in which chat: by the marker in the first question.
    from loket.contacts.models import ChatBericht

    paren = []
    for b in inwoners:
        chat_id = str(
            ChatBericht.objects.filter(tekst__endswith=b.marker)
            .values_list("sessie__uuid", flat=True)
            .first()
        )
        if chat_id in genomen:
            paren.append((chat_id, genomen[chat_id], b))
    print(f"{len(paren)} chats opgepakt door {len(medewerkers)} medewerkers", flush=True)

    # 3. Every chat talks both ways while both sides long-poll.
    verzonden: dict[str, float] = {}
    versturen: list[float] = []
    ontvangen: dict[str, float] = {}
    stop = threading.Event()

    def poll(b: Browser, path: str) -> None:
        na = 10**9  # only messages from now on: start from the current last one
        status, body = b.request("GET", path.replace("na=X", "na=0"))
        data = json.loads(body) if status == 200 else {}
        na = max([m["id"] for m in data.get("berichten", [])] or [0])
        while not stop.is_set():
            try:
                status, body = b.request("GET", path.replace("na=X", f"na={na}"))
            except OSError as exc:
                with lock:
                    errors.append(f"poll: {exc}")
                time.sleep(1)
                continue
            now = time.monotonic()
            if status != 200:
                with lock:
                    errors.append(f"poll {status}")
                time.sleep(1)
                continue
            for m in json.loads(body).get("berichten", []):
                na = max(na, m["id"])
                tag = m["tekst"].rsplit("#", 1)[-1]
                if m["tekst"].startswith("bench") and tag not in ontvangen:
                    ontvangen[tag] = now

    def talk(chat_id: str, agent: Browser, inwoner: Browser) -> None:
        rng = random.Random(chat_id)
        time.sleep(rng.uniform(0, pauze[1]))
        for n in range(berichten):
            tag = f"{chat_id[:8]}-{n}"
            verzonden[tag] = time.monotonic()
            if n % 2:
                status, _ = inwoner.request("POST", "/chat/bericht/", {"tekst": f"bench #{tag}"})
            else:
                status, _ = agent.request(
                    "POST", f"/kcc/chats/{chat_id}/bericht/", {"tekst": f"bench #{tag}"}
                )
            with lock:
                versturen.append(time.monotonic() - verzonden[tag])
                if status not in (200, 302):
                    errors.append(f"bericht {status}")
            time.sleep(rng.uniform(*pauze))

    pollers = []
    for chat_id, agent, b in paren:
        for browser, path in (
            (b, "/chat/wachten/?na=X"),
            (agent, f"/kcc/chats/{chat_id}/wachten/?na=X"),
        ):
            t = threading.Thread(target=poll, args=(_Own(browser), path), daemon=True)
            t.start()
            pollers.append(t)
    time.sleep(2)
    begin = time.monotonic()
    cpu_begin = _cpu_seconds(master)
    talkers = [threading.Thread(target=talk, args=p) for p in paren]
    for t in talkers:
        t.start()
    for t in talkers:
        t.join()
    time.sleep(2)
    duur = time.monotonic() - begin
    cpu = _cpu_seconds(master) - cpu_begin
    stop.set()
    for tag, t0 in verzonden.items():
        if tag in ontvangen:
            relay.append(ontvangen[tag] - t0)
    verloren = len(verzonden) - len(relay)
    result = {"chats": len(paren), "berichten": len(verzonden), "niet_ontvangen": verloren}
    result |= figures("assistent_antwoord", assistent, width=22)
    if errors:
        print(f"{len(errors)} fouten, bijvoorbeeld:", errors[:5], flush=True)
    result |= figures("versturen", versturen, width=22)
    result |= figures("doorgegeven", relay or [float("nan")], width=22)
    result["berichten_per_s"] = round(len(verzonden) / duur, 1)
    result["server_cpu_ms_per_bericht"] = round(1000 * cpu / max(1, len(verzonden)), 1)
    result["server_cpu_kernen"] = round(cpu / duur, 2)
    result["fouten"] = len(errors)
    return result


class _Own(Browser):
    """The same browser (cookies) with its own connection, as a tab's long poll has."""

    def __init__(self, other: Browser) -> None:
        super().__init__(other.port)
        self.cookies = other.cookies


def _parallel(fn, items, width: int) -> None:
    items = list(items)
    threads = []
    for i in items:
        t = threading.Thread(target=fn, args=(i,))
        t.start()
        threads.append(t)
        if len(threads) >= width:
            threads.pop(0).join()
    for t in threads:
        t.join()


def _pg_connections(database_url: str) -> int:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()
        return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--berichten", type=int, default=8, help="per chat, beide kanten")
    parser.add_argument("--threads", type=int, default=512, help="threads per gunicorn-proces")
    parser.add_argument(
        "--pauze",
        default="5-15",
        help="seconden tussen twee berichten in één chat (van-tot); 5-15 is typen als een mens",
    )
    args = parser.parse_args()
    database_url = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loket_chat_bench"
    )
    broker = os.environ.get("LOKET_BROKER_URL", "redis://127.0.0.1:6379/14")
    _ensure_database(database_url)
    _setup_django(database_url)
    agents = _prepare(-(-args.chats // 5))
    proc, port = _start(database_url, broker, args.threads)
    piek = {"n": 0}
    meten = threading.Event()

    def tel() -> None:
        while not meten.is_set():
            piek["n"] = max(piek["n"], _pg_connections(database_url))
            time.sleep(1)

    teller = threading.Thread(target=tel, daemon=True)
    teller.start()
    try:
        van, tot = (float(x) for x in args.pauze.split("-"))
        result = run(port, args.chats, args.berichten, agents, proc.pid, (van, tot))
    finally:
        meten.set()
        proc.send_signal(signal.SIGINT)  # quick shutdown: the long polls need not finish
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    result |= {
        "pauze_s": args.pauze,
        "gunicorn": f"2 processen × {args.threads} threads (gthread), loket.conf.production",
        "broker": broker.split("@")[-1],
        "pg_verbindingen_piek": piek["n"],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
