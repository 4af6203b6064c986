import pytest

from loket.accounts.tests.factories import TeamFactory
from loket.cases.tests.factories import STATUSTYPEN, ZaaktypeFactory
from loket.parties.tests.factories import PersoonFactory

__all__ = ["STATUSTYPEN"]


@pytest.fixture
def team(db):
    return TeamFactory(name="Vergunningen", slug="vergunningen")


@pytest.fixture
def zaaktype(team):
    return ZaaktypeFactory(
        identificatie="terrasvergunning",
        omschrijving="Terrasvergunning",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=3,
        team=team,
    )


@pytest.fixture
def partij(db):
    return PersoonFactory(bsn="999993653")
