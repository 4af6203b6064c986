import pytest
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.core.models import AuditEntry
from loket.messaging.models import Bericht, BerichtStatus

pytestmark = pytest.mark.django_db

DOEL = "Zaaksysteem: bezorging controleren"


def token_client(scopes) -> APIClient:
    _token, key = api_token_create(name="zaaksysteem", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_other_system_queues_a_message_once_per_key(inwoner):
    _brp, partij = inwoner
    client = token_client(["berichten:schrijven"])
    body = {
        "sleutel": "zaaksysteem:Z-1:besluit",
        "partij": str(partij.uuid),
        "onderwerp": "Besluit op uw aanvraag",
        "tekst": "Uw aanvraag is toegekend.",
        "soort": "status",
    }
    first = client.post("/api/v1/berichten/", body, format="json")
    second = client.post("/api/v1/berichten/", body, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["uuid"] == second.json()["uuid"]
    assert first.json()["kanaal"] == "email" and first.json()["status"] == "wachtrij"
    assert Bericht.objects.count() == 1


def test_bad_input_gets_a_dutch_message_at_the_field(inwoner):
    client = token_client(["berichten:schrijven"])
    response = client.post(
        "/api/v1/berichten/",
        {"sleutel": "x", "onderwerp": "O", "tekst": "T", "kanaal": "email"},
        format="json",
    )
    assert response.status_code == 400
    assert "Een e-mail of sms heeft een adres nodig." in str(response.json())


def test_delivery_status_is_read_with_a_purpose_and_audited(inwoner):
    _brp, partij = inwoner
    bericht = Bericht.objects.create(
        sleutel="k",
        partij=partij,
        kanaal="email",
        adres="a@voorbeeld.example",
        soort="status",
        onderwerp="O",
        tekst="T",
        status=BerichtStatus.MISLUKT,
        laatste_fout="Ongeldig",
    )
    client = token_client(["berichten:lezen"])
    assert client.get("/api/v1/berichten/").status_code == 400  # no purpose
    response = client.get(
        "/api/v1/berichten/",
        {"partij": str(partij.uuid), "status": "mislukt"},
        HTTP_X_LOKET_DOEL=DOEL,
    )
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert (item["uuid"], item["laatsteFout"]) == (str(bericht.uuid), "Ongeldig")
    detail = client.get(f"/api/v1/berichten/{bericht.uuid}/", HTTP_X_LOKET_DOEL=DOEL)
    assert detail.json()["status"] == "mislukt"
    # Recorded against the person the message went to (findable by BSN), list and detail.
    entries = AuditEntry.objects.filter(
        object_type="parties.partij", object_id=str(partij.pk), purpose=DOEL
    )
    assert entries.count() == 2


def test_reading_needs_the_scope(inwoner):
    client = token_client(["partijen:lezen"])
    assert client.get("/api/v1/berichten/", HTTP_X_LOKET_DOEL=DOEL).status_code == 403
