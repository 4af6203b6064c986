"""Receiving notifications of other components at /api/v1/notificaties/callback/."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.notificaties.events import NotificatieOntvangen
from loket.notificaties.models import OntvangenNotificatie

pytestmark = pytest.mark.django_db

URL = "/api/v1/notificaties/callback/"
BERICHT = {
    "kanaal": "zaken",
    "hoofdObject": "https://openzaak.example/zaken/api/v1/zaken/0b0c0e1a",
    "resource": "status",
    "resourceUrl": "https://openzaak.example/zaken/api/v1/statussen/77",
    "actie": "create",
    "aanmaakdatum": "2026-12-04T09:00:00Z",
    "kenmerken": {"zaaktype": "https://openzaak.example/catalogi/api/v1/zaaktypen/1"},
}


def _client(scopes):
    _token, key = api_token_create(name="Open Notificaties", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_notification_is_stored_once_and_published(events):
    seen = events(NotificatieOntvangen)
    client = _client(["notificaties:schrijven"])
    assert client.post(URL, BERICHT, format="json").status_code == 204
    assert client.post(URL, BERICHT, format="json").status_code == 204  # a resend
    ontvangen = OntvangenNotificatie.objects.get()
    assert ontvangen.afzender == "api-token:Open Notificaties"
    assert ontvangen.resource == "status"
    assert [e.notificatie for e in seen] == [ontvangen]


def test_the_message_id_header_makes_a_resend_with_other_content_one_message():
    client = _client(["notificaties:schrijven"])
    header = {"HTTP_X_LOKET_NOTIFICATIE": "b6a1c2d3"}
    assert client.post(URL, BERICHT, format="json", **header).status_code == 204
    later = {**BERICHT, "aanmaakdatum": "2026-12-04T09:00:05Z"}
    assert client.post(URL, later, format="json", **header).status_code == 204
    assert OntvangenNotificatie.objects.count() == 1


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [("kanaal", ""), ("hoofdObject", "geen url"), ("aanmaakdatum", "gisteren"), ("actie", None)],
)
def test_a_bad_message_is_refused_naming_the_field(veld, waarde):
    client = _client(["notificaties:schrijven"])
    response = client.post(URL, {**BERICHT, veld: waarde}, format="json")
    assert response.status_code == 400
    assert veld in str(response.json())
    assert not OntvangenNotificatie.objects.exists()


def test_a_token_without_the_scope_is_refused():
    client = _client(["zaken:lezen"])
    assert client.post(URL, BERICHT, format="json").status_code == 403
    assert APIClient().post(URL, BERICHT, format="json").status_code in (401, 403)
    assert not OntvangenNotificatie.objects.exists()


def test_an_unusual_utc_offset_is_stored_in_utc():
    client = _client(["notificaties:schrijven"])
    bericht = {**BERICHT, "aanmaakdatum": "2026-12-04T09:00:00+17:27"}
    assert client.post(URL, bericht, format="json").status_code == 204
    opgeslagen = OntvangenNotificatie.objects.get().aanmaakdatum
    assert opgeslagen.utcoffset().total_seconds() == 0
    assert opgeslagen.isoformat().startswith("2026-12-03T15:33")
