"""What agents and citizens read in a knowledge answer (issue 16, item 6): the price from the
product data, an answer before a product card without one, and titles instead of UPL keys."""

import html
import re

import pytest

from loket.catalogue.services import catalogus_enrich
from loket.knowledge.search.engine import search

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("knowledge-test_antwoorden")]


@pytest.fixture
def kennis(bundled_kennis):
    """The bundled knowledge base with the Zeventerpen product data (titles, costs)."""
    catalogus_enrich()


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _resultaten(response) -> list[str]:
    """The text of each result of the KCC panel, in order."""
    body = response.content.decode()
    return [
        html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", li)))
        for li in re.findall(
            r'<li class="kcc-kennis-resultaat">(.*?)</li>\s*(?=<li|</ol>)', body, re.S
        )
    ]


def test_the_panel_states_the_price_of_a_paspoort(client, make_user, kennis):
    client.force_login(make_user("kcc-medewerker"))
    response = client.get("/kcc/kennis/", {"q": "hoeveel kost een paspoort"})
    eerste = _resultaten(response)[0]
    assert "Hoe vraag ik een paspoort aan?" in eerste
    assert "Kosten" in eerste
    assert "€\u00a084,50 voor 18 jaar en ouder" in eerste


def test_an_article_that_answers_ranks_above_a_product_card(client, make_user, kennis):
    hits = search("grofvuil", limit=5).hits
    assert hits[0].document.kind == "artikel"
    client.force_login(make_user("kcc-medewerker"))
    eerste = _resultaten(client.get("/kcc/kennis/", {"q": "grofvuil"}))[0]
    assert "er is nog geen kennisartikel" not in eerste
    assert "Hoe laat ik grofvuil ophalen?" in eerste
    assert "€\u00a030,00 per afspraak" in eerste


def test_a_product_name_still_finds_its_product_card(kennis):
    """A product without an article is still found by its own name (weak article matches keep
    their place by score)."""
    hits = search("hondenbelasting", limit=5).hits
    assert any("hondenbelasting" in hit.document.products for hit in hits)


@pytest.mark.parametrize("q", ["bijzondere bijstand", "onverwachte kosten bijstand"])
def test_agents_and_citizens_read_titles_not_upl_keys(client, make_user, kennis, q):
    client.force_login(make_user("kcc-medewerker"))
    paneel = text(client.get("/kcc/kennis/", {"q": q}))
    assert "Bijzondere bijstand" in paneel
    assert "bijzonderebijstandsuitkering" not in paneel.lower()
    client.logout()
    portaal = text(client.get("/zoeken/", {"q": q}))
    assert "Bijzondere bijstand" in portaal
    assert "bijzonderebijstandsuitkering" not in portaal.lower()
