import pytest

from loket.catalogue.models import Product
from loket.catalogue.tests.factories import ProductFactory
from loket.knowledge.search.engine import invalidate


def load_bundled_kennis() -> None:
    """The bundled UPL catalogue, organisations and knowledge base, as `loket demo` loads them."""
    from loket.catalogue.services import (
        UPL_DEFAULT_PATH,
        organisaties_bundled_load,
        upl_import,
    )
    from loket.knowledge.services import kennis_load

    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    organisaties_bundled_load()
    kennis_load()


@pytest.fixture(scope="module")
def bundled_kennis(module_transaction):
    """`load_bundled_kennis()` once per module (about 8 s), rolled back after it; every test's
    changes are rolled back after the test (see `module_transaction` in the root conftest)."""
    with module_transaction():
        load_bundled_kennis()
        yield


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
