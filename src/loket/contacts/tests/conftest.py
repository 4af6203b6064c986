import pytest

from loket.contacts.services import contactreden_create
from loket.core.models import Kanaal
from loket.parties.tests.factories import PersoonFactory


@pytest.fixture
def telefoon(db):
    return Kanaal.objects.get(code="telefoon")


@pytest.fixture
def redenen(db):
    """Two hoofdredenen, one with two subredenen."""
    documenten = contactreden_create(naam="Reisdocumenten")
    return {
        "documenten": documenten,
        "paspoort": contactreden_create(naam="Paspoort aanvragen", hoofdreden=documenten),
        "id": contactreden_create(naam="ID-kaart verloren", hoofdreden=documenten),
        "afval": contactreden_create(naam="Afval"),
    }


@pytest.fixture
def partij(db):
    return PersoonFactory(bsn="999993653")
