import datetime as dt

import pytest
from django.utils import timezone

from loket.catalogue.models import Kanaalvoorkeur
from loket.catalogue.tests.factories import ProductFactory
from loket.parties.services import persoon_from_brp
from loket.parties.tests.factories import DigitaalAdresFactory
from loket.registries.tests.factories import BrpPersoonFactory, ReisdocumentFactory

UPL = [
    ("paspoort", Kanaalvoorkeur.CLICK, "Vraag online aan en maak direct een afspraak."),
    ("identiteitskaart", Kanaalvoorkeur.CLICK, ""),
    ("rijbewijs", Kanaalvoorkeur.CLICK, ""),
    ("parkeervergunning", Kanaalvoorkeur.CLICK, "Regel het online — 24/7."),
    ("afvalpas", Kanaalvoorkeur.CLICK, ""),
    ("hondenbelasting", Kanaalvoorkeur.CLICK, ""),
    ("erkenning kind", Kanaalvoorkeur.FACE, ""),
    ("burgerservicenummer (bsn)", "", ""),
    ("stemrecht", "", ""),
]


@pytest.fixture
def producten(db):
    return {
        naam: ProductFactory(
            upl_naam=naam,
            is_gemeente=True,
            voorkeurskanaal=kanaal,
            kanaaladvies=advies,
            kanaal_click=kanaal == Kanaalvoorkeur.CLICK,
        )
        for naam, kanaal, advies in UPL
    }


@pytest.fixture
def regels(producten):
    from loket.proactive.services import standaardregels_load

    return {regel.code: regel for regel in standaardregels_load()}


def make_inwoner(*, email: str | None = "inwoner@voorbeeld.example", geboortedatum=None, **kw):
    brp = BrpPersoonFactory(geboortedatum=geboortedatum or dt.date(1980, 5, 17), **kw)
    partij = persoon_from_brp(bsn=brp.bsn, user=None, purpose="Test")
    if email:
        DigitaalAdresFactory(partij=partij, adres=email, is_standaard_adres=True)
    return brp, partij


def paspoort_verloopt(brp, *, over_dagen: int = 42, soort: str = "paspoort"):
    vandaag = timezone.localdate()
    return ReisdocumentFactory(
        persoon=brp,
        soort=soort,
        datum_uitgifte=vandaag - dt.timedelta(days=3650 - over_dagen),
        datum_einde_geldigheid=vandaag + dt.timedelta(days=over_dagen),
    )


@pytest.fixture
def inwoner(db):
    return make_inwoner()
