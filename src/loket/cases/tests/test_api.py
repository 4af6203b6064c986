"""ZGW-style zaken/statussen API, Open311 GeoReport v2 and the citizens' report form."""

import json

import pytest
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.cases.services import zaak_create
from loket.core.models import AuditEntry
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
