import datetime as dt

import pytest

from loket.contacts.services import contactreden_create
from loket.core.models import Kanaal
from loket.insights.summaries import AMS


def at(day: dt.date, hour: int = 10, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=AMS)


@pytest.fixture
def kanalen(db):
    return {k.code: k for k in Kanaal.objects.all()}


@pytest.fixture
def reden(db):
    return contactreden_create(naam="Paspoort aanvragen")


@pytest.fixture
def product(db):
    from loket.catalogue.models import Product

    return Product.objects.create(
        upl_naam="paspoort",
        upl_uri="http://standaarden.overheid.nl/owms/terms/Paspoort",
        titel="Paspoort",
    )


@pytest.fixture
def product2(db):
    from loket.catalogue.models import Product

    return Product.objects.create(
        upl_naam="rijbewijs",
        upl_uri="http://standaarden.overheid.nl/owms/terms/Rijbewijs",
        titel="Rijbewijs",
    )
