"""An in-process BM25F index with Dutch analysis, compound splitting and typo tolerance."""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

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
        found = [
            t
            for t in self._fuzzy_choices
            if len(t) >= len(tok) + 3 and (t.endswith(tok) or t.startswith(tok))
        ]
        return found[:5]

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
        scores: dict[int, float] = defaultdict(float)
        parts: dict[int, list[tuple[str, float]]] = defaultdict(list)
        for term, weight in strongest.items():
            idf = self.idf[term]
            for doc_id, tf in self.postings[term]:
                norm = K1 * (1 - B + B * self.lengths[doc_id] / self.avg_length)
                contribution = weight * idf * tf * (K1 + 1) / (tf + norm)
                scores[doc_id] += contribution
                if explain:
                    parts[doc_id].append((term, round(contribution, 3)))
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:limit]
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
