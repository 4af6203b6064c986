"""An in-process BM25F index with Dutch analysis, compound splitting and typo tolerance."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from loket.knowledge.search.analyzer import STOPWORDS, focus, split_compound, stem, tokens

# Field weights: the question, the citizen's synonyms and the product names count most.
FIELD_WEIGHTS = {
    "titel": 3.0,
    "synoniemen": 3.0,
    "producten": 2.5,
    "voorbeeldvragen": 2.0,
    "trefwoorden": 1.5,
    "samenvatting": 1.0,
    "tekst": 0.5,
}
PHRASE_FIELDS = ("titel", "synoniemen", "producten", "voorbeeldvragen")
K1 = 1.2
B = 0.75
COMPOUND_MIN = 7


@dataclass
class Document:
    key: str  # "artikel:<id>" or "product:<id>"
    kind: str
    fields: dict[str, str]
    products: tuple[str, ...]  # UPL names the document answers
    payload: dict = field(default_factory=dict)


@dataclass
class Hit:
    document: Document
    score: float
    keyword_score: float = 0.0
    semantic_score: float = 0.0
    # Added from use (search/leren.py), as a share of the best score; 0 when nothing was learned.
    learned: float = 0.0
    # With explain=True: (index term, contribution to the keyword score), largest first.
    explanation: list[tuple[str, float]] = field(default_factory=list)


class KeywordIndex:
    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        raw_counts: Counter[str] = Counter()
        per_doc_tokens: list[dict[str, list[str]]] = []
        for doc in documents:
            fields_tokens = {}
            for name, text in doc.fields.items():
                toks = [t for t in tokens(text) if t not in STOPWORDS]
                fields_tokens[name] = toks
                raw_counts.update(toks)
            per_doc_tokens.append(fields_tokens)
        self.raw_vocabulary = {t for t in raw_counts if len(t) >= 3}
        self.stem_of = {t: stem(t) for t in self.raw_vocabulary}
        self.vocabulary = frozenset(self.raw_vocabulary | set(self.stem_of.values()))

        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.lengths: list[float] = []
        for doc_id, fields_tokens in enumerate(per_doc_tokens):
            weights: Counter[str] = Counter()
            for name, toks in fields_tokens.items():
                weight = FIELD_WEIGHTS.get(name, 0.5)
                terms = self._index_terms(toks)
                for term in terms:
                    weights[term] += weight
                if name in PHRASE_FIELDS:
                    stems = [stem(t) for t in toks]
                    for a, b in itertools.pairwise(stems):
                        weights[f"{a}_{b}"] += weight
            self.lengths.append(sum(weights.values()) or 1.0)
            for term, weight in weights.items():
                self.postings[term].append((doc_id, weight))
        self.avg_length = sum(self.lengths) / max(1, len(self.lengths))
        n = len(documents)
        self.idf = {
            term: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self.postings.items()
        }
        self._fuzzy_choices = sorted(self.raw_vocabulary)
        self._reversed_choices = sorted(t[::-1] for t in self.raw_vocabulary)
        # Each term's postings as arrays, with the BM25 length norm folded in: a query term
        # costs one vectorised add over its documents instead of a Python loop.
        lengths = np.asarray(self.lengths, dtype="float64")
        norms = K1 * (1 - B + B * lengths / self.avg_length)
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, postings in self.postings.items():
            ids = np.fromiter((d for d, _ in postings), dtype="int32", count=len(postings))
            tf = np.fromiter((w for _, w in postings), dtype="float64", count=len(postings))
            self._arrays[term] = (ids, self.idf[term] * tf * (K1 + 1) / (tf + norms[ids]))

    def _index_terms(self, toks: list[str]) -> list[str]:
        terms = []
        for tok in toks:
            terms.append(stem(tok))
            if len(tok) >= COMPOUND_MIN:
                parts = split_compound(tok, self.vocabulary)
                if parts:
                    terms.extend(parts)
        return terms

    # --- queries ----------------------------------------------------------------------------
    def query_terms(self, text: str, *, prefix: bool = False) -> list[tuple[str, float]]:
        """The index terms for a query, each with a weight (1 for exact, less for guesses)."""
        weighted = focus(text)
        raw = [t for t, _ in weighted]
        terms: list[tuple[str, float]] = []
        for position, (tok, focus_weight) in enumerate(weighted):
            stemmed = stem(tok)
            if stemmed in self.postings:
                terms.append((stemmed, focus_weight))
            elif len(tok) >= 6 and (parts := split_compound(tok, self.vocabulary)):
                terms.extend((part, 0.8 * focus_weight) for part in parts if part in self.postings)
            elif len(tok) >= 5 and (parts := self._compound_containing(tok)):
                # The word is the head or tail of compounds in the index (vergunning →
                # parkeervergunning) that could not be split because the other part is unknown.
                terms.extend((self.stem_of[part], 0.6 * focus_weight) for part in parts)
            elif len(tok) >= 4:
                match = process.extractOne(
                    tok,
                    self._fuzzy_choices,
                    scorer=fuzz.ratio,
                    score_cutoff=80 if len(tok) >= 6 else 86,
                )
                if match:
                    terms.append((self.stem_of[match[0]], 0.7 * focus_weight))
            if prefix and position == len(raw) - 1 and len(tok) >= 3:
                # As-you-type: the last word may be unfinished.
                expansions = [t for t in self._fuzzy_choices if t.startswith(tok) and t != tok][:5]
                terms.extend((self.stem_of[t], 0.5) for t in expansions)
        stems = [(stem(t), w) for t, w in weighted]
        terms.extend((f"{a}_{b}", min(wa, wb)) for (a, wa), (b, wb) in itertools.pairwise(stems))
        return terms

    def _compound_containing(self, tok: str) -> list[str]:
        """Up to five index words that start or end with `tok` and are 3+ letters longer."""
        found = []
        start = bisect.bisect_left(self._fuzzy_choices, tok)
        for t in itertools.islice(self._fuzzy_choices, start, None):
            if not t.startswith(tok):
                break
            if len(t) >= len(tok) + 3:
                found.append(t)
        backwards = tok[::-1]
        start = bisect.bisect_left(self._reversed_choices, backwards)
        for r in itertools.islice(self._reversed_choices, start, None):
            if not r.startswith(backwards):
                break
            if len(r) >= len(tok) + 3:
                found.append(r[::-1])
        return sorted(set(found))[:5]

    def search(
        self,
        text: str,
        *,
        limit: int = 50,
        prefix: bool = False,
        expansions: tuple[str, ...] = (),
        explain: bool = False,
    ) -> list[Hit]:
        """BM25F. `expansions` are the meanings of citizens' synonyms found in the query; their
        terms count a little less than the citizen's own words."""
        terms = self.query_terms(text, prefix=prefix)
        for meaning in expansions:
            terms.extend((term, weight * 0.8) for term, weight in self.query_terms(meaning))
        strongest: dict[str, float] = {}
        for term, weight in terms:
            if term in self.postings and weight > strongest.get(term, 0.0):
                strongest[term] = weight
        scores = np.zeros(len(self.documents), dtype="float64")
        parts: dict[int, list[tuple[str, float]]] = defaultdict(list)
        for term, weight in strongest.items():
            ids, contributions = self._arrays[term]
            scores[ids] += weight * contributions
            if explain:
                for doc_id, contribution in zip(ids.tolist(), contributions.tolist(), strict=True):
                    parts[doc_id].append((term, round(weight * contribution, 3)))
        matched = np.flatnonzero(scores)
        if len(matched) > limit:
            matched = matched[np.argpartition(-scores[matched], limit - 1)[:limit]]
        order = matched[np.argsort(-scores[matched], kind="stable")]
        ranked = [(int(doc_id), float(scores[doc_id])) for doc_id in order]
        return [
            Hit(
                self.documents[doc_id],
                score,
                keyword_score=score,
                explanation=sorted(parts[doc_id], key=lambda p: p[1], reverse=True)
                if explain
                else [],
            )
            for doc_id, score in ranked
        ]
