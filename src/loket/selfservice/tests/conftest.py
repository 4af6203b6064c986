"""A small Zeventerpen for self-service tests: formulas, products, zaaktypen, BAG, a household."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory
from loket.cases.tests.factories import ZaaktypeFactory
from loket.catalogue.models import Dienstverleningsformule
from loket.catalogue.tests.factories import DienstverleningsformuleFactory, ProductFactory
from loket.core.models import Kanaal
from loket.parties.models import Partij
from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory
from loket.registries.models import BagAdres, BrpPersoon
from loket.registries.tests.factories import BagAdresFactory, BrpPersoonFactory
from loket.selfservice.services import formulieren_load_defaults

# Valid test BSNs (11-proef) from the RvIG range.
BSN_HOOFD = "999993653"
BSN_PARTNER = "999990019"
BSN_KIND = "999990032"
BSN_BUURMAN = "999990044"


@dataclass
class Wereld:
    flits: Dienstverleningsformule
    vlot: Dienstverleningsformule
    team: object
    producten: dict
    oud: BagAdres
    nieuw: BagAdres
    onderzoek: BagAdres
    elders: BagAdres
    hoofd: BrpPersoon
    partner: BrpPersoon
    kind: BrpPersoon
    partij: Partij
    formulieren: dict


def _product(naam, formule):
    return ProductFactory(upl_naam=naam, dienstverleningsformule=formule, kanaal_click=True)


def _adres(n, postcode="8431AB", huisnummer=1, gemeente="Zeventerpen", **kw):
    return BagAdresFactory(
        nummeraanduiding_id=f"1999200000{n:06d}",
        postcode=postcode,
        huisnummer=huisnummer,
        gemeente=gemeente,
        **kw,
    )


def _brp(bsn, adres, voornaam, geboren, since=dt.date(2015, 1, 1)):
    return BrpPersoonFactory(
        bsn=bsn,
        voornamen=voornaam,
        geslacht="",
        geboortedatum=geboren,
        adres=adres,
        datum_aanvang_adreshouding=since,
        huishouden=1,
    )


@pytest.fixture
def wereld(db):
    # Seeded by a migration, but gone after a transactional test flushed the database.
    Kanaal.objects.get_or_create(
        code="website", defaults={"naam": "Website/formulier", "soort": "click"}
    )
    flits = DienstverleningsformuleFactory(flits=True)
    vlot = DienstverleningsformuleFactory(vlot=True)
    team = TeamFactory(name="Burgerzaken", slug="burgerzaken")
    producten = {
        naam: _product(naam, formule)
        for naam, formule in [
            ("verhuismelding", flits),
            ("afvalpas", flits),
            ("brp-uittreksel", flits),
            ("parkeervergunning", vlot),
            ("belastingkwijtschelding", vlot),
        ]
    }
    ZaaktypeFactory(
        identificatie="verhuizing",
        omschrijving="Verhuismelding",
        doorlooptijd_werkdagen=5,
        servicenorm_werkdagen=2,
        statustypen=[
            ("Melding ontvangen", True, "Wij hebben uw verhuismelding ontvangen."),
            ("In onderzoek", False, ""),
            ("Verwerkt", True, "Uw nieuwe adres staat in de BRP."),
        ],
        product=producten["verhuismelding"],
        team=team,
        opschorting_mogelijk=True,
    )
    for ident, upl in (
        ("parkeervergunning", "parkeervergunning"),
        ("kwijtschelding", "belastingkwijtschelding"),
    ):
        ZaaktypeFactory(
            identificatie=ident,
            omschrijving=ident.capitalize(),
            doorlooptijd_werkdagen=40,
            servicenorm_werkdagen=10,
            statustypen=[("Ontvangen", True, "Ontvangen."), ("Besluit", True, "Besluit.")],
            product=producten[upl],
            team=team,
        )
    oud = _adres(1, huisnummer=1)
    nieuw = _adres(2, huisnummer=2)
    onderzoek = _adres(3, huisnummer=3, in_onderzoek=True)
    elders = _adres(4, postcode="9999ZZ", huisnummer=4, gemeente="Anderstad")
    hoofd = _brp(BSN_HOOFD, oud, "Jan", dt.date(1980, 5, 17))
    partner = _brp(BSN_PARTNER, oud, "Els", dt.date(1982, 3, 1))
    kind = _brp(BSN_KIND, oud, "Sem", dt.date(2015, 9, 9), since=dt.date(2015, 9, 9))
    partij = PersoonFactory(bsn=BSN_HOOFD, weergavenaam="Jan Jansen")
    DigitaalAdresFactory(partij=partij, adres="jan@voorbeeld.example", is_standaard_adres=True)
    formulieren = {f.slug: f for f in formulieren_load_defaults(team=team)}
    return Wereld(
        flits=flits,
        vlot=vlot,
        team=team,
        producten=producten,
        oud=oud,
        nieuw=nieuw,
        onderzoek=onderzoek,
        elders=elders,
        hoofd=hoofd,
        partner=partner,
        kind=kind,
        partij=partij,
        formulieren=formulieren,
    )


def verhuis_gegevens(wereld, **overrides):
    gegevens = {
        "postcode": "8431 ab",
        "huisnummer": "2",
        "huisletter": "",
        "toevoeging": "",
        "verhuisdatum": (timezone.localdate() + dt.timedelta(days=3)).strftime("%d-%m-%Y"),
        "meeverhuizers": [BSN_PARTNER],
        "anderen_verhuizen_mee": "nee",
        "anderen_namen": "",
        "email": "jan@voorbeeld.example",
        "telefoon": "",
    }
    gegevens.update(overrides)
    return gegevens
