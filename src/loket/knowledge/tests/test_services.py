import json

import pytest

from loket.core.errors import DomainError
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import ArtikelVersie, Kennisartikel
from loket.knowledge.services import (
    artikel_create,
    artikel_publish,
    artikel_update,
    kennis_load,
    sanitise_html,
)


def test_script_and_event_handlers_are_removed_from_answers():
    clean = sanitise_html(
        '<p onclick="x()">Hallo<script>alert(1)</script></p><a href="/x">link</a>'
    )
    assert clean == '<p>Hallo</p><a href="/x" rel="noopener noreferrer">link</a>'


@pytest.mark.django_db
def test_publishing_freezes_an_immutable_version(product):
    paspoort = product("paspoort")
    artikel = artikel_create(
        slug="paspoort",
        vraag="Hoe vraag ik een paspoort aan?",
        antwoord="<p>Maak een afspraak.</p>",
        producten=[paspoort],
        synoniemen=["pas", "reisdocument"],
    )
    v1 = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    artikel.refresh_from_db()
    assert artikel.status == ArtikelStatus.GEPUBLICEERD
    assert (v1.nummer, v1.product_upl_namen, v1.synoniemen) == (
        1,
        ["paspoort"],
        ["pas", "reisdocument"],
    )
    artikel = artikel_update(artikel=artikel, revisie=artikel.revisie, antwoord="<p>Nieuw.</p>")
    v2 = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    assert v2.nummer == 2
    assert ArtikelVersie.objects.get(pk=v1.pk).antwoord == "<p>Maak een afspraak.</p>"
    v1.antwoord = "gewijzigd"
    with pytest.raises(ValueError):
        v1.save()


@pytest.mark.django_db
def test_two_redacteuren_publishing_the_same_revision_one_wins(product):
    artikel = artikel_create(slug="a", vraag="Vraag?", antwoord="<p>Antwoord</p>")
    seen_by_both = artikel.revisie
    artikel_publish(artikel=artikel, revisie=seen_by_both)
    with pytest.raises(DomainError) as excinfo:
        artikel_publish(artikel=artikel, revisie=seen_by_both)
    assert excinfo.value.code == "conflict"
    assert ArtikelVersie.objects.filter(artikel=artikel).count() == 1


@pytest.mark.django_db
def test_an_edit_on_a_stale_revision_is_refused_and_nothing_is_lost():
    artikel = artikel_create(slug="a", vraag="Vraag?", antwoord="<p>Eerste</p>")
    stale = artikel.revisie
    artikel_update(artikel=artikel, revisie=stale, antwoord="<p>Tweede</p>")
    with pytest.raises(DomainError, match="intussen gewijzigd"):
        artikel_update(artikel=artikel, revisie=stale, antwoord="<p>Derde</p>")
    assert Kennisartikel.objects.get(pk=artikel.pk).antwoord == "<p>Tweede</p>"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"vraag": ""}, "vraag"),
        ({"antwoord": "<script>x</script>"}, "antwoord"),
        ({"kort": "x" * 161}, "kort"),
    ],
)
def test_bad_article_input_names_the_field(fields, field):
    base = {"slug": "x", "vraag": "Vraag?", "antwoord": "<p>Antwoord</p>"}
    with pytest.raises(DomainError) as excinfo:
        artikel_create(**{**base, **fields})
    assert excinfo.value.field == field
    assert not Kennisartikel.objects.exists()


@pytest.mark.django_db
def test_loading_content_is_idempotent_and_updates_changed_articles(tmp_path, product):
    product("afvalcontainer")
    item = {
        "slug": "container-kapot",
        "vraag": "Mijn container is kapot",
        "antwoord": "<p>Meld het.</p>",
        "synoniemen": ["kliko"],
        "producten": ["afvalcontainer"],
    }
    (tmp_path / "afval.json").write_text(json.dumps([item]))
    first = kennis_load(directory=tmp_path)
    second = kennis_load(directory=tmp_path)
    assert (first.created, second.created, second.unchanged) == (1, 0, 1)
    item["antwoord"] = "<p>Meld het online.</p>"
    (tmp_path / "afval.json").write_text(json.dumps([item]))
    third = kennis_load(directory=tmp_path)
    assert third.updated == 1
    artikel = Kennisartikel.objects.get(slug="container-kapot")
    assert artikel.gepubliceerde_versie.nummer == 2


@pytest.mark.django_db
def test_loading_refuses_unknown_products_and_writes_nothing(tmp_path):
    item = {"slug": "x", "vraag": "V?", "antwoord": "<p>A</p>", "producten": ["bestaat niet"]}
    (tmp_path / "x.json").write_text(json.dumps([item]))
    with pytest.raises(DomainError, match="onbekend product bestaat niet"):
        kennis_load(directory=tmp_path)
    assert not Kennisartikel.objects.exists()


@pytest.mark.django_db
def test_bundled_content_loads(product):
    """Every bundled article names real UPL products (the catalogue is imported first)."""
    from loket.catalogue.services import UPL_DEFAULT_PATH, organisaties_bundled_load, upl_import

    upl_import(rows_or_path=UPL_DEFAULT_PATH)

    organisaties_bundled_load()
    result = kennis_load()
    assert result.created == Kennisartikel.objects.count()


@pytest.mark.django_db
def test_loading_again_does_not_bring_back_an_archived_article(tmp_path, product):
    from loket.knowledge.services import artikel_archive

    product("afvalcontainer")
    item = {
        "slug": "c",
        "vraag": "Container kapot",
        "antwoord": "<p>Meld het.</p>",
        "producten": [],
    }
    (tmp_path / "afval.json").write_text(json.dumps([item]))
    kennis_load(directory=tmp_path)
    artikel = Kennisartikel.objects.get(slug="c")
    assert artikel.review_datum is not None
    artikel_archive(artikel=artikel, revisie=artikel.revisie)
    result = kennis_load(directory=tmp_path)
    artikel.refresh_from_db()
    assert result.unchanged == 1
    assert artikel.status == ArtikelStatus.GEARCHIVEERD
    assert artikel.gepubliceerde_versie is None


@pytest.mark.django_db
def test_publishing_announces_the_new_version(product, events):
    from loket.knowledge.events import ArtikelGepubliceerd

    seen = events(ArtikelGepubliceerd)
    artikel = artikel_create(
        slug="rijbewijs",
        vraag="Hoe verleng ik mijn rijbewijs?",
        antwoord="<p>Vraag het aan bij de balie.</p>",
        producten=[product("rijbewijs")],
    )
    assert seen == []  # a working copy is not published
    versie = artikel_publish(artikel=artikel, revisie=artikel.revisie)
    assert [e.versie for e in seen] == [versie]
