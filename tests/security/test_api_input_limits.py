"""Finding 8 of issue 14: loose API input gets a Dutch 400 naming the field, and nothing is
stored: addresses of messages are validated, durations, texts and lists have sane limits, and
DRF's own messages are Dutch ("Must be a valid UUID." was English)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from loket.contacts.models import Klantcontact
from loket.contacts.services import contactreden_create
from loket.messaging.models import Bericht

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {world.tokens['alle']}", HTTP_X_LOKET_DOEL="t")
    return client


def _contact(reden, **extra):
    body = {
        "kanaal": "telefoon",
        "vragen": [
            {"vraagtekst": "Vraag", "contactreden": reden.code, "afhandeling": "beantwoord"}
        ],
    }
    body.update(extra)
    return body


@pytest.mark.parametrize(
    ("kanaal", "adres"),
    [("email", "geen-adres"), ("email", "a@b"), ("sms", "12"), ("sms", "bel me maar")],
)
def test_a_message_needs_a_valid_address_for_its_channel(api, kanaal, adres):
    response = api.post(
        "/api/v1/berichten/",
        {"sleutel": "t-1", "onderwerp": "O", "tekst": "T", "kanaal": kanaal, "adres": adres},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["adres"]
    assert not Bericht.objects.filter(sleutel__endswith=":t-1").exists()


def test_a_valid_phone_number_is_stored_in_its_normal_form(api):
    response = api.post(
        "/api/v1/berichten/",
        {"sleutel": "t-2", "onderwerp": "O", "tekst": "T", "kanaal": "sms", "adres": "06-12345678"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["adres"] == "+31612345678"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"duur": "P999999999D"}, "duur"),
        ({"duur": "-PT5M"}, "duur"),
        ({"inhoud": "x" * 1_000_000}, "inhoud"),
        ({"onderwerp": "x" * 201}, "onderwerp"),
        ({"partij": "geen-uuid"}, "partij"),
    ],
)
def test_contact_fields_have_limits(api, world, extra, field):
    reden = contactreden_create(naam="Algemene vraag")
    before = Klantcontact.objects.count()
    response = api.post("/api/v1/klantcontacten/", _contact(reden, **extra), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Klantcontact.objects.count() == before


def test_five_thousand_questions_in_one_contact_are_refused(api, world):
    reden = contactreden_create(naam="Algemene vraag")
    vraag = {"vraagtekst": "V", "contactreden": reden.code, "afhandeling": "beantwoord"}
    response = api.post(
        "/api/v1/klantcontacten/", _contact(reden, vragen=[vraag] * 5000), format="json"
    )
    assert response.status_code == 400
    assert "hoogstens 50 vragen" in response.json()["vragen"][0]


def test_drf_messages_are_dutch(api):
    response = api.get("/api/v1/statussen/", {"zaak": "geen-uuid"})
    assert response.status_code == 400
    message = response.json()["zaak"][0]
    assert message.startswith("Geef een geldig UUID op")
    response = api.post(
        "/api/v1/zaken/", {"zaaktype": "zt-burgerzaken", "startdatum": "31-01-2026"}, format="json"
    )
    assert "JJJJ-MM-DD" in response.json()["startdatum"][0]
