import uuid

import pytest

from loket.api.models import ApiToken, hash_key

URL = "/api/v1/producten/"


def make_token(scopes):
    key = ApiToken.generate_key()
    ApiToken.objects.create(
        name="Telefonie", key_prefix=key[:8], key_hash=hash_key(key), scopes=scopes
    )
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def auth(db):
    return make_token(["producten:lezen"])


@pytest.mark.django_db
def test_list_with_scope_gives_the_municipal_products(client, auth, products):
    response = client.get(URL, **auth)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["upl_naam"] == "paspoort"
    assert first["naam"] == "Paspoort aanvragen"
    assert first["uuid"] == str(products["paspoort"].uuid)
    assert first["overheidslagen"] == ["gemeente"]
    assert first["doelgroepen"] == ["burger"]
    assert first["soorten"] == ["aanvraag"]
    assert first["sdg_codes"] == ["B3", "C1"]
    assert first["grondslagen"][0]["label"] == "Artikel 40 Paspoortwet"
    assert first["url"].endswith(f"/api/v1/producten/{products['paspoort'].uuid}/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?doelgroep=bedrijf", ["terrasvergunning"]),
        ("?overheidslaag=rijk", ["kentekenbewijs"]),
        ("?q=terras", ["terrasvergunning"]),
        ("?q=paspoort&doelgroep=bedrijf", []),
    ],
)
def test_list_filters(client, auth, products, query, expected):
    response = client.get(URL + query, **auth)
    assert response.status_code == 200
    assert [p["upl_naam"] for p in response.json()["results"]] == expected


@pytest.mark.django_db
def test_an_unknown_filter_value_is_a_400(client, auth, products):
    response = client.get(URL + "?doelgroep=kind", **auth)
    assert response.status_code == 400
    assert "doelgroep" in response.json()


@pytest.mark.django_db
def test_detail(client, auth, products):
    response = client.get(f"{URL}{products['terras'].uuid}/", **auth)
    assert response.status_code == 200
    assert response.json()["doelgroepen"] == ["bedrijf"]
    assert client.get(f"{URL}{uuid.uuid4()}/", **auth).status_code == 404
    assert client.get(f"{URL}{products['uit'].uuid}/", **auth).status_code == 404


@pytest.mark.django_db
def test_a_token_without_the_scope_is_refused(client, products):
    headers = make_token(["partijen:lezen"])
    response = client.get(URL, **headers)
    assert response.status_code == 403
    assert "producten:lezen" in response.json()["detail"]
    assert client.get(f"{URL}{products['paspoort'].uuid}/", **headers).status_code == 403


@pytest.mark.django_db
def test_without_a_token_the_request_is_unauthenticated(client, products):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}{products['paspoort'].uuid}/").status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Token onzin").status_code == 401


@pytest.mark.django_db
def test_a_logged_in_medewerker_needs_view_knowledge(client, make_user, products):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(URL).status_code == 200
    client.force_login(make_user())
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_the_openapi_schema_describes_the_producten_endpoints(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/producten/", "/api/v1/producten/{uuid}/"} <= set(schema["paths"])
    listing = schema["paths"]["/api/v1/producten/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"q", "doelgroep", "overheidslaag", "page"}
    assert {"200", "400", "401", "403"} <= set(listing["responses"])
    product = schema["components"]["schemas"]["Product"]["properties"]
    ref = product["overheidslagen"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][ref]["enum"] == [
        "gemeente",
        "rijk",
        "provincie",
        "waterschap",
    ]
    assert "Grondslag" in schema["components"]["schemas"]


@pytest.mark.django_db
def test_detail_carries_the_formula_channels_and_life_events(client, auth, products):
    from loket.catalogue.models import (
        Dienstverleningsformule,
        Levensgebeurtenis,
        LevensgebeurtenisProduct,
    )

    vlot = Dienstverleningsformule.objects.create(
        code="vlot", naam="Vlot", belofte="Binnen de servicenorm."
    )
    paspoort = products["paspoort"]
    paspoort.dienstverleningsformule = vlot
    paspoort.kanaal_face, paspoort.voorkeurskanaal = True, "face"
    paspoort.servicenorm_werkdagen = 5
    paspoort.save()
    gebeurtenis = Levensgebeurtenis.objects.create(slug="18-worden", naam="18 worden")
    LevensgebeurtenisProduct.objects.create(levensgebeurtenis=gebeurtenis, product=paspoort)

    data = client.get(f"/api/v1/producten/{paspoort.uuid}/", **auth).json()

    assert data["dienstverleningsformule"]["code"] == "vlot"
    assert data["dienstverleningsformule"]["max_wachttijd_balie_minuten"] == 15
    assert data["kanalen"] == ["call", "face"] and data["voorkeurskanaal"] == "face"
    assert data["servicenorm_werkdagen"] == 5
    assert data["levensgebeurtenissen"] == ["18-worden"]
    assert data["webpagina"] == "/producten/paspoort/"
