"""Judging the knowledge search per kind of question (issue 23).

A question file has one question per line: ``vraag<TAB>UPL-namen[<TAB>soort]``, names separated by
``|``; lines starting with ``#`` are comments. The optional third column names the kind of question
(``lang``, ``sms``, ``eenvoudig``, ``alledaags``, ``nood``, ``verwijzing``, ...), so one run reports
P@1 and MRR@5 for the whole set and for each kind, with the misses of each kind.

A result counts as right when the document it belongs to answers one of the expected UPL names
(the rule of ``loket.knowledge.search.evaluation``, which reads the two-column files).

The blind sets in this folder (``blind-*.tsv``) were written before the changes of issue 23,
without trying the engine; they stay as they are so that later figures compare with the first.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from loket.core.errors import DomainError
from loket.knowledge.search.engine import get_engine, search

BLIND_DIR = Path(__file__).parent
# The kind of a line without a third column.
NO_KIND = ""


@dataclass(frozen=True)
class KindLine:
    question: str
    answers: frozenset[str]
    kind: str = NO_KIND


def blind_files() -> list[Path]:
    """The blind question sets bundled with the project."""
    return sorted(BLIND_DIR.glob("blind-*.tsv"))


def lines_parse(text: str, *, source: str = "") -> list[KindLine]:
    """Parse a question file; a malformed line is refused with its number (and file)."""
    where = f" van {source}" if source else ""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        columns = raw.split("\t")
        if len(columns) not in (2, 3):
            raise DomainError(
                f"Regel {number}{where}: verwacht 'vraag<TAB>UPL-namen gescheiden door |', "
                "eventueel gevolgd door <TAB>soort.",
                field="bestand",
            )
        question, names = columns[0].strip(), columns[1]
        kind = columns[2].strip().lower() if len(columns) == 3 else NO_KIND
        answers = frozenset(n.strip().lower() for n in names.split("|") if n.strip())
        if not question or not answers:
            raise DomainError(
                f"Regel {number}{where}: vraag of UPL-namen ontbreken.", field="bestand"
            )
        lines.append(KindLine(question, answers, kind))
    return lines


def _figures(ranks: list[int | None], latencies: list[float]) -> dict:
    n = len(ranks)
    ordered = sorted(latencies)
    return {
        "p_at_1": round(sum(1 for r in ranks if r == 1) / n, 3),
        "mrr_at_5": round(sum(1 / r for r in ranks if r) / n, 3),
        "n": n,
        "latency_ms": {
            "p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[min(n - 1, int(0.95 * n))], 2),
        },
    }


def evaluate_by_kind(lines: list[KindLine], *, mode: str = "auto") -> dict:
    """P@1, MRR@5 and latency over all lines and per kind (``per_soort``, only when the lines
    name kinds), with the misses per kind: ``question -> UPL names of the top hit (rang r)``."""
    if not lines:
        raise DomainError("Het bestand bevat geen vragen.", field="bestand")
    get_engine()  # build the index and load the embedding model before timing
    search("paspoort", limit=1, mode=mode)
    ranks: list[int | None] = []
    latencies: list[float] = []
    misses: dict[str, list[str]] = {}
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
        ranks.append(rank)
        if rank != 1:
            top = result.hits[0].document.products if result.hits else ()
            misses.setdefault(line.kind, []).append(
                f"{line.question} -> {', '.join(top) or '(niets)'} (rang {rank})"
            )
    figures = _figures(ranks, latencies)
    kinds = sorted({line.kind for line in lines} - {NO_KIND})
    per_kind = {}
    for kind in kinds:
        chosen = [i for i, line in enumerate(lines) if line.kind == kind]
        per_kind[kind] = _figures([ranks[i] for i in chosen], [latencies[i] for i in chosen])
    if per_kind:
        figures["per_soort"] = per_kind
    figures["misses"] = misses
    return figures
