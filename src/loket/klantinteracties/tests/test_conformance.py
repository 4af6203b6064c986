"""Every implemented operation of the Klantinteracties API, called live through the test client,
its status and body validated against docs/api/standards/klantinteracties-0.9.0.yaml; every
operation Loket does not offer answers 405 in the VNG error shape."""

from __future__ import annotations

import pytest

from loket.api.services import api_token_create
from loket.klantinteracties.tests.conftest import BASE, token_client
from loket.klantinteracties.tests.spec import (
    operations,
    validate,
    validate_error,
    validate_response,
)
from loket.klantinteracties.uuids import Kind, derived_uuid

pytestmark = pytest.mark.django_db

IMPLEMENTED = {
    ("/partijen", "get"),
    ("/partijen/{uuid}", "get"),
    ("/partij-identificatoren", "get"),
    ("/partij-identificatoren/{uuid}", "get"),
    ("/digitaleadressen", "get"),
    ("/digitaleadressen/{uuid}", "get"),
    ("/klantcontacten", "get"),
    ("/klantcontacten", "post"),
    ("/klantcontacten/{uuid}", "get"),
    ("/maak-klantcontact", "post"),
    ("/betrokkenen", "get"),
    ("/betrokkenen", "post"),
    ("/betrokkenen/{uuid}", "get"),
    ("/onderwerpobjecten", "get"),
    ("/onderwerpobjecten/{uuid}", "get"),
    ("/internetaken", "get"),
    ("/internetaken", "post"),
    ("/internetaken/{uuid}", "get"),
    ("/internetaken/{uuid}", "patch"),
    ("/actoren", "get"),
    ("/actoren/{uuid}", "get"),
}


def url(path: str, uuid: object = None) -> str:
    return BASE + path.lstrip("/").replace("{uuid}", str(uuid))


def test_the_implemented_operations_are_operations_of_the_spec():
    assert set(operations()) >= IMPLEMENTED


def test_partijen_list_and_detail_conform(api, ki_world):
    expand = "digitaleAdressen,betrokkenen,betrokkenen.hadKlantcontact"
    response = api.get(url("/partijen"), {"expand": expand})
    body = validate_response(response, "/partijen", "get")
    assert body["count"] == 2
    persoon = next(p for p in body["results"] if p["soortPartij"] == "persoon")
    assert persoon["partijIdentificatie"]["contactnaam"]["achternaam"] == "Jansen"
    betrokkene = persoon["_expand"]["betrokkenen"][0]
    assert betrokkene["uuid"] == str(ki_world.contact.uuid)
    assert betrokkene["_expand"]["hadKlantcontact"]["onderwerp"] == "Paspoort aanvragen"

    for partij in (ki_world.persoon, ki_world.organisatie):
        response = api.get(url("/partijen/{uuid}", partij.uuid), {"expand": "digitaleAdressen"})
        body = validate_response(response, "/partijen/{uuid}", "get")
        assert body["url"] == "http://testserver" + url("/partijen/{uuid}", partij.uuid)


def test_partij_identificatoren_conform(api, ki_world):
    body = validate_response(
        api.get(url("/partij-identificatoren")), "/partij-identificatoren", "get"
    )
    soorten = sorted(row["partijIdentificator"]["codeSoortObjectId"] for row in body["results"])
    assert soorten == ["bsn", "kvk_nummer", "rsin", "vestigingsnummer"]
    for row in body["results"]:
        detail = api.get(url("/partij-identificatoren/{uuid}", row["uuid"]))
        assert validate_response(detail, "/partij-identificatoren/{uuid}", "get") == row


def test_digitale_adressen_conform(api, ki_world):
    response = api.get(url("/digitaleadressen"), {"expand": "verstrektDoorBetrokkene"})
    body = validate_response(response, "/digitaleadressen", "get")
    assert body["count"] == 2
    assert body["results"][0]["_expand"] == {"verstrektDoorBetrokkene": None}
    detail = api.get(url("/digitaleadressen/{uuid}", ki_world.email.uuid))
    assert validate_response(detail, "/digitaleadressen/{uuid}", "get")["adres"] == (
        ki_world.email.adres
    )


EXPAND_KLANTCONTACT = (
    "hadBetrokkenen,hadBetrokkenen.wasPartij,hadBetrokkenen.digitaleAdressen,"
    "leiddeTotInterneTaken,gingOverOnderwerpobjecten,omvatteBijlagen"
)


