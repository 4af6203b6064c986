"""A small world for the Klantinteracties API: a persoon (BSN, e-mail, phone) and an organisatie
(KVK-nummer, vestigingsnummer, RSIN), a product, a team with a medewerker, a klantcontact about
the product that led to a contactverzoek, and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from loket.accounts.constants import Role
from loket.accounts.tests.factories import TeamFactory, UserFactory
from loket.api.services import RESOURCES, api_token_create
from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.contacts.services import VraagInput, contactverzoek_create, klantcontact_register
from loket.contacts.tests.factories import ContactredenFactory
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.tests.factories import (
    DigitaalAdresFactory,
    OrganisatieFactory,
    PersoonFactory,
)

BASE = "/klantinteracties/api/v1/"
KLANTCONTACT_URL = BASE + "klantcontacten"
DOEL = "Klantcontact registreren (test)"
ALL_SCOPES = [f"{r}:{k}" for r in RESOURCES for k in ("lezen", "schrijven")]


@dataclass
class World:
    persoon: Any
    organisatie: Any
    email: Any
    telefoon: Any
    product: Any
    team: Any
    medewerker: Any
    teamleider: Any
    reden: Any
    contact: Klantcontact
    verzoek: Contactverzoek
    key: str  # all scopes, no default purpose
    key_doel: str  # all scopes, default purpose "Standaarddoel KISS"


def token_client(key: str, doel: str | None = DOEL) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    if doel:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_X_LOKET_DOEL=doel)
    return client


def register_contact(world_parts: dict, *, partij, product=None, verzoek: bool = False):
    vastgelegd = klantcontact_register(
        kanaal="telefoon",
        medewerker=world_parts["medewerker"],
        partij=partij,
        onderwerp="Paspoort aanvragen",
        inhoud="De klant vraagt wanneer zijn paspoort klaar is.",
        vragen=[
            VraagInput(
                vraagtekst="Wanneer is mijn paspoort klaar?",
                contactreden=world_parts["reden"],
                afhandeling=Afhandeling.CONTACTVERZOEK if verzoek else Afhandeling.BEANTWOORD,
                product=product,
                antwoord="" if verzoek else "Over vijf werkdagen.",
            )
        ],
    )
    contact = vastgelegd.klantcontact
    taak = None
    if verzoek:
        taak = contactverzoek_create(
            vraag=contact.vragen.get(),
            team=world_parts["team"],
            medewerker=world_parts["medewerker"],
            gevraagde_handeling="Bel de klant terug over de levertijd.",
            terugbelnummer="0612345678",
            user=None,
        )
    return contact, taak


@pytest.fixture
def ki_world(db) -> World:
    persoon = PersoonFactory(bsn="999993653", voornamen="Jan Piet", geslachtsnaam="Jansen")
    organisatie = OrganisatieFactory(
        kvk_nummer="68750110", vestigingsnummer="000037178598", rsin="123456782"
    )
    email = DigitaalAdresFactory(
        partij=persoon, soort=SoortDigitaalAdres.EMAIL, is_standaard_adres=True
    )
    telefoon = DigitaalAdresFactory(
        partij=persoon, soort=SoortDigitaalAdres.TELEFOON, adres="0612345678"
    )
    team = TeamFactory(name="Burgerzaken", slug="burgerzaken", email="burgerzaken@gemeente.example")
    medewerker = UserFactory(
        role=Role.BACKOFFICE.value, teams=[team], email="piet@gemeente.example"
    )
    teamleider = UserFactory(role=Role.TEAMLEIDER.value, teams=[team])
    parts = {"medewerker": medewerker, "team": team, "reden": ContactredenFactory()}
    product = ProductFactory()
    contact, verzoek = register_contact(parts, partij=persoon, product=product, verzoek=True)
    _t, key = api_token_create(name="KISS", scopes=ALL_SCOPES)
    _t, key_doel = api_token_create(
        name="KISS met doel", scopes=ALL_SCOPES, default_purpose="Standaarddoel KISS"
    )
    return World(
        persoon=persoon,
        organisatie=organisatie,
        email=email,
        telefoon=telefoon,
        product=product,
        team=team,
        medewerker=medewerker,
        teamleider=teamleider,
        reden=parts["reden"],
        contact=contact,
        verzoek=verzoek,
        key=key,
        key_doel=key_doel,
    )


@pytest.fixture
def api(ki_world) -> APIClient:
    return token_client(ki_world.key)
