import pytest

from loket.catalogue.models import Product
from loket.knowledge.search.engine import invalidate


@pytest.fixture(autouse=True)
def fresh_index():
    invalidate()
    yield
    invalidate()


@pytest.fixture
def product(db):
    def make(naam: str, *, gemeente: bool = True) -> Product:
        slug = naam.replace(" ", "_")
        return Product.objects.create(
            upl_naam=naam,
            upl_uri=f"http://standaarden.overheid.nl/owms/terms/{slug}",
            is_gemeente=gemeente,
            doelgroep_burger=True,
        )

    return make