def test_klantcontacten_list_and_detail_conform(api, ki_world):
    response = api.get(url("/klantcontacten"), {"expand": EXPAND_KLANTCONTACT})
    body = validate_response(response, "/klantcontacten", "get")
    contact = body["results"][0]
    assert contact["_expand"]["leiddeTotInterneTaken"][0]["uuid"] == str(ki_world.verzoek.uuid)
    assert contact["hadBetrokkenActoren"][0]["soortActor"] == "medewerker"
    partij = contact["_expand"]["hadBetrokkenen"][0]["_expand"]["wasPartij"]
    assert partij["uuid"] == str(ki_world.persoon.uuid)
    response = api.get(
        url("/klantcontacten/{uuid}", ki_world.contact.uuid), {"expand": EXPAND_KLANTCONTACT}
    )
    validate_response(response, "/klantcontacten/{uuid}", "get")


def test_betrokkenen_and_onderwerpobjecten_conform(api, ki_world):
    response = api.get(url("/betrokkenen"), {"expand": "digitaleAdressen"})
    body = validate_response(response, "/betrokkenen", "get")
    assert body["results"][0]["wasPartij"]["uuid"] == str(ki_world.persoon.uuid)
    assert body["results"][0]["_expand"] == {"digitaleAdressen": []}
    detail = api.get(url("/betrokkenen/{uuid}", ki_world.contact.uuid))
    validate_response(detail, "/betrokkenen/{uuid}", "get")

    body = validate_response(api.get(url("/onderwerpobjecten")), "/onderwerpobjecten", "get")
    row = body["results"][0]
    assert row["onderwerpobjectidentificator"]["objectId"] == ki_world.product.upl_uri
    detail = api.get(url("/onderwerpobjecten/{uuid}", row["uuid"]))
    assert validate_response(detail, "/onderwerpobjecten/{uuid}", "get") == row


def test_internetaken_and_actoren_conform(api, ki_world):
    body = validate_response(api.get(url("/internetaken")), "/internetaken", "get")
    assert body["results"][0]["status"] == "te_verwerken"
    detail = api.get(url("/internetaken/{uuid}", ki_world.verzoek.uuid))
    validate_response(detail, "/internetaken/{uuid}", "get")

    body = validate_response(api.get(url("/actoren")), "/actoren", "get")
    soorten = {row["soortActor"] for row in body["results"]}
    assert soorten == {"medewerker", "organisatorische_eenheid"}
    for actor in (
        derived_uuid(Kind.TEAM, ki_world.team.pk),
        derived_uuid(Kind.MEDEWERKER, ki_world.medewerker.pk),
    ):
        validate_response(api.get(url("/actoren/{uuid}", actor)), "/actoren/{uuid}", "get")


KLANTCONTACT = {
    "kanaal": "telefoon",
    "onderwerp": "Vraag over afvalpas",
    "inhoud": "De klant is zijn afvalpas kwijt.",
    "taal": "nld",
    "vertrouwelijk": False,
    "indicatieContactGelukt": True,
    "verdereActieOndernomen": True,
}


def test_post_klantcontacten_and_maak_klantcontact_conform(api, ki_world):
    response = api.post(url("/klantcontacten"), KLANTCONTACT, format="json")
    body = validate_response(response, "/klantcontacten", "post")
    assert response.status_code == 201 and body["onderwerp"] == "Vraag over afvalpas"

    maak = {
        "klantcontact": KLANTCONTACT,
        "betrokkene": {"wasPartij": {"uuid": str(ki_world.persoon.uuid)}, "rol": "klant"},
        "onderwerpobject": {
            "onderwerpobjectidentificator": {
                "objectId": ki_world.product.upl_uri,
                "codeObjecttype": "product",
                "codeRegister": "upl",
                "codeSoortObjectId": "uri",
            }
        },
    }
    response = api.post(url("/maak-klantcontact"), maak, format="json")
    body = validate_response(response, "/maak-klantcontact", "post")
    assert body["betrokkene"]["wasPartij"]["uuid"] == str(ki_world.persoon.uuid)
    assert body["onderwerpobject"]["klantcontact"]["uuid"] == body["klantcontact"]["uuid"]


