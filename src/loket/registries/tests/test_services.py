import datetime as dt
from types import SimpleNamespace

import pytest

from loket.core.errors import DomainError
from loket.registries.backends import AdresData, get_bag, get_brp
from loket.registries.services import brp_verhuizing_register, huisgenoten
from loket.registries.tests.factories import BagAdresFactory, BrpPersoonFactory


@pytest.fixture
def huis(db):
    oud = BagAdresFactory(postcode="8431AB", huisnummer=1)
    return SimpleNamespace(
        oud=oud,
        nieuw=BagAdresFactory(postcode="8431AB", huisnummer=2),
        ouder=BrpPersoonFactory(adres=oud, voornamen="Jan"),
        partner=BrpPersoonFactory(adres=oud, voornamen="Els"),
        buur=BrpPersoonFactory(adres=BagAdresFactory(postcode="8431AB", huisnummer=3)),
    )


def test_household_is_the_others_at_the_same_address(huis):
    BrpPersoonFactory(adres=huis.oud, overlijdensdatum=dt.date(2020, 1, 1))  # deceased: not listed
    others = huisgenoten(persoon=get_brp().persoon(huis.ouder.bsn))
    assert [p.bsn for p in others] == [huis.partner.bsn]


def test_move_with_co_mover(huis):
    adres = get_bag().adres("8431AB", 2)
    result = brp_verhuizing_register(
        bsn=huis.ouder.bsn, adres=adres, datum=dt.date(2026, 3, 1), meeverhuizers=[huis.partner.bsn]
    )
    assert [p.bsn for p in result] == [huis.ouder.bsn, huis.partner.bsn]
    huis.partner.refresh_from_db()
    assert huis.partner.adres == huis.nieuw


def test_a_co_mover_from_elsewhere_is_refused_and_nobody_moves(huis):
    with pytest.raises(DomainError) as excinfo:
        brp_verhuizing_register(
            bsn=huis.ouder.bsn,
            adres=get_bag().adres("8431AB", 2),
            datum=dt.date(2026, 3, 1),
            meeverhuizers=[huis.buur.bsn],
        )
    assert excinfo.value.field == "meeverhuizers"
    huis.ouder.refresh_from_db()
    assert huis.ouder.adres == huis.oud


def test_an_address_under_investigation_is_refused(huis):
    BagAdresFactory(postcode="8431AB", huisnummer=9, in_onderzoek=True)
    adres = get_bag().adres("8431AB", 9)
    assert adres.in_onderzoek
    with pytest.raises(DomainError) as excinfo:
        brp_verhuizing_register(bsn=huis.ouder.bsn, adres=adres, datum=dt.date(2026, 3, 1))
    assert excinfo.value.code == "in_onderzoek"


def test_the_http_backend_refuses_a_move(huis, settings):
    settings.LOKET_REGISTRY_BACKEND = "http"
    settings.LOKET_REGISTRY_HTTP = {
        "brp_url": "http://brp.invalid",
        "bag_url": "http://bag.invalid",
    }
    from loket.registries.backends.http import HttpBrp

    with pytest.raises(DomainError) as excinfo:
        HttpBrp().verhuizing_registreren(
            "999993653", AdresData(postcode="8431AB", huisnummer=2), dt.date(2026, 3, 1)
        )
    assert excinfo.value.code == "not_supported"


def test_bag_json_maps_in_onderzoek():
    from loket.registries.backends.http import bag_adres_from_json

    adres = bag_adres_from_json(
        {"postcode": "8431 AB", "huisnummer": 2, "inOnderzoek": True, "gemeenteNaam": "Zeventerpen"}
    )
    assert adres.in_onderzoek and adres.gemeente == "Zeventerpen"


def test_addresses_are_put_under_investigation_and_back(huis):
    from loket.registries.services import bag_adres_set_onderzoek

    assert bag_adres_set_onderzoek(adres_ids=[huis.nieuw.pk]) == 1
    assert get_bag().adres("8431AB", 2).in_onderzoek
    assert bag_adres_set_onderzoek(adres_ids=[huis.nieuw.pk]) == 0
    assert bag_adres_set_onderzoek(adres_ids=[huis.nieuw.pk], in_onderzoek=False) == 1
    assert not get_bag().adres("8431AB", 2).in_onderzoek
