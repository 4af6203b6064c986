import datetime as dt

import pytest

from loket.catalogue.tests.factories import ProductFactory
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
    return ProductFactory(upl_naam="paspoort", titel="Paspoort")


@pytest.fixture
def product2(db):
    return ProductFactory(upl_naam="rijbewijs", titel="Rijbewijs")
