import pytest

from loket.contacts.services import contactreden_create
from loket.core.models import Kanaal
from loket.parties.models import Partij, Persoon


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


def make_persoon(bsn="999993653", geslachtsnaam="Jansen"):
    partij = Partij.objects.create(soort="persoon", weergavenaam=f"J. {geslachtsnaam}")
    Persoon.objects.create(partij=partij, bsn=bsn, voornamen="Jan", geslachtsnaam=geslachtsnaam)
    return partij


@pytest.fixture
def partij(db):
    return make_persoon()
