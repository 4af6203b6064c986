import pytest

from loket.knowledge.search.analyzer import analyse, split_compound, stem
from loket.knowledge.search.engine import search
from loket.knowledge.services import artikel_create, artikel_publish


def test_dutch_porter_keeps_ge_words():
    assert stem("gemeente") == "gemeent"
    assert stem("geboorte") == "geboort"
    assert analyse("Mijn paspoorten zijn verlopen") == [stem("paspoorten"), stem("verlopen")]


def test_compounds_split_against_the_vocabulary():
    vocabulary = {stem("parkeer"), "parkeer", stem("vergunning"), "vergunning", stem("aanvraag")}
    assert split_compound("parkeervergunningaanvraag", vocabulary) == [
        stem("parkeer") if stem("parkeer") in vocabulary else "parkeer",
        stem("vergunning"),
        stem("aanvraag"),
    ]
    assert split_compound("bestemmingsplan", {stem("bestemming"), "plan"}) == [
        stem("bestemming"),
        "plan",
    ]
    assert split_compound("paspoort", {"fiets"}) is None


def publish(slug, vraag, producten, **content):
    artikel = artikel_create(
        slug=slug, vraag=vraag, antwoord="<p>Antwoord.</p>", producten=producten, **content
    )
    return artikel_publish(artikel=artikel, revisie=artikel.revisie)


@pytest.mark.django_db
def test_finds_the_article_from_a_citizens_words_with_typo_and_compound(product):
    container = product("afvalcontainer")
    paspoort = product("paspoort")
    parkeren = product("parkeervergunning")
    publish(
        "container",
        "Mijn afvalcontainer is kapot of gestolen",
        [container],
        synoniemen=["kliko", "vuilnisbak"],
    )
    publish("paspoort", "Hoe vraag ik een paspoort aan?", [paspoort], synoniemen=["reisdocument"])
    publish("parkeren", "Hoe vraag ik een parkeervergunning aan?", [parkeren])

    assert search("kliko gestolen").hits[0].document.products == ("afvalcontainer",)
    assert search("paspoord verlopen").hits[0].document.products == ("paspoort",)  # typo
    assert search("vergunning om te parkeren").hits[0].document.products == ("parkeervergunning",)
    assert search("vuilnis container").hits[0].document.products == ("afvalcontainer",)  # split


@pytest.mark.django_db
def test_every_product_is_findable_by_its_name(product):
    product("hondenbelasting")
    product("huwelijk")
    hits = search("hondenbelasting").hits
    assert hits[0].document.kind == "product"
    assert hits[0].document.products == ("hondenbelasting",)


@pytest.mark.django_db
def test_municipal_product_wins_over_another_government_layer(product):
    product("paspoort")
    product("paspoort buitenland", gemeente=False)
    assert search("paspoort").hits[0].document.products == ("paspoort",)


@pytest.mark.django_db
def test_empty_query_gets_a_prompt_and_long_query_is_cut(product):
    product("paspoort")
    empty = search("   ")
    assert empty.hits == [] and "Typ uw vraag" in empty.message
    long = search("paspoort " * 100)
    assert long.truncated and len(long.query) == 500
    assert "langer dan 500 tekens" in long.message
    assert long.hits[0].document.products == ("paspoort",)


@pytest.mark.django_db
def test_publishing_a_new_version_is_found_without_restart(product):
    product("paspoort")
    assert not any(h.document.kind == "artikel" for h in search("reisdocument kwijt").hits)
    publish("kwijt", "Mijn reisdocument is kwijt", [], synoniemen=["paspoort kwijt"])
    assert search("reisdocument kwijt").hits[0].document.kind == "artikel"


@pytest.mark.django_db(transaction=True)
def test_content_changed_elsewhere_is_rebuilt_in_the_background_while_search_answers(
    settings, monkeypatch
):
    """Issue 22: the first query after another process published no longer waits for the
    rebuild; it is answered from the current index and the new one is swapped in when ready."""
    import time

    from loket.knowledge import services as kennis_services
    from loket.knowledge.search import engine
    from loket.knowledge.tests.factories import KennisartikelFactory

    settings.LOKET_SEARCH_BACKGROUND_REBUILD = True
    KennisartikelFactory(
        vraag="Hoe vraag ik een hondenpenning aan?", trefwoorden=["hond"], gepubliceerd=True
    )
    engine.invalidate()
    assert engine.search("hondenpenning").hits  # the index of this moment
    # Another process publishes: this one does not hear of it but through the signature.
    monkeypatch.setattr(kennis_services, "_index_changed", lambda: None)
    KennisartikelFactory(
        vraag="Waar laat ik mijn kat chippen?", trefwoorden=["kat", "chippen"], gepubliceerd=True
    )
    first = engine.search("kat chippen")
    assert not any("kat" in h.document.fields["titel"].lower() for h in first.hits)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        titels = [h.document.fields["titel"] for h in engine.search("kat chippen").hits]
        if "Waar laat ik mijn kat chippen?" in titels:
            break
        time.sleep(0.1)
    else:
        pytest.fail("De nieuwe index kwam niet binnen 20 s beschikbaar.")
    engine.invalidate()
