"""Readable product titles and Dutch amounts (issue 16, item 6)."""

import pytest

from loket.catalogue.tests.factories import ProductFactory
from loket.catalogue.titels import kosten_weergave, upl_titel


@pytest.mark.parametrize(
    ("upl_naam", "titel"),
    [
        ("bijzonderebijstandsuitkering", "Bijzondere bijstand"),
        ("aow-uitkering", "AOW-uitkering"),
        ("brp-uittreksel met gezag", "BRP-uittreksel met gezag"),
        ("wmo-voorziening eigen bijdrage", "Wmo-voorziening eigen bijdrage"),
        ("paspoort", "Paspoort"),
        ("afvalinzameling grofvuil", "Afvalinzameling grofvuil"),
    ],
)
def test_a_upl_name_reads_as_a_title(upl_naam, titel):
    assert upl_titel(upl_naam) == titel


@pytest.mark.django_db
def test_a_product_is_named_by_its_title_else_its_readable_upl_name():
    assert str(ProductFactory(upl_naam="bijzonderebijstandsuitkering")) == "Bijzondere bijstand"
    product = ProductFactory(upl_naam="paspoort", titel="Paspoort aanvragen")
    assert str(product) == product.naam == "Paspoort aanvragen"


@pytest.mark.parametrize(
    ("kosten", "weergave"),
    [
        ("€ 84,50 voor 18 jaar en ouder", "€\u00a084,50 voor 18 jaar en ouder"),
        ("€12,34", "€\u00a012,34"),
        ("€ 30,- per afspraak", "€\u00a030,00 per afspraak"),
        ("€ 285 per jaar", "€\u00a0285,00 per jaar"),
        ("Graf € 1.100,00", "Graf €\u00a01.100,00"),
        ("Gratis.", "Gratis."),
    ],
)
def test_amounts_are_written_the_dutch_way(kosten, weergave):
    assert kosten_weergave(kosten) == weergave
