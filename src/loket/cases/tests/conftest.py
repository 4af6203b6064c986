import pytest

from loket.accounts.services import team_create
from loket.cases.services import zaaktype_create
from loket.parties.models import Partij, Persoon

STATUSTYPEN = [
    ("Ontvangen", True, "We hebben uw aanvraag ontvangen."),
    ("In behandeling", False, ""),
    ("Afgehandeld", True, "Uw aanvraag is afgehandeld."),
]


@pytest.fixture
def team(db):
    return team_create(name="Vergunningen", slug="vergunningen")


@pytest.fixture
def zaaktype(team):
    return zaaktype_create(
        identificatie="terrasvergunning",
        omschrijving="Terrasvergunning",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=3,
        statustypen=STATUSTYPEN,
        team=team,
    )


def make_persoon(bsn="999993653", geslachtsnaam="Jansen"):
    partij = Partij.objects.create(soort="persoon", weergavenaam=f"J. {geslachtsnaam}")
    Persoon.objects.create(partij=partij, bsn=bsn, voornamen="Jan", geslachtsnaam=geslachtsnaam)
    return partij


@pytest.fixture
def partij(db):
    return make_persoon()
