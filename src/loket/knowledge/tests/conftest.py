import pytest

from loket.catalogue.models import Product
from loket.catalogue.tests.factories import ProductFactory
from loket.knowledge.search.engine import invalidate


@pytest.fixture(autouse=True)
def fresh_index():
    invalidate()
    yield
    invalidate()


@pytest.fixture
def product(db):
    def make(naam: str, *, gemeente: bool = True) -> Product:
        return ProductFactory(upl_naam=naam, is_gemeente=gemeente, doelgroep_burger=True)

    return make
