"""`loket search-eval`: P@1, MRR@5 and latency of the knowledge search on a question file."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from loket.core.errors import DomainError
from loket.knowledge.search.engine import get_engine, search


@dataclass
class EvalLine:
    question: str
    answers: frozenset[str]


def parse_lines(text: str) -> list[EvalLine]:
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if "\t" not in raw:
            raise DomainError(
                f"Regel {number}: verwacht 'vraag<TAB>UPL-namen gescheiden door |'.",
                field="bestand",
            )
        question, names = raw.split("\t", 1)
        answers = frozenset(n.strip().lower() for n in names.split("|") if n.strip())
        if not question.strip() or not answers:
            raise DomainError(f"Regel {number}: vraag of UPL-namen ontbreken.", field="bestand")
        lines.append(EvalLine(question.strip(), answers))
    if not lines:
        raise DomainError("Het bestand bevat geen vragen.", field="bestand")
    return lines


def evaluate(lines: list[EvalLine], *, mode: str = "auto") -> dict:
    get_engine()  # build the index and load the embedding model before timing
    search("paspoort", limit=1, mode=mode)
    hits_at_1 = 0
    reciprocal = 0.0
    latencies = []
    misses = []
    for line in lines:
        started = time.perf_counter()
        result = search(line.question, limit=5, mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        rank = next(
            (
                i
                for i, hit in enumerate(result.hits, start=1)
                if {p.lower() for p in hit.document.products} & line.answers
            ),
            None,
        )
        if rank == 1:
            hits_at_1 += 1
        if rank:
            reciprocal += 1 / rank
        if rank != 1:
            top = result.hits[0].document.products if result.hits else ()
            misses.append(f"{line.question} -> {', '.join(top)} (rang {rank})")
    latencies.sort()
    n = len(lines)
    return {
        "p_at_1": round(hits_at_1 / n, 3),
        "mrr_at_5": round(reciprocal / n, 3),
        "n": n,
        "latency_ms": {
            "p50": round(statistics.median(latencies), 2),
            "p95": round(latencies[min(n - 1, int(0.95 * n))], 2),
        },
        "misses": misses,
    }
