"""The redactie's review step (four eyes), the word diff and choosing products by typing
(issue 16, item 14)."""

import html
import re

import pytest
from django.urls import reverse

from loket.catalogue.tests.factories import ProductFactory
from loket.core.errors import DomainError
from loket.knowledge import redactie_selectors as rs
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.events import ArtikelGepubliceerd
from loket.knowledge.models import Kennisartikel
from loket.knowledge.services import (
    artikel_create,
    artikel_publish,
    artikel_send_back,
    artikel_submit_for_review,
    artikel_update,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


@pytest.fixture
def auteur(make_user):
    return make_user("redacteur", username="anouk")


@pytest.fixture
def beoordelaar(make_user):
    return make_user("redacteur", username="bram")


@pytest.fixture
def concept():
    return artikel_create(
        slug="kliko-kapot", vraag="Mijn kliko is kapot", antwoord="<p>Meld het online.</p>"
    )


def _fresh(artikel) -> Kennisartikel:
    return Kennisartikel.objects.get(pk=artikel.pk)


def test_a_medewerker_cannot_publish_a_concept_without_review(concept, beoordelaar):
    with pytest.raises(DomainError, match="Bied het eerst ter beoordeling aan") as exc:
        artikel_publish(artikel=concept, revisie=concept.revisie, user=beoordelaar)
    assert exc.value.field == "status"
    assert _fresh(concept).gepubliceerde_versie_id is None


def test_the_author_cannot_approve_their_own_version(concept, auteur):
    artikel = artikel_submit_for_review(artikel=concept, revisie=concept.revisie, user=auteur)
    assert artikel.status == ArtikelStatus.TER_BEOORDELING
    with pytest.raises(DomainError, match="niet zelf goedkeuren"):
        artikel_publish(artikel=artikel, revisie=artikel.revisie, user=auteur)
    assert _fresh(concept).status == ArtikelStatus.TER_BEOORDELING


def test_a_second_redacteur_approves_publishes_and_the_event_and_index_follow(
    concept, auteur, beoordelaar, events, django_capture_on_commit_callbacks, monkeypatch
):
    seen = events(ArtikelGepubliceerd)
    invalidated = []
    monkeypatch.setattr(
        "loket.knowledge.search.engine.invalidate", lambda: invalidated.append(True)
    )
    artikel = artikel_submit_for_review(artikel=concept, revisie=concept.revisie, user=auteur)
    with django_capture_on_commit_callbacks(execute=True):
        versie = artikel_publish(artikel=artikel, revisie=artikel.revisie, user=beoordelaar)
    artikel = _fresh(concept)
    assert artikel.status == ArtikelStatus.GEPUBLICEERD
    assert artikel.ingediend_door is None
    assert versie.ingediend_door == auteur and versie.gepubliceerd_door == beoordelaar
    assert [e.versie for e in seen] == [versie]
    assert invalidated == [True]


def test_editing_an_offered_article_makes_it_a_concept_again(concept, auteur, beoordelaar):
    artikel = artikel_submit_for_review(artikel=concept, revisie=concept.revisie, user=auteur)
    artikel = artikel_update(artikel=artikel, revisie=artikel.revisie, samenvatting="Nieuw")
    assert artikel.status == ArtikelStatus.CONCEPT and artikel.ingediend_door is None
    with pytest.raises(DomainError, match="Bied het eerst ter beoordeling aan"):
        artikel_publish(artikel=artikel, revisie=artikel.revisie, user=beoordelaar)


def test_offering_twice_and_sending_back_a_concept_are_refused(concept, auteur):
    with pytest.raises(DomainError, match="niet ter beoordeling aangeboden"):
        artikel_send_back(artikel=concept, revisie=concept.revisie, user=auteur)
    artikel = artikel_submit_for_review(artikel=concept, revisie=concept.revisie, user=auteur)
    with pytest.raises(DomainError, match="al ter beoordeling aangeboden"):
        artikel_submit_for_review(artikel=artikel, revisie=artikel.revisie, user=auteur)


def test_sending_back_a_published_article_keeps_its_version_in_use(concept, auteur, beoordelaar):
    artikel = artikel_submit_for_review(artikel=concept, revisie=concept.revisie, user=auteur)
    artikel_publish(artikel=artikel, revisie=artikel.revisie, user=beoordelaar)
    artikel = _fresh(concept)
    artikel = artikel_update(artikel=artikel, revisie=artikel.revisie, samenvatting="Anders")
    artikel = artikel_submit_for_review(artikel=artikel, revisie=artikel.revisie, user=auteur)
    artikel = artikel_send_back(artikel=artikel, revisie=artikel.revisie, user=beoordelaar)
    assert artikel.status == ArtikelStatus.GEPUBLICEERD
    assert artikel.gepubliceerde_versie.nummer == 1


def test_diff_shows_insertions_and_deletions_of_the_sanitised_text(concept):
    artikel_publish(artikel=concept, revisie=concept.revisie)  # the loader publishes directly
    artikel = _fresh(concept)
    artikel = artikel_update(
        artikel=artikel,
        revisie=artikel.revisie,
        antwoord="<p>Meld het <strong>vandaag</strong> online.</p><script>x()</script>",
    )
    verschil = rs.artikel_verschil(oud=artikel.gepubliceerde_versie, nieuw=artikel)
    assert [v.veld for v in verschil] == ["antwoord"]
    delen = [(d.soort, d.tekst) for d in verschil[0].delen]
    assert ("ingevoegd", " vandaag") in delen
    assert not any("x()" in tekst or "<" in tekst for _soort, tekst in delen)
    assert verschil[0].ingevoegd == 1 and verschil[0].verwijderd == 0
    delen = rs.tekst_verschil("a b c", "a c d")
    assert "".join(d.tekst for d in delen if d.soort != "ingevoegd") == "a b c"
    assert "".join(d.tekst for d in delen if d.soort != "verwijderd") == "a c d"
    assert [d.tekst.strip() for d in delen if d.soort == "verwijderd"] == ["b"]
    assert [d.tekst.strip() for d in delen if d.soort == "ingevoegd"] == ["d"]


def test_edit_page_shows_the_diff_and_the_review_buttons(client, concept, auteur, beoordelaar):
    artikel_publish(artikel=concept, revisie=concept.revisie)
    artikel = artikel_update(
        artikel=_fresh(concept), revisie=_fresh(concept).revisie, vraag="Mijn kliko is stuk"
    )
    artikel_submit_for_review(artikel=artikel, revisie=artikel.revisie, user=auteur)
    edit = reverse("knowledge:artikel_bewerken", args=[concept.slug])
    client.force_login(auteur)
    html = client.get(edit).content.decode()
    assert "wacht op de goedkeuring van een andere redacteur" in html
    assert "Goedkeuren en publiceren" not in html
    assert (
        '<del class="kennis-del"><span class="loket-visually-hidden">[verwijderd: </span> kapot'
        in (html)
    )
    client.force_login(beoordelaar)
    html = client.get(edit).content.decode()
    assert "Goedkeuren en publiceren" in html
    assert (
        '<ins class="kennis-ins"><span class="loket-visually-hidden">[ingevoegd: </span> stuk'
        in (html)
    )


def test_product_suggestions_match_by_typing_and_leave_out_chosen(client, auteur):
    paspoort = ProductFactory(upl_naam="paspoort", titel="Paspoort aanvragen", is_gemeente=True)
    ProductFactory(upl_naam="identiteitskaart", titel="ID-kaart aanvragen", is_gemeente=True)
    ProductFactory(upl_naam="parkeervergunning", titel="Parkeervergunning", is_gemeente=True)
    client.force_login(auteur)
    url = reverse("knowledge:producten_zoeken")
    html = client.get(url, {"product_toevoegen": "aanvragen"}).content.decode()
    assert html.count('role="option"') == 2
    html = client.get(url, {"product_toevoegen": "aanvragen", "producten": [paspoort.pk]})
    assert html.content.decode().count('role="option"') == 1
    assert (
        "Geen product gevonden" in client.get(url, {"product_toevoegen": "xyzzy"}).content.decode()
    )
    assert client.get(url, {"product_toevoegen": "p"}).content.decode().strip() == ""


def test_without_javascript_a_typed_product_name_is_added_and_an_unclear_one_refused(
    client, auteur
):
    paspoort = ProductFactory(upl_naam="paspoort", titel="Paspoort aanvragen", is_gemeente=True)
    ProductFactory(upl_naam="parkeervergunning bewoners", is_gemeente=True)
    ProductFactory(upl_naam="parkeervergunning bedrijven", is_gemeente=True)
    client.force_login(auteur)
    data = {"vraag": "Paspoort kwijt", "antwoord": "<p>Meld het.</p>"}
    response = client.post(
        reverse("knowledge:artikel_nieuw"), {**data, "product_toevoegen": "parkeervergunning"}
    )
    assert response.status_code == 400
    assert "Meer producten passen bij 'parkeervergunning'" in html.unescape(text(response))
    assert not Kennisartikel.objects.exists()
    response = client.post(
        reverse("knowledge:artikel_nieuw"), {**data, "product_toevoegen": "Paspoort aanvragen"}
    )
    assert response.status_code == 302, html.unescape(text(response))[-1500:]
    assert list(Kennisartikel.objects.get().producten.all()) == [paspoort]
