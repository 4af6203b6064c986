"""Open311 GeoReport v2 and the citizens' report form in the portal."""

import pytest
from django.urls import reverse

from loket.api.services import api_token_create
from loket.meldingen.models import MeldCategorie, Melding
from loket.messaging.models import Bericht

# --- Open311 -------------------------------------------------------------------------------


@pytest.fixture
def routed(team):
    MeldCategorie.objects.update(team=team)


def test_open311_services_and_definition(client, db):
    services = client.get("/open311/v2/services.json").json()
    assert len(services) == 32
    code = services[0]["service_code"]
    assert {"service_code", "service_name", "group", "type", "metadata"} <= set(services[0])
    assert client.get(f"/open311/v2/services/{code}.json").json()["service_code"] == code
    assert client.get("/open311/v2/services/bestaat-niet.json").status_code == 404


def test_open311_post_needs_a_key_with_scope_then_creates_and_reads(client, routed):
    code = MeldCategorie.objects.get(subcategorie="Functioneert niet goed").code
    data = {
        "service_code": code,
        "lat": "52.2551",
        "long": "6.1639",
        "description": "Lamp is uit",
        "email": "x@example.org",
    }
    assert client.post("/open311/v2/requests.json", data).status_code == 403
    _t, lezen = api_token_create(name="l", scopes=["meldingen:lezen"])
    assert client.post("/open311/v2/requests.json", {**data, "api_key": lezen}).status_code == 403
    _t, key = api_token_create(name="app", scopes=["meldingen:schrijven"])
    response = client.post("/open311/v2/requests.json", {**data, "api_key": key})
    assert response.status_code == 201
    request_id = response.json()[0]["service_request_id"]
    melding = Melding.objects.get(referentie=request_id)
    assert melding.kanaal == "open311" and melding.categorie.code == code
    assert Bericht.objects.filter(sleutel=f"melding:{melding.uuid}:ontvangst").exists()
    public = client.get(f"/open311/v2/requests/{request_id}.json").json()[0]
    assert public["status"] == "open" and public["expected_datetime"]
    assert "description" not in public
    assert (
        client.get(f"/open311/v2/requests/{request_id}.json", {"api_key": lezen}).json()[0][
            "description"
        ]
        == "Lamp is uit"
    )
    listed = client.get(
        "/open311/v2/requests.json", {"status": "open", "service_code": code}
    ).json()
    assert [r["service_request_id"] for r in listed] == [request_id]
    bad = client.post(
        "/open311/v2/requests.json", {**data, "api_key": key, "lat": "6.1", "long": "52.2"}
    )
    assert bad.status_code == 400 and "Nederland" in bad.json()[0]["description"]
    too_long = client.get(
        "/open311/v2/requests.json",
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
    )
    assert too_long.status_code == 400


# --- portal --------------------------------------------------------------------------------


def test_citizen_reports_and_sees_the_receipt_with_the_expected_date(client, routed):
    page = client.get(reverse("meldingen:nieuw"))
    assert page.status_code == 200
    response = client.post(
        reverse("meldingen:nieuw"),
        {
            "tekst": "Er hangen takken over de stoep",
            "adres": "Lindelaan 4",
            "email": "burger@example.org",
            "sleutel": "s1",
        },
    )
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.categorie.subcategorie == "Struiken: snoeien en schade"
    receipt = client.get(response["Location"])
    assert melding.referentie in receipt.content.decode()
    # Another browser cannot read the receipt.
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


def test_citizen_form_keeps_input_on_error(client, db):
    response = client.post(reverse("meldingen:nieuw"), {"tekst": "Losse tegel", "lat": "52.25"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Losse tegel" in html
    assert "Geef zowel de breedte- als de lengtegraad op" in html
    assert not Melding.objects.exists()


def test_the_receipt_mentions_a_similar_open_report_nearby_without_its_details(client, routed):
    from loket.meldingen.services import melding_create

    melding_create(tekst="Lantaarnpaal doet het niet", lat=52.2551, lon=6.1639, naam="Piet Geheim")
    response = client.post(
        reverse("meldingen:nieuw"),
        {
            "tekst": "De straatlamp brandt niet",
            "lat": "52.25512",
            "lon": "6.16391",
            "sleutel": "s2",
        },
    )
    receipt = client.get(response["Location"]).content.decode()
    assert "1 vergelijkbare melding in behandeling" in receipt
    assert "Piet Geheim" not in receipt
