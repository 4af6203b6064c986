"""ZGW-style zaken/statussen API, Open311 GeoReport v2 and the citizens' report form."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.cases.models import MeldCategorie, Melding
from loket.cases.services import zaak_create
from loket.core.models import AuditEntry
from loket.messaging.models import Bericht
from loket.parties.tests.factories import PersoonFactory

DOEL = "Zaak behandelen (test)"


def client_with(scopes):
    _token, key = api_token_create(name="Systeem", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def api(db):
    return client_with(["zaken:lezen", "zaken:schrijven"])


def test_create_zaak_and_set_status_with_dutch_field_names(api, zaaktype, partij):
    response = api.post(
        "/api/v1/zaken/",
        {"zaaktype": "terrasvergunning", "initiator": str(partij.uuid), "omschrijving": "Terras"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["identificatie"].startswith("ZAAK-")
    assert {"einddatumGepland", "uiterlijkeEinddatumAfdoening", "startdatum", "status"} <= set(body)
    assert body["statusOmschrijving"] == "Ontvangen"
    status = api.post("/api/v1/statussen/", {"zaak": body["uuid"], "statustype": 2}, format="json")
    assert status.status_code == 201
    # A volgnummer the zaaktype does not have: 400 naming the field.
    bad = api.post("/api/v1/statussen/", {"zaak": body["uuid"], "statustype": 9}, format="json")
    assert bad.status_code == 400
    assert "geen status met volgnummer 9" in json.dumps(bad.json(), ensure_ascii=False)
    back = api.post("/api/v1/statussen/", {"zaak": body["uuid"], "statustype": 1}, format="json")
    assert back.status_code == 400
    assert "kan niet terug" in json.dumps(back.json(), ensure_ascii=False)
    history = api.get("/api/v1/statussen/", {"zaak": body["uuid"]}, HTTP_X_LOKET_DOEL=DOEL).json()
    assert history["count"] == 2  # a page, as the schema says (was a bare list)
    assert [s["statustype"] for s in history["results"]] == [1, 2]


def test_list_filters_and_bsn_filter_needs_a_purpose_and_is_audited(api, zaaktype, partij):
    zaak_create(zaaktype=zaaktype, initiator=partij)
    zaak_create(zaaktype=zaaktype, initiator=PersoonFactory(bsn="999990019", geslachtsnaam="Ander"))
    # Every read of zaken needs a purpose now, not just a filter on a BSN.
    assert api.get("/api/v1/zaken/", {"zaaktype": "terrasvergunning"}).status_code == 400
    doel = {"HTTP_X_LOKET_DOEL": DOEL}
    assert api.get("/api/v1/zaken/", {"zaaktype": "terrasvergunning"}, **doel).json()["count"] == 2
    assert api.get("/api/v1/zaken/", {"zaaktype": "onbekend"}, **doel).json()["count"] == 0
    key = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"
    assert api.get("/api/v1/zaken/", {key: "999993653"}).status_code == 400
    response = api.get("/api/v1/zaken/", {key: "999993653"}, HTTP_X_LOKET_DOEL="Klantvraag")
    assert response.json()["count"] == 1
    assert AuditEntry.objects.filter(purpose="Klantvraag", object_id=str(partij.pk)).exists()


def test_scopes_are_required(zaaktype):
    reader = client_with(["zaken:lezen"])
    assert reader.get("/api/v1/zaken/", HTTP_X_LOKET_DOEL=DOEL).status_code == 200
    assert reader.post("/api/v1/zaken/", {"zaaktype": "terrasvergunning"}).status_code == 403
    assert client_with(["partijen:lezen"]).get("/api/v1/zaken/").status_code == 403


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
    from loket.cases.services import melding_create

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
