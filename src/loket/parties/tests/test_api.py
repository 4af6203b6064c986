import uuid

import pytest
from rest_framework.test import APIClient

from loket.api.models import ApiToken, hash_key
from loket.core.models import AuditAction, AuditEntry
from loket.parties.services import (
    digitaal_adres_add,
    digitaal_adres_verify,
    organisatie_create,
    partij_set_voorkeurskanaal,
    persoon_create,
)

pytestmark = pytest.mark.django_db

DOEL = "Telefonie: inkomend gesprek 0612345678"


def token_client(scopes, name="telefonie") -> APIClient:
    key = ApiToken.generate_key()
    ApiToken.objects.create(
        name=name, key_prefix=key[:8], key_hash=hash_key(key), scopes=list(scopes)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def reader():
    return token_client(["partijen:lezen"])


@pytest.fixture
def jan():
    partij = persoon_create(
        bsn="111222333", voornamen="Jan", voorvoegsel_geslachtsnaam="de", geslachtsnaam="Vries"
    )
    adres = digitaal_adres_add(
        partij=partij, soort="email", adres="jan@example.nl", is_standaard_adres=True, user=None
    )
    digitaal_adres_verify(adres=adres, user=None)
    partij_set_voorkeurskanaal(partij=partij, kanaal="e-mail", user=None)
    return partij


@pytest.fixture
def terp():
    return organisatie_create(
        kvk_nummer="69599084", handelsnaam="Bakkerij De Terp", vestigingsnummer="000012345678"
    )


def reads():
    return AuditEntry.objects.filter(action=AuditAction.READ)


def test_detail_returns_klantinteracties_fields_and_audits_the_read(reader, jan):
    response = reader.get(f"/api/v1/partijen/{jan.uuid}/", headers={"X-Loket-Doel": DOEL})

    assert response.status_code == 200
    data = response.json()
    assert data["uuid"] == str(jan.uuid)
    assert data["soortPartij"] == "persoon"
    assert data["weergavenaam"] == "Jan de Vries"
    assert data["voorkeurskanaal"] == "e-mail"
    assert data["partijIdentificatoren"] == [
        {
            "codeObjecttype": "natuurlijk_persoon",
            "codeSoortObjectId": "bsn",
            "objectId": "111222333",
            "codeRegister": "brp",
        }
    ]
    assert data["partijIdentificatie"]["contactnaam"] == {
        "voornaam": "Jan",
        "voorvoegselAchternaam": "de",
        "achternaam": "Vries",
    }
    [adres] = data["digitaleAdressen"]
    assert adres["soortDigitaalAdres"] == "email"
    assert adres["adres"] == "jan@example.nl"
    assert adres["isStandaardAdres"] is True
    assert adres["verificatieDatum"] is not None
    entry = reads().get()
    assert entry.purpose == DOEL
    assert entry.actor_label == "api-token:telefonie"
    assert entry.object_id == str(jan.pk)


def test_list_filters_by_bsn_and_is_paginated(reader, jan, terp):
    response = reader.get("/api/v1/partijen/", {"bsn": "111222333"}, headers={"X-Loket-Doel": DOEL})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert [p["uuid"] for p in data["results"]] == [str(jan.uuid)]
    assert {"next", "previous"} <= data.keys()
    assert reads().count() == 1


def test_list_filters_by_kvk_nummer(reader, jan, terp):
    response = reader.get(
        "/api/v1/partijen/", {"kvkNummer": "69599084"}, headers={"X-Loket-Doel": DOEL}
    )
    assert response.status_code == 200
    [organisatie] = response.json()["results"]
    assert organisatie["soortPartij"] == "organisatie"
    assert organisatie["voorkeurskanaal"] is None
    assert organisatie["partijIdentificatie"] == {"naam": "Bakkerij De Terp"}
    assert {i["codeSoortObjectId"] for i in organisatie["partijIdentificatoren"]} == {
        "kvk_nummer",
        "vestigingsnummer",
    }


def test_list_pages_and_audits_only_the_page(reader, jan, terp):
    response = reader.get("/api/v1/partijen/", {"pageSize": 1}, headers={"X-Loket-Doel": DOEL})
    data = response.json()
    assert data["count"] == 2
    assert len(data["results"]) == 1
    assert "page=2" in data["next"]
    assert reads().count() == 1


def test_invalid_filter_is_a_400_naming_the_parameter(reader):
    response = reader.get("/api/v1/partijen/", {"kvkNummer": "12"}, headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 400
    assert "8 cijfers" in response.json()["kvkNummer"][0]
    response = reader.get("/api/v1/partijen/", {"bsn": "123456789"}, headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 400
    assert "elfproef" in response.json()["bsn"][0]


def test_missing_purpose_header_is_a_400(reader, jan):
    for url in ["/api/v1/partijen/", f"/api/v1/partijen/{jan.uuid}/"]:
        response = reader.get(url)
        assert response.status_code == 400
        assert list(response.json()) == ["X-Loket-Doel"]
        assert "doel" in response.json()["X-Loket-Doel"][0]
    assert not reads().exists()


def test_unknown_uuid_is_a_404(reader):
    response = reader.get(f"/api/v1/partijen/{uuid.uuid4()}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 404
    response = reader.get("/api/v1/partijen/geen-uuid/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 404


def test_token_without_the_scope_is_a_403(jan):
    client = token_client(["producten:lezen"])
    response = client.get(f"/api/v1/partijen/{jan.uuid}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 403
    assert "partijen:lezen" in response.json()["detail"]
    assert not reads().exists()


def test_write_scope_alone_does_not_allow_reading(jan):
    client = token_client(["partijen:schrijven"])
    response = client.get("/api/v1/partijen/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 403


def test_without_token_is_a_401(jan):
    response = APIClient().get(f"/api/v1/partijen/{jan.uuid}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 401
    assert not reads().exists()


def test_unknown_token_is_a_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token verzonnen-sleutel")
    assert client.get("/api/v1/partijen/", headers={"X-Loket-Doel": DOEL}).status_code == 401


def test_only_write_methods_are_not_allowed(reader, jan):
    response = reader.delete(f"/api/v1/partijen/{jan.uuid}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code in (403, 405)  # no write scope; and no write method at all
    assert jan.__class__.objects.filter(pk=jan.pk).exists()


def test_session_user_needs_view_person_data(client, make_user, jan):
    client.force_login(make_user("redacteur"))
    response = client.get(f"/api/v1/partijen/{jan.uuid}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 403
    kcc = make_user("kcc-medewerker")
    client.force_login(kcc)
    response = client.get(f"/api/v1/partijen/{jan.uuid}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 200
    assert reads().get().user == kcc


def test_schema_documents_the_partijen_endpoints_and_the_purpose_header(reader):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    assert "/api/v1/partijen/" in paths
    assert "/api/v1/partijen/{uuid}/" in paths
    for path in ["/api/v1/partijen/", "/api/v1/partijen/{uuid}/"]:
        header = [p for p in paths[path]["get"]["parameters"] if p["in"] == "header"]
        assert header == [
            {
                "in": "header",
                "name": "X-Loket-Doel",
                "schema": {"type": "string"},
                "description": header[0]["description"],
                "required": True,
            }
        ]
    list_params = {p["name"] for p in paths["/api/v1/partijen/"]["get"]["parameters"]}
    assert {"bsn", "kvkNummer", "page", "pageSize"} <= list_params
    partij = schema["components"]["schemas"]["Partij"]["properties"]
    assert {"uuid", "soortPartij", "partijIdentificatoren", "digitaleAdressen"} <= partij.keys()
    ok = paths["/api/v1/partijen/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"]["$ref"].endswith("PaginatedPartijList")
