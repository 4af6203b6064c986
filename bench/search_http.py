"""Benchmark: the as-you-type HTTP round trip of the KCC Kennisbank panel (target p95 ≤ 50 ms).

    .venv/bin/python bench/search_http.py [--requests 200]

Builds a throwaway SQLite database in var/bench/search_http.sqlite3 (deleted first) with the
UPL catalogue and the bundled articles, logs a KCC-medewerker in with Django's test Client and
times GET /kcc/kennis/?q=… for prefixes of the development questions, as a KCM types them
(the whole request: middleware, session, search, template). Prints figures, then one JSON
object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "data" / "dev-questions.tsv"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p * len(values)))], 2)


def typed_prefixes(question: str) -> list[str]:
    """What the panel asks while typing: each word half-typed and complete."""
    words = question.split()
    prefixes = []
    for i, word in enumerate(words):
        done = " ".join(words[:i])
        if len(word) > 3:
            prefixes.append(f"{done} {word[: len(word) // 2 + 1]}".strip())
        prefixes.append(" ".join(words[: i + 1]))
    return prefixes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    db = var / "search_http.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.conf.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DEBUG"] = "false"
    os.environ["LOKET_VAR_DIR"] = str(var)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from loket.accounts.services import user_create
    from loket.catalogue.services import UPL_DEFAULT_PATH, organisaties_bundled_load, upl_import
    from loket.knowledge.services import kennis_load

    setup_test_environment()
    call_command("migrate", verbosity=0)
    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    organisaties_bundled_load()  # articles name the organisation that handles them
    kennis_load()
    user = user_create(username="bench", password="bench-123", roles=["kcc-medewerker"])
    client = Client()
    client.force_login(user)

    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    queries = [p for line in lines if line.strip() for p in typed_prefixes(line.split("\t")[0])]
    client.get("/kcc/kennis/", {"q": "paspoort", "kanaal": "telefoon"})  # builds the index
    timings = []
    for i in range(args.requests):
        q = queries[i % len(queries)]
        start = time.perf_counter()
        response = client.get("/kcc/kennis/", {"q": q, "kanaal": "telefoon"})
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    result = {
        "endpoint": "/kcc/kennis/",
        "requests": len(timings),
        "semantic": bool(getattr(settings, "LOKET_SEARCH_SEMANTIC", False)),
        "latency_ms": {
            "p50": percentile(timings, 0.50),
            "p95": percentile(timings, 0.95),
            "mean": round(statistics.fmean(timings), 2),
            "max": round(max(timings), 2),
        },
    }
    print(
        f"Kennispaneel as-you-type, {len(timings)} requests: p50 "
        f"{result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms "
        f"(target p95 ≤ 50 ms)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
