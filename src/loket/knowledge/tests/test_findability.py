import json

import pytest

from loket.catalogue.models import Product
from loket.knowledge.search.engine import SYNONYMS_FILE, search

# The bundled knowledge base is loaded once for this module; its tests share one xdist worker.
pytestmark = pytest.mark.xdist_group("knowledge-test_findability")


@pytest.fixture
def bundled(db, bundled_kennis):
    """The bundled knowledge base, loaded once for the module."""


def in_top5(query: str, name: str) -> bool:
    return any(name in hit.document.products for hit in search(query, limit=5).hits)


@pytest.mark.django_db
def test_every_municipal_product_is_findable_by_its_name(bundled):
    names = list(Product.objects.filter(is_gemeente=True).values_list("upl_naam", flat=True))
    assert len(names) == 511
    missed = [name for name in names if not in_top5(name, name)]
    # "subsidie" alone is a word in dozens of product names: the only one allowed to miss.
    assert missed in ([], ["subsidie"])


@pytest.mark.django_db
def test_municipal_products_are_findable_by_their_common_synonyms(bundled):
    synonyms = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    municipal = set(Product.objects.filter(is_gemeente=True).values_list("upl_naam", flat=True))
    pairs = [
        (word, name) for name, words in synonyms.items() if name in municipal for word in words[:2]
    ]
    missed = [pair for pair in pairs if not in_top5(*pair)]
    assert len(pairs) > 1000
    assert len(missed) / len(pairs) < 0.01, missed[:20]


HULP = SYNONYMS_FILE.parent / "hulp-en-levensgebeurtenissen.json"
FIELDS = {
    "slug",
    "vraag",
    "samenvatting",
    "antwoord",
    "telefoonscript",
    "email",
    "kort",
    "synoniemen",
    "trefwoorden",
    "voorbeeldvragen",
    "producten",
    "team",
    "categorie",
}


@pytest.mark.django_db
def test_help_articles_put_the_safety_line_first_and_are_found_by_their_questions(bundled):
    """Issue 23: the articles for distress and life events have every field of the content
    README, name 112 in their first paragraph where there is danger, and are the first answer
    (by product) to their own question and example questions."""
    articles = json.loads(HULP.read_text(encoding="utf-8"))
    assert len(articles) >= 10
    incomplete = [a["slug"] for a in articles if FIELDS - {k for k, v in a.items() if v}]
    assert incomplete == []
    assert all(len(a["kort"]) <= 160 and 3 <= len(a["voorbeeldvragen"]) <= 6 for a in articles)
    danger = [a for a in articles if a["categorie"] == "Hulp in nood"]
    assert len(danger) >= 4
    assert [a["slug"] for a in danger if "112" not in a["antwoord"].split("</p>")[0]] == []
    missed = []
    for article in articles:
        for question in [article["vraag"], *article["voorbeeldvragen"]]:
            hits = search(question, limit=1).hits
            if not hits or not set(hits[0].document.products) & set(article["producten"]):
                missed.append((article["slug"], question))
    assert missed == []