def test_post_and_patch_internetaken_conform(api, ki_world, client):
    # KISS's order: the klantcontact, its betrokkene (the klant), then the interne taak.
    contact = api.post(url("/klantcontacten"), KLANTCONTACT, format="json").json()
    betrokkene = {
        "hadKlantcontact": {"uuid": contact["uuid"]},
        "wasPartij": {"url": f"http://testserver{url('/partijen/{uuid}', ki_world.persoon.uuid)}"},
        "rol": "klant",
        "initiator": True,
    }
    response = api.post(url("/betrokkenen"), betrokkene, format="json")
    body = validate_response(response, "/betrokkenen", "post")
    assert response.status_code == 201 and body["uuid"] == contact["uuid"]
    assert body["wasPartij"]["uuid"] == str(ki_world.persoon.uuid)
    taak = {
        "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
        "gevraagdeHandeling": "Nieuwe afvalpas sturen",
        "toegewezenAanActoren": [{"uuid": str(derived_uuid(Kind.TEAM, ki_world.team.pk))}],
        "toelichting": "Klant is bereikbaar na 17 uur.",
        "status": "te_verwerken",
    }
    response = api.post(url("/internetaken"), taak, format="json")
    body = validate_response(response, "/internetaken", "post")
    assert response.status_code == 201
    assert body["aanleidinggevendKlantcontact"]["uuid"] == contact["uuid"]

    # PATCH is a medewerker's action (a session): close the task with its result.
    client.force_login(ki_world.medewerker)
    response = client.patch(
        url("/internetaken/{uuid}", body["uuid"]),
        {"status": "verwerkt", "toelichting": "Afvalpas verstuurd."},
        content_type="application/json",
        headers={"X-Loket-Doel": "Taak afhandelen"},
    )
    patched = validate_response(response, "/internetaken/{uuid}", "patch")
    assert patched["status"] == "verwerkt" and patched["afgehandeldOp"]


def test_validation_errors_have_the_vng_shape_and_name_the_field(api, ki_world):
    response = api.post(url("/klantcontacten"), {**KLANTCONTACT, "kanaal": "duif"}, format="json")
    body = validate_error(response, 400)
    assert body["invalidParams"] == [
        {"name": "kanaal", "code": "invalid", "reason": "Onbekend kanaal 'duif'."}
    ]
    body = validate_error(api.get(url("/partijen"), {"soortPartij": "robot"}), 400)
    assert body["invalidParams"][0]["name"] == "soortPartij"


def test_not_found_and_refusals_have_the_vng_shape(api, ki_world):
    validate_error(api.get(url("/partijen/{uuid}", "00000000-0000-4000-8000-000000000000")), 404)
    validate_error(token_client("onbekend").get(url("/partijen")), 401)


@pytest.mark.parametrize(
    ("path", "method"), sorted(set(operations()) - IMPLEMENTED), ids=lambda value: str(value)
)
def test_every_operation_not_offered_answers_405(ki_world, path, method):
    api = token_client(ki_world.key)
    response = getattr(api, method)(
        url(path, "00000000-0000-4000-8000-000000000001"), {}, format="json"
    )
    body = validate_error(response, 405)
    assert method.upper() in body["detail"]


def test_an_operation_not_offered_checks_the_scope_of_its_data_first(ki_world):
    _t, key = api_token_create(name="Alleen klantcontacten", scopes=["klantcontacten:lezen"])
    client = token_client(key)
    validate_error(client.get(url("/bijlagen")), 405)
    validate_error(client.get(url("/rekeningnummers")), 403)


def test_a_renamed_field_fails_the_validation(api, ki_world):
    """The validation is strict: a field under another name, or a required one missing, fails."""
    body = api.get(url("/partijen/{uuid}", ki_world.persoon.uuid)).json()
    schema = {"$ref": "#/components/schemas/ExpandPartij"}
    validate(body, schema)
    renamed = {**body, "soortpartij": body["soortPartij"]}
    del renamed["soortPartij"]
    with pytest.raises(AssertionError, match="soortPartij"):
        validate(renamed, schema)
    optional_renamed = {**body, "voorkeurTaal": body.pop("voorkeurstaal")}
    with pytest.raises(AssertionError, match="voorkeurTaal"):
        validate(optional_renamed, schema)


def test_session_medewerker_without_permission_is_refused(client, ki_world, make_user):
    user = make_user(role="redacteur")
    assert not user.has_perm("accounts.view_person_data")
    client.force_login(user)
    response = client.get(url("/partijen"), headers={"X-Loket-Doel": "x"})
    validate_error(response, 403)
