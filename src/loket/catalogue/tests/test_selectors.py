import uuid

import pytest

from loket.catalogue.selectors import product_get, product_list
from loket.core.errors import DomainError


@pytest.mark.django_db
def test_product_list_gives_the_active_municipal_products_by_default(products):
    assert list(product_list()) == [products["paspoort"], products["terras"]]


@pytest.mark.django_db
def test_product_list_filters_on_audience(products):
    assert list(product_list(doelgroep="bedrijf")) == [products["terras"]]
    assert list(product_list(doelgroep="burger")) == [products["paspoort"]]
    assert list(product_list(gemeente_only=False, doelgroep="burger")) == [
        products["kenteken"],
        products["paspoort"],
    ]


@pytest.mark.django_db
def test_product_list_filters_on_layer(products):
    assert list(product_list(overheidslaag="rijk")) == [products["kenteken"]]
    assert list(product_list(overheidslaag="waterschap")) == []


@pytest.mark.django_db
def test_product_list_searches_every_word_in_names(products):
    assert list(product_list(q="Paspoort")) == [products["paspoort"]]
    assert list(product_list(q="paspoort aanvragen")) == [products["paspoort"]]
    assert list(product_list(q="paspoort terras")) == []
    assert list(product_list(q="  ")) == [products["paspoort"], products["terras"]]


@pytest.mark.django_db
def test_inactive_products_are_listed_only_on_request(products):
    assert products["uit"] not in product_list()
    assert products["uit"] in product_list(include_inactive=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"doelgroep": "kind"}, "doelgroep"), ({"overheidslaag": "eu"}, "overheidslaag")],
)
def test_product_list_refuses_unknown_filter_values(products, kwargs, field):
    with pytest.raises(DomainError) as excinfo:
        product_list(**kwargs)
    assert excinfo.value.field == field


@pytest.mark.django_db
def test_product_get_by_uuid(products):
    paspoort = products["paspoort"]
    assert product_get(uuid=paspoort.uuid) == paspoort
    assert product_get(uuid=str(paspoort.uuid)) == paspoort
    assert product_get(uuid=uuid.uuid4()) is None
    assert product_get(uuid="geen-uuid") is None
