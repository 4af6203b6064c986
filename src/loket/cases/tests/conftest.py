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


@pytest.fixture(autouse=True)
def meldcategorieen(request):
    """The BOR MELD categories for every test with database access: a migration seeds them, but
    a transactional test elsewhere in the session may have flushed the tables."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if marker is None and not {"db", "transactional_db"} & set(names):
        return
    if "transactional_db" in names or (marker is not None and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    else:
        request.getfixturevalue("db")
    from loket.cases.services import meldcategorie_seed

    meldcategorie_seed()
