import datetime as dt

import pytest

from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.services import contactreden_create
from loket.parties.services import persoon_from_brp
from loket.registries.tests.factories import BrpPersoonFactory, ReisdocumentFactory


@pytest.fixture
def kcc_user(make_user):
    return make_user("kcc-medewerker", username="kim")


@pytest.fixture
def redenen(db):
    documenten = contactreden_create(naam="Reisdocumenten")
    return {
        "paspoort": contactreden_create(naam="Paspoort aanvragen", hoofdreden=documenten),
        "verloren": contactreden_create(naam="ID-kaart verloren", hoofdreden=documenten),
    }


@pytest.fixture
def paspoort(db):
    return ProductFactory(upl_naam="paspoort", is_gemeente=True)


@pytest.fixture
def brp_persoon(db):
    persoon = BrpPersoonFactory(voornamen="Fenna", geslachtsnaam="Terpstra")
    ReisdocumentFactory(persoon=persoon, datum_einde_geldigheid=dt.date(2099, 1, 1))
    return persoon


@pytest.fixture
def partij(brp_persoon):
    return persoon_from_brp(bsn=brp_persoon.bsn, user=None, purpose="Test")
