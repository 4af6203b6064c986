"""A small Zeventerpen for the portal: enriched products, two residents, their zaken."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from loket.accounts.services import team_create
from loket.cases.models import Status, Zaak
from loket.cases.services import zaaktype_create
from loket.catalogue.models import (
    Dienstverleningsformule,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Product,
)
from loket.messaging.models import Bericht
from loket.parties.models import Partij, Persoon
from loket.registries.models import BagAdres, BrpPersoon

BSN_ANNA = "999993653"
BSN_BOB = "999990019"
T = "http://standaarden.overheid.nl/owms/terms/"


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
    BrpPersoon.objects.create(
        bsn=bsn,
        voornamen=voornaam,
        geslachtsnaam=achternaam,
        geboortedatum=geboren,
        adres=adres,
    )
    partij = Partij.objects.create(soort="persoon", weergavenaam=f"{voornaam} {achternaam}")
    Persoon.objects.create(
        partij=partij, bsn=bsn, voornamen=voornaam, geslachtsnaam=achternaam, geboortedatum=geboren
    )
    return partij


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
    flits = Dienstverleningsformule.objects.create(
        code="flits",
        naam="Flits",
        belofte="Binnen een minuut klaar, zonder wachten.",
        altijd_beschikbaar=True,
        zonder_medewerker=True,
        bij_eerste_contact=True,
        max_afhandeltijd_minuten=1,
    )
    vlot = Dienstverleningsformule.objects.create(
        code="vlot", naam="Vlot", belofte="Binnen de servicenorm afgehandeld."
    )
    verhuismelding = Product.objects.create(
        upl_naam="verhuismelding",
        upl_uri=T + "verhuismelding",
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
    paspoort = Product.objects.create(
        upl_naam="paspoort",
        upl_uri=T + "paspoort",
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
    verhuizen = Levensgebeurtenis.objects.create(slug="verhuizen", naam="Verhuizen")
    LevensgebeurtenisProduct.objects.create(
        levensgebeurtenis=verhuizen, product=verhuismelding, volgorde=1, toelichting="Eerst dit."
    )
    LevensgebeurtenisProduct.objects.create(
        levensgebeurtenis=verhuizen, product=paspoort, volgorde=2
    )
    adres = BagAdres.objects.create(
        nummeraanduiding_id="1999200000000001",
        postcode="8431AB",
        huisnummer=1,
        straatnaam="Terpstraat",
        woonplaats="Zeventerpen",
        gemeente="Zeventerpen",
    )
    anna = _persoon(BSN_ANNA, "Anna", "Terpstra", dt.date(1980, 5, 1), adres)
    bob = _persoon(BSN_BOB, "Bob", "Veenstra", dt.date(1975, 3, 2), adres)
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    zaaktype = zaaktype_create(
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
    bericht_anna = Bericht.objects.create(
        partij=anna,
        kanaal="inbox",
        soort="status",
        onderwerp="Uw paspoort",
        tekst="Klaar.",
        sleutel="test-anna",
    )
    bericht_bob = Bericht.objects.create(
        partij=bob,
        kanaal="inbox",
        soort="status",
        onderwerp="Geheim van Bob",
        tekst="Bob.",
        sleutel="test-bob",
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
