"""Confidential contacts in the Klantinteracties API (issue 19): a token without the scope
`vertrouwelijk:lezen` gets the spec's shape with the content emptied (onderwerp, inhoud, reactie,
no onderwerpobjecten, the interne taak's handeling), still valid against the spec; with the scope
it reads the content. Reads and refusals are audited."""

from __future__ import annotations

import pytest

from loket.api.services import api_token_create
from loket.contacts.models import Klantcontact
from loket.core.models import AuditEntry
from loket.klantinteracties.tests.conftest import ALL_SCOPES, BASE, token_client
from loket.klantinteracties.tests.spec import validate_response

pytestmark = pytest.mark.django_db

EXPAND = "hadBetrokkenen.wasPartij,leiddeTotInterneTaken,gingOverOnderwerpobjecten"


@pytest.fixture
def geheim(ki_world):
    """The world's contact, made confidential for its team (Burgerzaken)."""
    contact = ki_world.contact
    type(contact).objects.filter(pk=contact.pk).update(
        vertrouwelijk=True, vertrouwelijk_team=ki_world.team
    )
    contact.refresh_from_db()
    return contact


def test_the_representation_redacts_and_still_conforms(api, ki_world, geheim):
    response = api.get(BASE + f"klantcontacten/{geheim.uuid}", {"expand": EXPAND})
    body = validate_response(response, "/klantcontacten/{uuid}", "get")
    assert body["vertrouwelijk"] is True
    assert (body["onderwerp"], body["inhoud"], body["reactie"]) == ("", "", "")
    assert body["gingOverOnderwerpobjecten"] == []
    assert body["_expand"]["gingOverOnderwerpobjecten"] == []
    taak = body["_expand"]["leiddeTotInterneTaken"][0]
    assert taak["gevraagdeHandeling"] == "" and taak["toelichting"] == ""
    assert "paspoort" not in response.content.decode().lower()
    assert AuditEntry.objects.filter(
        object_type="contacts.klantcontact",
        object_id=str(geheim.pk),
        detail__vertrouwelijk="geweigerd",
    ).exists()

    lijst = api.get(BASE + "klantcontacten", {"expand": EXPAND})
    body = validate_response(lijst, "/klantcontacten", "get")
    assert body["results"][0]["inhoud"] == "" and "paspoort" not in lijst.content.decode().lower()
    onderwerpen = validate_response(
        api.get(BASE + "onderwerpobjecten"), "/onderwerpobjecten", "get"
    )
    assert onderwerpen["results"] == []  # the questions are the contact's content
    taken = validate_response(api.get(BASE + "internetaken"), "/internetaken", "get")
    assert taken["results"][0]["gevraagdeHandeling"] == ""


def test_a_token_with_the_scope_reads_the_content(ki_world, geheim):
    _t, key = api_token_create(name="Sociaal domein", scopes=[*ALL_SCOPES, "vertrouwelijk:lezen"])
    response = token_client(key).get(BASE + f"klantcontacten/{geheim.uuid}")
    body = validate_response(response, "/klantcontacten/{uuid}", "get")
    assert body["onderwerp"] == "Paspoort aanvragen" and body["reactie"] == ""
    assert body["inhoud"] == "De klant vraagt wanneer zijn paspoort klaar is."
    assert AuditEntry.objects.filter(
        object_type="contacts.klantcontact",
        object_id=str(geheim.pk),
        detail__vertrouwelijk="gelezen",
    ).exists()


def test_a_member_of_the_team_reads_it_through_the_session(client, ki_world, geheim):
    client.force_login(ki_world.medewerker)  # a member of Burgerzaken
    response = client.get(
        BASE + f"klantcontacten/{geheim.uuid}", HTTP_X_LOKET_DOEL="Klantcontact inzien (test)"
    )
    assert response.status_code == 200
    assert response.json()["onderwerp"] == "Paspoort aanvragen"


def test_a_posted_confidential_contact_without_a_team_fails_closed(api, ki_world):
    """The spec has no field for the team: the contact is stored confidential without one, and
    no medewerker and no token without the scope reads it."""
    body = {
        "kanaal": "telefoon",
        "onderwerp": "Schulden",
        "inhoud": "De klant heeft betalingsachterstanden.",
        "taal": "nld",
        "vertrouwelijk": True,
    }
    uuid = api.post(BASE + "klantcontacten", body, format="json").json()["uuid"]
    contact = Klantcontact.objects.get(uuid=uuid)
    assert contact.vertrouwelijk and contact.vertrouwelijk_team is None
    gelezen = api.get(BASE + f"klantcontacten/{uuid}").json()
    assert gelezen["inhoud"] == "" and gelezen["onderwerp"] == ""


def test_a_partij_with_its_contacts_expanded_redacts_the_contact_too(api, ki_world, geheim):
    """A klantcontact shown inside a partij (expand betrokkenen.hadKlantcontact) is the same
    redacted form."""
    expand = "betrokkenen.hadKlantcontact"
    partijen = api.get(BASE + "partijen", {"expand": expand})
    body = validate_response(partijen, "/partijen", "get")
    persoon = next(p for p in body["results"] if p["uuid"] == str(ki_world.persoon.uuid))
    contact = persoon["_expand"]["betrokkenen"][0]["_expand"]["hadKlantcontact"]
    assert (contact["onderwerp"], contact["inhoud"]) == ("", "")
    partij = api.get(BASE + f"partijen/{ki_world.persoon.uuid}", {"expand": expand})
    validate_response(partij, "/partijen/{uuid}", "get")
    for response in (partijen, partij):
        assert "paspoort" not in response.content.decode().lower()
