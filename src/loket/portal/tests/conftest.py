"""A small Zeventerpen for the portal: enriched products, two residents, their zaken."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory
from loket.cases.models import Status, Zaak
from loket.cases.tests.factories import ZaaktypeFactory
from loket.catalogue.models import Dienstverleningsformule, Levensgebeurtenis, Product
from loket.catalogue.tests.factories import (
    DienstverleningsformuleFactory,
    LevensgebeurtenisFactory,
    LevensgebeurtenisProductFactory,
    ProductFactory,
)
from loket.messaging.models import Bericht
from loket.messaging.tests.factories import BerichtFactory
from loket.parties.models import Partij
from loket.parties.tests.factories import PersoonFactory
from loket.registries.tests.factories import BagAdresFactory, BrpPersoonFactory

BSN_ANNA = "999993653"
BSN_BOB = "999990019"


@dataclass
class Wereld:
    flits: Dienstverleningsformule
    vlot: Dienstverleningsformule
    verhuismelding: Product
    paspoort: Product
    verhuizen: Levensgebeurtenis
    anna: Partij
    bob: Partij
    zaak_anna: Zaak
    zaak_bob: Zaak
    bericht_anna: Bericht
    bericht_bob: Bericht


def _persoon(bsn, voornaam, achternaam, geboren, adres):
    BrpPersoonFactory(
        bsn=bsn,
        voornamen=voornaam,
        geslachtsnaam=achternaam,
        geslacht="",
        geboortedatum=geboren,
        adres=adres,
        datum_aanvang_adreshouding=None,
    )
    return PersoonFactory(
        bsn=bsn,
        voornamen=voornaam,
        geslachtsnaam=achternaam,
        geboortedatum=geboren,
        weergavenaam=f"{voornaam} {achternaam}",
    )


def _zaak(zaaktype, partij, nummer):
    today = timezone.localdate()
    zaak = Zaak.objects.create(
        identificatie=nummer,
        zaaktype=zaaktype,
        initiator=partij,
        startdatum=today - dt.timedelta(days=3),
        einddatum_gepland=today + dt.timedelta(days=4),
        uiterlijke_einddatum_afdoening=today + dt.timedelta(days=10),
    )
    statustype = zaaktype.statustypen.order_by("volgnummer").first()
    status = Status.objects.create(
        zaak=zaak, statustype=statustype, datum_status_gezet=timezone.now()
    )
    zaak.status = status
    zaak.save(update_fields=["status"])
    return zaak


@pytest.fixture
def wereld(db):
    flits = DienstverleningsformuleFactory(
        flits=True,
        belofte="Binnen een minuut klaar, zonder wachten.",
        bij_eerste_contact=True,
    )
    vlot = DienstverleningsformuleFactory(vlot=True)
    verhuismelding = ProductFactory(
        upl_naam="verhuismelding",
        is_gemeente=True,
        titel="Verhuizing doorgeven",
        samenvatting="Geef uw nieuwe adres door.",
        kosten="Gratis.",
        voorwaarden="Vanaf 4 weken voor de verhuizing.\nHet adres bestaat in de BAG.",
        kanaal_click=True,
        kanaal_call=True,
        kanaal_face=True,
        voorkeurskanaal="click",
        kanaaladvies="Regel het online — 24/7, direct klaar.",
        snelheid="direct klaar",
        dienstverleningsformule=flits,
    )
    paspoort = ProductFactory(
        upl_naam="paspoort",
        is_gemeente=True,
        titel="Paspoort aanvragen",
        kosten="€ 84,50",
        kanaal_call=True,
        kanaal_face=True,
        voorkeurskanaal="face",
        kanaaladvies="Maak een afspraak — u moet zelf langskomen.",
        servicenorm_werkdagen=5,
        dienstverleningsformule=vlot,
    )
    verhuizen = LevensgebeurtenisFactory(slug="verhuizen", naam="Verhuizen")
    LevensgebeurtenisProductFactory(
        levensgebeurtenis=verhuizen, product=verhuismelding, volgorde=1, toelichting="Eerst dit."
    )
    LevensgebeurtenisProductFactory(levensgebeurtenis=verhuizen, product=paspoort, volgorde=2)
    adres = BagAdresFactory(nummeraanduiding_id="1999200000000001", postcode="8431AB", huisnummer=1)
    anna = _persoon(BSN_ANNA, "Anna", "Terpstra", dt.date(1980, 5, 1), adres)
    bob = _persoon(BSN_BOB, "Bob", "Veenstra", dt.date(1975, 3, 2), adres)
    team = TeamFactory(name="Burgerzaken", slug="burgerzaken")
    zaaktype = ZaaktypeFactory(
        identificatie="paspoort",
        omschrijving="Aanvraag paspoort",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
        statustypen=[
            ("Aanvraag ontvangen", True, "Wij hebben uw aanvraag ontvangen."),
            ("Uitgereikt", False, ""),
        ],
        team=team,
    )
    zaak_anna = _zaak(zaaktype, anna, "ZAAK-TEST-0001")
    zaak_bob = _zaak(zaaktype, bob, "ZAAK-TEST-0002")
    bericht_anna = BerichtFactory(
        partij=anna, onderwerp="Uw paspoort", tekst="Klaar.", sleutel="test-anna"
    )
    bericht_bob = BerichtFactory(
        partij=bob, onderwerp="Geheim van Bob", tekst="Bob.", sleutel="test-bob"
    )
    return Wereld(
        flits,
        vlot,
        verhuismelding,
        paspoort,
        verhuizen,
        anna,
        bob,
        zaak_anna,
        zaak_bob,
        bericht_anna,
        bericht_bob,
    )


@pytest.fixture
def als_anna(client, wereld):
    """The client logged in as Anna through the DigiD simulator."""
    response = client.post("/inloggen/digid-simulator/", {"bsn": BSN_ANNA, "next": "/mijn/"})
    assert response.status_code == 302
    return client
