"""Factories for the demo registries. BSNs come from the RvIG test range (9999…) and pass the 11-proef."""

import datetime as dt
import itertools

import factory

from loket.registries.models import BagAdres, BrpPersoon, KvkVestiging, Reisdocument


def bsn_with_check_digit(first_eight: str) -> str | None:
    """The BSN that completes these 8 digits, or None when no check digit (0-9) fits."""
    total = sum((9 - i) * int(d) for i, d in enumerate(first_eight))
    check = total % 11
    return None if check == 10 else f"{first_eight}{check}"


def valid_test_bsns():
    """Valid BSNs in the test range 9999xxxxx, in order."""
    for n in itertools.count(1):
        bsn = bsn_with_check_digit(f"9999{n:04d}")
        if bsn:
            yield bsn


_bsns = valid_test_bsns()


def next_bsn() -> str:
    """The next unused test BSN, shared by the BRP and the klant (parties) factories so that a
    test never gets the same BSN for two different people by accident."""
    return next(_bsns)


class BagAdresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BagAdres

    nummeraanduiding_id = factory.Sequence(lambda n: f"1999200000{n:06d}")
    postcode = "1234AB"
    huisnummer = factory.Sequence(lambda n: n + 1)
    straatnaam = "Terpstraat"
    woonplaats = "Zeventerpen"


class BrpPersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrpPersoon

    bsn = factory.LazyFunction(next_bsn)
    voornamen = "Jan"
    geslachtsnaam = "Jansen"
    geslacht = "M"
    geboortedatum = dt.date(1980, 5, 17)
    adres = factory.SubFactory(BagAdresFactory)
    datum_aanvang_adreshouding = dt.date(2015, 1, 1)


class ReisdocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reisdocument

    persoon = factory.SubFactory(BrpPersoonFactory)
    soort = Reisdocument.Soort.PASPOORT
    documentnummer = factory.Sequence(lambda n: f"NX{n:07d}")
    datum_uitgifte = dt.date(2020, 3, 1)
    datum_einde_geldigheid = dt.date(2030, 3, 1)


class KvkVestigingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KvkVestiging

    kvk_nummer = factory.Sequence(lambda n: f"{69000000 + n}")
    vestigingsnummer = factory.Sequence(lambda n: f"{100000000000 + n}")
    handelsnaam = factory.Sequence(lambda n: f"Bakkerij De Terp {n}")
    rechtsvorm = "Eenmanszaak"
    adres = factory.SubFactory(BagAdresFactory)
