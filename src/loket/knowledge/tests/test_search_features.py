import pytest

from loket.knowledge.models import Synoniem, ZoekLog
from loket.knowledge.search import engine
from loket.knowledge.search.engine import search
from loket.knowledge.selectors import kennis_search


@pytest.mark.django_db
def test_a_citizens_word_is_expanded_with_its_meaning(product):
    product("afvalcontainer")
    product("huwelijksaangifte")
    # A made-up word, so the bundled product synonyms cannot already know it.
    assert not search("trouwpiepje").hits
    Synoniem.objects.create(term="trouwpiepje", betekenis="huwelijksaangifte")
    Synoniem.objects.create(term="id kaart", betekenis="identiteitskaart")
    assert search("wij willen een trouwpiepje").hits[0].document.products == ("huwelijksaangifte",)


@pytest.mark.django_db
def test_multi_word_synonyms_match_whole_words_only(product):
    product("identiteitskaart")
    Synoniem.objects.create(term="id kaart", betekenis="identiteitskaart")
    e = engine.get_engine()
    assert e.expansions("nieuwe id-kaart voor mijn zoon") == ("identiteitskaart",)
    assert e.expansions("valid kaart") == ()


@pytest.mark.django_db
def test_explain_mode_shows_why_a_result_ranks(product):
    product("parkeervergunning")
    hit = kennis_search(q="parkeervergunning", uitleg=True).antwoorden[0]
    terms = [part["term"] for part in hit.uitleg]
    assert "parkeervergunn" in terms
    assert all(part["bijdrage"] > 0 for part in hit.uitleg)


@pytest.mark.django_db
def test_zero_result_and_low_confidence_queries_are_logged_but_not_while_typing(
    product, monkeypatch
):
    from loket.knowledge import selectors

    # BM25 scores depend on the corpus size: calibrate the threshold for this tiny index.
    monkeypatch.setattr(selectors, "LOW_CONFIDENCE", 0.1)
    for naam in ["paspoort", "rijbewijs", "hondenbelasting"]:
        product(naam)
    kennis_search(q="xyzzy plugh")
    kennis_search(q="paspoort")
    kennis_search(q="qwert", prefix=True)
    assert list(ZoekLog.objects.values_list("q", "aantal_resultaten")) == [("xyzzy plugh", 0)]


@pytest.mark.django_db
def test_the_index_is_persisted_and_reused_by_a_new_process(product, settings, tmp_path):
    settings.LOKET_SEARCH_PERSIST = True
    settings.VAR_DIR = tmp_path
    product("paspoort")
    engine.invalidate()
    first = engine.get_engine()
    files = list((tmp_path / "cache").glob("kennisindex-*.pickle"))
    assert len(files) == 1
    engine.invalidate()  # as if a new process started
    second = engine.get_engine()
    assert second is not first
    assert [d.key for d in second.documents] == [d.key for d in first.documents]
    assert search("paspoort").hits[0].document.products == ("paspoort",)
