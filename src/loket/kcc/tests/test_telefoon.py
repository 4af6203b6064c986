"""The telephone screen pop (CTI, issue 17): call events from the platform show the caller in
the agent's workspace, one click starts the contact, the hang-up gives its duration."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.contacts.models import Klantcontact, KlantcontactConcept
from loket.core.models import AuditEntry
from loket.insights.models import Gesprek
from loket.insights.services import telefonie_gebeurtenis_process
from loket.kcc.tests.test_views import contact_post
from loket.parties.models import DigitaalAdres
from loket.parties.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

NUMMER = "06-12345678"


@pytest.fixture
def agent(kcc_user):
    kcc_user.toestel = "201"
    kcc_user.save()
    return kcc_user


@pytest.fixture
def klant(db):
    persoon = PersoonFactory(geslachtsnaam="Bellers")
    DigitaalAdres.objects.create(
        partij=persoon, soort="telefoonnummer", adres=NUMMER, verified_at=timezone.now()
    )
    return persoon


def bel(gesprek_id="call-1", *, beller=NUMMER, toestel="201", beantwoord=True, begin=None):
    begin = begin or timezone.now() - dt.timedelta(seconds=40)
    telefonie_gebeurtenis_process(
        gesprek_id=gesprek_id,
        soort="aangeboden",
        tijdstip=begin,
        wachtrij="Algemeen",
        beller=beller,
        gebeld="14 0000",
    )
    if beantwoord:
        telefonie_gebeurtenis_process(
            gesprek_id=gesprek_id,
            soort="beantwoord",
            tijdstip=begin + dt.timedelta(seconds=10),
            toestel=toestel,
        )
    return Gesprek.objects.get(gesprek_id=gesprek_id)


def test_the_platform_posts_the_cti_fields_and_the_extension_finds_the_agent(agent):
    _, key = api_token_create(name="pbx", scopes=["telefonie:schrijven"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    nu = timezone.now()
    for soort, extra in (
        ("aangeboden", {"wachtrij": "Algemeen", "beller": NUMMER, "gebeld": "140000"}),
        ("beantwoord", {"toestel": "201"}),
    ):
        response = api.post(
            "/api/v1/telefonie/gebeurtenissen",
            {"gesprekId": "api-1", "soort": soort, "tijdstip": nu.isoformat(), **extra},
            format="json",
        )
        assert response.status_code == 201, response.json()
    gesprek = Gesprek.objects.get(gesprek_id="api-1")
    assert (gesprek.beller, gesprek.gebeld, gesprek.toestel) == (NUMMER, "140000", "201")
    assert gesprek.medewerker == agent


def test_the_agent_sees_the_caller_matched_by_a_verified_number_and_the_read_is_audited(
    client, agent, klant
):
    bel()
    client.force_login(agent)
    html = client.get("/kcc/telefoon/").content.decode()
    assert "In gesprek" in html and klant.weergavenaam in html
    assert "Open klantbeeld en contact" in html
    entry = AuditEntry.objects.get(object_id=str(klant.pk))
    assert entry.user == agent and entry.purpose.startswith("Inkomend telefoongesprek")
    # Every page of an agent with an extension polls for it.
    assert 'hx-get="/kcc/telefoon/"' in client.get("/kcc/").content.decode()


def test_an_unknown_or_unverified_number_is_shown_as_unknown(client, agent):
    persoon = PersoonFactory()
    DigitaalAdres.objects.create(partij=persoon, soort="telefoonnummer", adres="0687654321")
    bel(beller="0687654321")
    client.force_login(agent)
    html = client.get("/kcc/telefoon/").content.decode()
    assert "Onbekend nummer" in html and persoon.weergavenaam not in html


def test_another_agents_call_does_not_pop_up(client, agent, make_user, klant):
    bel(toestel="305")
    client.force_login(agent)
    assert "Er belt" not in client.get("/kcc/telefoon/").content.decode()
    assert "In gesprek" not in client.get("/kcc/telefoon/").content.decode()


def test_one_click_starts_the_contact_at_the_answer_and_the_hang_up_gives_the_duration(
    client, agent, klant, redenen
):
    gesprek = bel()
    client.force_login(agent)
    response = client.post("/kcc/telefoon/call-1/openen/")
    assert response.status_code == 302
    concept = KlantcontactConcept.objects.get()
    assert concept.gesprek_id == "call-1" and concept.partij == klant
    assert concept.gestart_op == gesprek.beantwoord_op
    assert "In gesprek" not in client.get("/kcc/telefoon/").content.decode()  # opened

    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Hoe vraag ik een paspoort aan?",
        },
    )
    assert client.post(response["Location"], data).status_code == 302
    contact = Klantcontact.objects.get(gesprek_id="call-1")
    assert contact.partij == klant and contact.plaatsgevonden_op == gesprek.beantwoord_op

    einde = gesprek.beantwoord_op + dt.timedelta(minutes=4, seconds=5)
    telefonie_gebeurtenis_process(gesprek_id="call-1", soort="beeindigd", tijdstip=einde)
    contact.refresh_from_db()
    assert contact.duur == dt.timedelta(minutes=4, seconds=5)


def test_a_contact_saved_after_the_hang_up_takes_the_calls_duration(client, agent, klant, redenen):
    gesprek = bel()
    client.force_login(agent)
    location = client.post("/kcc/telefoon/call-1/openen/")["Location"]
    telefonie_gebeurtenis_process(
        gesprek_id="call-1",
        soort="beeindigd",
        tijdstip=gesprek.beantwoord_op + dt.timedelta(seconds=25),
    )
    data = contact_post(
        redenen=redenen,
        **{
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Paspoort",
        },
    )
    client.post(location, data)
    assert Klantcontact.objects.get(gesprek_id="call-1").duur == dt.timedelta(seconds=25)


def test_a_stale_or_foreign_call_cannot_be_opened(client, agent):
    bel(toestel="305")
    client.force_login(agent)
    response = client.post("/kcc/telefoon/call-1/openen/", follow=True)
    assert "al geopend of beëindigd" in response.content.decode()
    assert not KlantcontactConcept.objects.exists()
