"""The Klantinteracties API's behaviour through HTTP: filters, purpose and audit, idempotency,
the writes' rules, and a fixed number of queries per list page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.accounts.constants import Role
from loket.accounts.tests.factories import TeamFactory, UserFactory
from loket.api.services import api_token_create
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.core.models import AuditAction, AuditEntry
from loket.klantinteracties.tests.conftest import (
    BASE,
    DOEL,
    KLANTCONTACT_URL,
    register_contact,
    token_client,
)
from loket.klantinteracties.tests.spec import validate_error
from loket.klantinteracties.uuids import Kind, derived_uuid
from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def reads_of(partij, purpose: str) -> int:
    return AuditEntry.objects.filter(
        action=AuditAction.READ, object_id=str(partij.pk), purpose=purpose
    ).count()


# --- purpose and audit ----------------------------------------------------------------------


def test_a_read_without_purpose_uses_the_tokens_default_purpose(ki_world):
    response = token_client(ki_world.key_doel, doel=None).get(BASE + "partijen")
    assert response.status_code == 200
    assert reads_of(ki_world.persoon, "Standaarddoel KISS") == 1


def test_a_read_without_purpose_and_without_default_is_refused(ki_world):
    response = token_client(ki_world.key, doel=None).get(BASE + "partijen")
    body = validate_error(response, 400)
    assert body["invalidParams"][0]["name"] == "X-Loket-Doel"
    assert not AuditEntry.objects.filter(action=AuditAction.READ).exists()


def test_the_header_wins_over_the_default_purpose(ki_world):
    client = token_client(ki_world.key_doel, doel="Terugbelverzoek 12")
    assert client.get(BASE + f"partijen/{ki_world.persoon.uuid}").status_code == 200
    assert reads_of(ki_world.persoon, "Terugbelverzoek 12") == 1
    assert reads_of(ki_world.persoon, "Standaarddoel KISS") == 0


def test_api_v1_uses_the_default_purpose_too_and_still_refuses_without_any(ki_world):
    response = token_client(ki_world.key_doel, doel=None).get("/api/v1/partijen/")
    assert response.status_code == 200
    assert reads_of(ki_world.persoon, "Standaarddoel KISS") == 1
    assert token_client(ki_world.key, doel=None).get("/api/v1/partijen/").status_code == 400


def test_every_list_records_each_person_shown_with_the_purpose(api, ki_world):
    for resource in ("klantcontacten", "betrokkenen", "onderwerpobjecten", "internetaken"):
        doel = f"Lijst {resource}"
        client = token_client(ki_world.key, doel=doel)
        assert client.get(BASE + resource).status_code == 200
        assert reads_of(ki_world.persoon, doel) == 1, resource


def test_a_token_without_the_scope_is_refused(ki_world):
    _t, key = api_token_create(name="Alleen kennis", scopes=["kennis:lezen"])
    for resource in ("partijen", "klantcontacten", "internetaken", "actoren"):
        validate_error(token_client(key).get(BASE + resource), 403)


# --- filters, pagination, expand -------------------------------------------------------------


def test_partijen_by_bsn_as_kiss_searches(api, ki_world):
    PersoonFactory(bsn="111222333")
    response = api.get(
        BASE + "partijen",
        {
            "partijIdentificator__codeSoortObjectId": "bsn",
            "partijIdentificator__objectId": "999993653",
        },
    )
    assert [p["uuid"] for p in response.json()["results"]] == [str(ki_world.persoon.uuid)]


def test_partijen_by_kvk_nummer_and_soort(api, ki_world):
    response = api.get(
        BASE + "partijen",
        {
            "partijIdentificator__codeSoortObjectId": "kvk_nummer",
            "partijIdentificator__objectId": "68750110",
        },
    )
    assert [p["uuid"] for p in response.json()["results"]] == [str(ki_world.organisatie.uuid)]
    response = api.get(BASE + "partijen", {"soortPartij": "persoon"})
    assert {p["soortPartij"] for p in response.json()["results"]} == {"persoon"}


def test_klantcontacten_by_partij_url_and_by_product(api, ki_world):
    other = PersoonFactory()
    register_contact(
        {"medewerker": None, "team": ki_world.team, "reden": ki_world.reden}, partij=other
    )
    partij_url = f"http://testserver{BASE}partijen/{ki_world.persoon.uuid}"
    rows = api.get(BASE + "klantcontacten", {"hadBetrokkene__wasPartij__url": partij_url})
    assert [c["uuid"] for c in rows.json()["results"]] == [str(ki_world.contact.uuid)]
    rows = api.get(
        BASE + "klantcontacten",
        {"onderwerpobject__onderwerpobjectidentificatorObjectId": ki_world.product.upl_uri},
    )
    assert [c["uuid"] for c in rows.json()["results"]] == [str(ki_world.contact.uuid)]
    assert api.get(BASE + "klantcontacten").json()["count"] == 2
    zaak = {
        "onderwerpobject__onderwerpobjectidentificatorCodeObjecttype": "zgw-Zaak",
        "onderwerpobject__onderwerpobjectidentificatorObjectId": "ZAAK-2026-0000001",
    }
    assert api.get(BASE + "klantcontacten", zaak).json()["count"] == 0
    product = {"onderwerpobject__onderwerpobjectidentificatorCodeRegister": "upl"}
    rows = api.get(BASE + "klantcontacten", product).json()["results"]
    assert [c["uuid"] for c in rows] == [str(ki_world.contact.uuid)]
    bsn = {
        "hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId": "bsn",
        "hadBetrokkene__wasPartij__partijIdentificator__objectId": "999993653",
    }
    rows = api.get(BASE + "klantcontacten", bsn).json()["results"]
    assert [c["uuid"] for c in rows] == [str(ki_world.contact.uuid)]


def test_internetaken_by_actor_url_and_status(api, ki_world):
    team_url = f"http://testserver{BASE}actoren/{derived_uuid(Kind.TEAM, ki_world.team.pk)}"
    rows = api.get(BASE + "internetaken", {"toegewezenAanActor__url": team_url})
    assert [t["uuid"] for t in rows.json()["results"]] == [str(ki_world.verzoek.uuid)]
    assert api.get(BASE + "internetaken", {"status": "verwerkt"}).json()["count"] == 0
    unknown = f"http://testserver{BASE}actoren/00000000-0000-4000-8000-000000000009"
    assert api.get(BASE + "internetaken", {"toegewezenAanActor__url": unknown}).json()["count"] == 0


def test_pagination_follows_the_spec(api, ki_world):
    body = api.get(BASE + "partij-identificatoren", {"pageSize": 3}).json()
    assert body["count"] == 4 and len(body["results"]) == 3
    assert body["previous"] is None and "page=2" in body["next"]
    second = api.get(body["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    all_uuids = {row["uuid"] for row in body["results"] + second["results"]}
    assert len(all_uuids) == 4
    validate_error(api.get(BASE + "partijen", {"page": 9}), 404)


def test_an_unsupported_filter_is_refused_not_ignored(api, ki_world):
    body = validate_error(api.get(BASE + "partijen", {"bezoekadresLand": "NL"}), 400)
    assert body["invalidParams"][0]["name"] == "bezoekadresLand"
    body = validate_error(api.get(BASE + "partijen", {"expand": "rekeningnummers"}), 400)
    assert body["invalidParams"][0]["name"] == "expand"


# --- writes ---------------------------------------------------------------------------------


def test_a_retried_klantcontact_is_stored_once(api, ki_world):
    before = Klantcontact.objects.count()
    headers = {"Idempotency-Key": "kiss-42"}
    first = api.post(KLANTCONTACT_URL, KLANTCONTACT, format="json", headers=headers)
    again = api.post(KLANTCONTACT_URL, KLANTCONTACT, format="json", headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["uuid"] == again.json()["uuid"]
    assert Klantcontact.objects.count() == before + 1


def test_a_posted_klantcontact_keeps_vertrouwelijk_taal_and_gelukt(api, ki_world):
    body = {**KLANTCONTACT, "vertrouwelijk": True, "taal": "eng", "indicatieContactGelukt": False}
    uuid = api.post(KLANTCONTACT_URL, body, format="json").json()["uuid"]
    contact = Klantcontact.objects.get(uuid=uuid)
    assert (contact.vertrouwelijk, contact.taal, contact.indicatie_contact_gelukt) == (
        True,
        "eng",
        False,
    )
    assert contact.vragen.get().afhandeling == "contactverzoek"


def test_a_klantcontact_without_required_fields_names_them_in_dutch(api, ki_world):
    body = validate_error(api.post(KLANTCONTACT_URL, {}, format="json"), 400)
    names = {param["name"] for param in body["invalidParams"]}
    assert {"kanaal", "onderwerp", "taal", "vertrouwelijk"} <= names
    assert all(param["reason"] == "Dit veld is vereist." for param in body["invalidParams"])


def test_a_betrokkene_links_an_anonymous_klantcontact_to_its_klant_once(api, ki_world):
    contact = api.post(KLANTCONTACT_URL, KLANTCONTACT, format="json").json()
    betrokkene = {
        "hadKlantcontact": {"uuid": contact["uuid"]},
        "wasPartij": {"uuid": str(ki_world.persoon.uuid)},
    }
    first = api.post(BASE + "betrokkenen", betrokkene, format="json")
    again = api.post(BASE + "betrokkenen", betrokkene, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert Klantcontact.objects.get(uuid=contact["uuid"]).partij == ki_world.persoon
    other = {**betrokkene, "wasPartij": {"uuid": str(ki_world.organisatie.uuid)}}
    body = validate_error(api.post(BASE + "betrokkenen", other, format="json"), 400)
    assert body["invalidParams"][0]["name"] == "wasPartij"
    assert Klantcontact.objects.get(uuid=contact["uuid"]).partij == ki_world.persoon


def test_a_betrokkene_without_a_partij_is_refused_in_dutch(api, ki_world):
    contact = api.post(KLANTCONTACT_URL, KLANTCONTACT, format="json").json()
    betrokkene = {
        "hadKlantcontact": {"uuid": contact["uuid"]},
        "contactnaam": {"voornaam": "Anna", "achternaam": "Anoniem"},
    }
    body = validate_error(api.post(BASE + "betrokkenen", betrokkene, format="json"), 400)
    assert body["invalidParams"][0]["name"] == "wasPartij"
    assert "wasPartij" in body["invalidParams"][0]["reason"]
    assert Klantcontact.objects.get(uuid=contact["uuid"]).partij is None


def test_an_interne_taak_needs_a_klantcontact_that_asks_for_follow_up(api, ki_world):
    answered = api.post(
        BASE + "maak-klantcontact",
        {
            "klantcontact": {**KLANTCONTACT, "verdereActieOndernomen": False},
            "betrokkene": {"wasPartij": {"uuid": str(ki_world.persoon.uuid)}},
        },
        format="json",
    ).json()["klantcontact"]
    taak = {**TAAK, "aanleidinggevendKlantcontact": {"uuid": answered["uuid"]}}
    taak["toegewezenAanActoren"] = [{"uuid": str(derived_uuid(Kind.TEAM, ki_world.team.pk))}]
    body = validate_error(api.post(BASE + "internetaken", taak, format="json"), 400)
    assert body["invalidParams"][0]["name"] == "aanleidinggevendKlantcontact"
    assert "verdereActieOndernomen" in body["invalidParams"][0]["reason"]


def test_an_interne_taak_for_an_unknown_actor_is_refused(api, ki_world):
    taak = {**TAAK, "aanleidinggevendKlantcontact": {"uuid": str(ki_world.contact.uuid)}}
    taak["toegewezenAanActoren"] = [{"uuid": "00000000-0000-4000-8000-000000000009"}]
    body = validate_error(api.post(BASE + "internetaken", taak, format="json"), 400)
    assert body["invalidParams"][0]["name"].startswith("toegewezenAanActoren")


def test_a_token_cannot_patch_an_interne_taak(api, ki_world):
    response = api.patch(
        BASE + f"internetaken/{ki_world.verzoek.uuid}",
        {"status": "verwerkt", "toelichting": "Klaar."},
        format="json",
    )
    assert "medewerker" in validate_error(response, 403)["detail"]
    ki_world.verzoek.refresh_from_db()
    assert ki_world.verzoek.status != "verwerkt"


def test_a_medewerker_forwards_an_interne_taak_to_another_actor(client, ki_world, make_user):
    client.force_login(ki_world.medewerker)
    team = derived_uuid(Kind.TEAM, ki_world.team.pk)
    response = client.patch(
        BASE + f"internetaken/{ki_world.verzoek.uuid}",
        {"toegewezenAanActoren": [{"uuid": str(team)}]},
        content_type="application/json",
        headers={"X-Loket-Doel": DOEL},
    )
    assert response.status_code == 200, response.content
    verzoek = Contactverzoek.objects.get(pk=ki_world.verzoek.pk)
    assert (verzoek.team_id, verzoek.medewerker_id) == (ki_world.team.pk, None)


# --- queries ----------------------------------------------------------------------------------


def _queries(client, path: str, params: dict) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(BASE + path, params)
    assert response.status_code == 200, response.content
    return len(captured), len(response.json()["results"])


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("partijen", {"expand": "digitaleAdressen,betrokkenen,betrokkenen.hadKlantcontact"}),
        (
            "klantcontacten",
            {"expand": "hadBetrokkenen.wasPartij,leiddeTotInterneTaken,gingOverOnderwerpobjecten"},
        ),
        ("betrokkenen", {"expand": "digitaleAdressen"}),
        ("onderwerpobjecten", {}),
        ("internetaken", {}),
        ("digitaleadressen", {}),
        ("partij-identificatoren", {}),
    ],
)
def test_a_list_page_takes_the_same_queries_for_3_and_13_rows(ki_world, path, params):
    client = token_client(ki_world.key)
    parts = {"medewerker": ki_world.medewerker, "team": ki_world.team, "reden": ki_world.reden}

    def add(n: int) -> None:
        for _ in range(n):
            partij = PersoonFactory()
            DigitaalAdresFactory(partij=partij)
            register_contact(parts, partij=partij, product=ki_world.product, verzoek=True)

    add(2)
    _queries(client, path, params)  # the token's first use writes its "laatst gebruikt"
    few, rows_few = _queries(client, path, params)
    add(10)
    many, rows_many = _queries(client, path, params)
    assert rows_many == rows_few + 10
    assert many == few


KLANTCONTACT = {
    "kanaal": "telefoon",
    "onderwerp": "Vraag over afvalpas",
    "inhoud": "De klant is zijn afvalpas kwijt.",
    "taal": "nld",
    "vertrouwelijk": False,
    "verdereActieOndernomen": True,
}
TAAK = {
    "gevraagdeHandeling": "Nieuwe afvalpas sturen",
    "status": "te_verwerken",
}


def test_a_medewerker_of_another_team_sees_no_interne_taak_of_this_team(client, ki_world):
    andere = TeamFactory(name="Belastingen", slug="belastingen", email="bel@gemeente.example")
    buiten = UserFactory(role=Role.BACKOFFICE.value, teams=[andere])
    client.force_login(buiten)
    headers = {"X-Loket-Doel": DOEL}
    assert client.get(BASE + "internetaken", headers=headers).json()["count"] == 0
    response = client.get(BASE + f"internetaken/{ki_world.verzoek.uuid}", headers=headers)
    validate_error(response, 403)
    client.force_login(ki_world.medewerker)
    assert client.get(BASE + "internetaken", headers=headers).json()["count"] == 1


def test_actoren_by_soort_and_identificator(api, ki_world):
    assert api.get(BASE + "actoren", {"soortActor": "geautomatiseerde_actor"}).json()["count"] == 0
    teams = api.get(BASE + "actoren", {"soortActor": "organisatorische_eenheid"}).json()
    assert [a["naam"] for a in teams["results"]] == ["Burgerzaken"]
    found = api.get(BASE + "actoren", {"actoridentificatorObjectId": "piet@gemeente.example"})
    assert [a["uuid"] for a in found.json()["results"]] == [
        str(derived_uuid(Kind.MEDEWERKER, ki_world.medewerker.pk))
    ]
