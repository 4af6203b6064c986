"""The klantcontacten and interne-taken API through HTTP, with scoped tokens and sessions."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from loket.accounts.services import team_add_member, team_create
from loket.api.services import api_token_create
from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.contacts.services import VraagInput, contact_register, contactverzoek_create
from loket.core.models import AuditAction, AuditEntry, Kanaal
from loket.parties.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

DOEL = "Telefonie: inkomend gesprek over paspoort"
KC_URL = "/api/v1/klantcontacten/"
TAAK_URL = "/api/v1/interne-taken/"


def token_client(*scopes: str) -> APIClient:
    _, key = api_token_create(name="telefonie", scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def writer():
    return token_client("klantcontacten:schrijven", "klantcontacten:lezen")


@pytest.fixture
def paspoort():
    return ProductFactory(upl_naam="paspoort (api-test)")


def payload(redenen, klant=None, **extra):
    body = {
        "kanaal": "telefoon",
        "onderwerp": "Paspoort",
        "vragen": [
            {
                "vraagtekst": "Wanneer is mijn paspoort klaar?",
                "contactreden": redenen["paspoort"].code,
                "afhandeling": "beantwoord",
                "antwoord": "Over vijf werkdagen.",
            }
        ],
    }
    if klant is not None:
        body["partij"] = str(klant.uuid)
    body.update(extra)
    return body


def register(partij, redenen, kanaal, afhandeling=Afhandeling.BEANTWOORD):
    return contact_register(
        kanaal=kanaal,
        medewerker=None,
        partij=partij,
        vragen=[
            VraagInput(
                vraagtekst="Vraag over paspoort",
                contactreden=redenen["paspoort"],
                afhandeling=afhandeling,
            )
        ],
    )


# --- authentication and scopes -------------------------------------------------------------


def test_without_token_the_api_answers_401(redenen):
    response = APIClient().get(KC_URL, headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 401
    assert APIClient().post(KC_URL, payload(redenen), format="json").status_code == 401


def test_token_without_the_scope_gets_403(redenen):
    reader = token_client("klantcontacten:lezen")
    response = reader.post(KC_URL, payload(redenen), format="json")
    assert response.status_code == 403
    assert "klantcontacten:schrijven" in response.json()["detail"]
    other = token_client("partijen:lezen")
    assert other.get(KC_URL, headers={"X-Loket-Doel": DOEL}).status_code == 403
    assert other.get(TAAK_URL).status_code == 403
    assert Klantcontact.objects.count() == 0


def test_contactverzoeken_is_a_known_scope():
    token, _ = api_token_create(name="backoffice", scopes=["contactverzoeken:lezen"])
    assert token.scopes == ["contactverzoeken:lezen"]


# --- POST klantcontacten -------------------------------------------------------------------


def test_token_registers_a_contact_without_medewerker(writer, redenen, partij, paspoort):
    body = payload(redenen, partij)
    body["vragen"][0]["uplNaam"] = "Paspoort (API-test)"
    body["duur"] = "PT4M30S"
    response = writer.post(KC_URL, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    contact = Klantcontact.objects.get(uuid=data["uuid"])
    assert contact.medewerker is None
    assert data["referentienummer"].startswith("KC-")
    assert data["kanaal"] == "telefoon"
    assert data["betrokkenen"] == [{"partij": str(partij.uuid), "rol": "klant"}]
    vraag = data["onderwerpobjecten"][0]
    assert vraag["contactreden"] == redenen["paspoort"].code
    assert vraag["product"]["uplNaam"] == paspoort.upl_naam
    assert vraag["product"]["uri"] == paspoort.upl_uri
    assert vraag["afhandeling"] == "beantwoord"
    assert data["duur"] == "00:04:30"


def test_retry_with_the_same_idempotency_key_is_stored_once(writer, redenen, partij):
    body = payload(redenen, partij, idempotencyKey="telefonie-42")
    first = writer.post(KC_URL, body, format="json")
    second = writer.post(KC_URL, body, format="json")
    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json()["uuid"] == second.json()["uuid"]
    assert Klantcontact.objects.filter(idempotency_key="telefonie-42").count() == 1


def test_idempotency_key_header_is_accepted(writer, redenen):
    headers = {"Idempotency-Key": "kop-7"}
    first = writer.post(KC_URL, payload(redenen), format="json", headers=headers)
    second = writer.post(KC_URL, payload(redenen), format="json", headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["uuid"] == second.json()["uuid"]
    assert Klantcontact.objects.count() == 1


def test_different_key_in_header_and_body_is_refused(writer, redenen):
    response = writer.post(
        KC_URL,
        payload(redenen, idempotencyKey="a"),
        format="json",
        headers={"Idempotency-Key": "b"},
    )
    assert response.status_code == 400
    assert "idempotencyKey" in response.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kanaal": "postduif"}, "kanaal"),
        ({"vragen": []}, "vragen"),
        ({"partij": str(uuid.uuid4())}, "partij"),
        ({"plaatsgevondenOp": "2999-01-01T10:00:00+01:00"}, "plaatsgevondenOp"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_nothing_is_stored(writer, redenen, change, field):
    response = writer.post(KC_URL, payload(redenen, **change), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert Klantcontact.objects.count() == 0


def test_messages_are_dutch(writer, redenen):
    response = writer.post(KC_URL, payload(redenen, kanaal="postduif", vragen=[]), format="json")
    errors = response.json()
    assert errors["kanaal"] == ["Onbekend kanaal 'postduif'."]
    assert errors["vragen"] == ["Leg ten minste één vraag vast."]


def test_unknown_contactreden_names_the_nested_field(writer, redenen):
    body = payload(redenen)
    body["vragen"][0]["contactreden"] = "bestaat-niet"
    response = writer.post(KC_URL, body, format="json")
    assert response.status_code == 400
    # The error names the question (by index) and its field.
    assert "contactreden" in response.json()["vragen"]["0"]


def test_inactive_contactreden_from_the_service_is_reported_on_vragen(writer, redenen):
    redenen["paspoort"].is_actief = False
    redenen["paspoort"].save()
    response = writer.post(KC_URL, payload(redenen), format="json")
    assert response.status_code == 400
    assert "niet meer in gebruik" in response.json()["vragen"][0]


# --- GET klantcontacten --------------------------------------------------------------------


def test_reads_require_a_purpose(writer):
    response = writer.get(KC_URL)
    assert response.status_code == 400
    assert "X-Loket-Doel" in response.json()


def test_filter_by_partij_returns_only_their_contacts_and_is_audited(writer, redenen, telefoon):
    jan = PersoonFactory(bsn="999993653", geslachtsnaam="Jansen")
    piet = PersoonFactory(bsn="999990019", geslachtsnaam="Pietersen")
    mine = register(jan, redenen, telefoon)
    register(piet, redenen, telefoon)
    response = writer.get(KC_URL, {"partij": str(jan.uuid)}, headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 200
    data = response.json()
    assert [row["uuid"] for row in data["results"]] == [str(mine.uuid)]
    entry = AuditEntry.objects.get(object_type="parties.partij", object_id=str(jan.pk))
    assert entry.action == AuditAction.READ
    assert entry.purpose == DOEL
    assert entry.actor_label == "api-token:telefonie"
    assert entry.detail["gegevens"] == "klantcontacten"


def test_filter_by_kanaal_and_period(writer, redenen, partij, telefoon):
    import datetime as dt

    from django.utils import timezone

    balie = Kanaal.objects.exclude(code="telefoon").first()
    oud = contact_register(
        kanaal=telefoon,
        medewerker=None,
        partij=partij,
        plaatsgevonden_op=timezone.now() - dt.timedelta(days=30),
        vragen=[VraagInput("Oud", redenen["paspoort"], Afhandeling.BEANTWOORD)],
    )
    nieuw = register(partij, redenen, telefoon)
    register(partij, redenen, balie)
    headers = {"X-Loket-Doel": DOEL}
    by_kanaal = writer.get(KC_URL, {"kanaal": "telefoon"}, headers=headers).json()
    assert {row["uuid"] for row in by_kanaal["results"]} == {str(oud.uuid), str(nieuw.uuid)}
    vanaf = (timezone.now() - dt.timedelta(days=1)).isoformat()
    recent = writer.get(
        KC_URL, {"kanaal": "telefoon", "plaatsgevondenOpVanaf": vanaf}, headers=headers
    ).json()
    assert [row["uuid"] for row in recent["results"]] == [str(nieuw.uuid)]
    bad = writer.get(KC_URL, {"kanaal": "postduif"}, headers=headers)
    assert bad.status_code == 400 and "kanaal" in bad.json()


def test_unknown_partij_filter_is_400(writer):
    response = writer.get(KC_URL, {"partij": str(uuid.uuid4())}, headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 400
    assert "partij" in response.json()


def test_detail_is_audited_and_unknown_is_404(writer, redenen, partij, telefoon):
    contact = register(partij, redenen, telefoon)
    response = writer.get(f"{KC_URL}{contact.uuid}/", headers={"X-Loket-Doel": DOEL})
    assert response.status_code == 200
    assert response.json()["referentienummer"] == contact.referentienummer
    assert AuditEntry.objects.filter(object_id=str(partij.pk), purpose=DOEL).exists()
    missing = writer.get(f"{KC_URL}{uuid.uuid4()}/", headers={"X-Loket-Doel": DOEL})
    assert missing.status_code == 404
    assert writer.get(f"{KC_URL}geen-uuid/", headers={"X-Loket-Doel": DOEL}).status_code == 404


def test_session_user_needs_the_permissions(make_user, redenen):
    client = APIClient()
    client.force_login(make_user("redacteur"))
    assert client.get(KC_URL, headers={"X-Loket-Doel": DOEL}).status_code == 403
    client.force_login(make_user("kcc-medewerker", username="kim"))
    response = client.post(KC_URL, payload(redenen), format="json")
    assert response.status_code == 201
    assert Klantcontact.objects.get(uuid=response.json()["uuid"]).medewerker.username == "kim"


# --- interne taken -------------------------------------------------------------------------


@pytest.fixture
def bo(make_user):
    return make_user("backoffice-medewerker", username="bram")


@pytest.fixture
def burgerzaken(bo):
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    team_add_member(team=team, user=bo)
    return team


@pytest.fixture
def belastingen(make_user):
    team = team_create(name="Belastingen", slug="belastingen")
    team_add_member(team=team, user=make_user("backoffice-medewerker", username="bea"))
    return team


@pytest.fixture
def contact(partij, redenen, telefoon):
    return register(partij, redenen, telefoon, afhandeling=Afhandeling.CONTACTVERZOEK)


@pytest.fixture
def verzoek(contact, burgerzaken):
    return contactverzoek_create(
        vraag=contact.vragen.get(),
        team=burgerzaken,
        gevraagde_handeling="Bel de klant terug over de levering.",
        terugbelnummer="0612345678",
        user=None,
    )


@pytest.fixture
def backoffice_client(bo, burgerzaken):
    client = APIClient()
    client.force_login(bo)
    return client


def test_token_creates_an_interne_taak(contact, burgerzaken):
    client = token_client("contactverzoeken:schrijven")
    response = client.post(
        TAAK_URL,
        {
            "aanleidinggevendKlantcontact": str(contact.uuid),
            "gevraagdeHandeling": "Bel terug over de levering.",
            "toegewezenAanActoren": [
                {"soortActor": "organisatorische_eenheid", "identificatie": "burgerzaken"}
            ],
            "terugbelnummer": "06 12345678",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "te_verwerken"
    assert data["aanleidinggevendKlantcontact"]["uuid"] == str(contact.uuid)
    assert data["toegewezenAanActoren"][0]["identificatie"] == "burgerzaken"
    assert data["toegewezenOp"] is not None and data["deadline"]
    assert data["gebeurtenissen"][0]["soort"] == GebeurtenisSoort.AANGEMAAKT
    assert data["gebeurtenissen"][0]["door"] is None


def test_create_interne_taak_bad_input_names_the_fields(contact, burgerzaken):
    client = token_client("contactverzoeken:schrijven")
    response = client.post(
        TAAK_URL,
        {
            "aanleidinggevendKlantcontact": str(contact.uuid),
            "gevraagdeHandeling": "",
            "toegewezenAanActoren": [
                {"soortActor": "organisatorische_eenheid", "identificatie": "burgerzaken"}
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "gevraagdeHandeling" in response.json()
    unknown = client.post(
        TAAK_URL,
        {
            "aanleidinggevendKlantcontact": str(uuid.uuid4()),
            "gevraagdeHandeling": "Bellen",
            "toegewezenAanActoren": [
                {"soortActor": "organisatorische_eenheid", "identificatie": "bestaat-niet"}
            ],
        },
        format="json",
    )
    assert unknown.status_code == 400
    assert "toegewezenAanActoren" in unknown.json()
    assert Contactverzoek.objects.count() == 0


def test_list_and_detail_by_uuid_or_number(verzoek):
    client = token_client("contactverzoeken:lezen")
    filters = {"status": "te_verwerken", "team": "burgerzaken"}
    assert client.get(TAAK_URL, filters).status_code == 400  # a list read needs a purpose
    listing = client.get(TAAK_URL, filters, headers={"X-Loket-Doel": DOEL})
    assert listing.status_code == 200
    assert [row["uuid"] for row in listing.json()["results"]] == [str(verzoek.uuid)]
    by_uuid = client.get(f"{TAAK_URL}{verzoek.uuid}/")
    by_number = client.get(f"{TAAK_URL}{verzoek.pk}/")
    assert by_uuid.status_code == by_number.status_code == 200
    assert by_uuid.json()["nummer"] == by_number.json()["nummer"] == verzoek.pk
    assert client.get(f"{TAAK_URL}{uuid.uuid4()}/").status_code == 404
    assert client.get(f"{TAAK_URL}99999999999999999999999/").status_code == 404


def test_token_cannot_perform_actions_that_need_a_medewerker(verzoek):
    client = token_client("contactverzoeken:schrijven", "contactverzoeken:lezen")
    response = client.patch(
        f"{TAAK_URL}{verzoek.uuid}/", {"actie": "afsluiten", "resultaat": "Gebeld."}, format="json"
    )
    assert response.status_code == 403
    assert "medewerker" in response.json()["detail"]
    verzoek.refresh_from_db()
    assert verzoek.status == ContactverzoekStatus.TE_VERWERKEN


def test_patch_close_by_a_backoffice_medewerker(backoffice_client, verzoek, bo):
    response = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.uuid}/",
        {"actie": "afsluiten", "resultaat": "Klant gebeld, paspoort ligt klaar."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "verwerkt"
    assert data["afgehandeldOp"] is not None
    assert data["gebeurtenissen"][-1]["soort"] == GebeurtenisSoort.AFGESLOTEN
    assert data["gebeurtenissen"][-1]["door"] == "bram"
    again = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.uuid}/",
        {"actie": "afsluiten", "resultaat": "Nog eens."},
        format="json",
    )
    assert again.status_code == 400
    assert "status" in again.json()


def test_patch_close_without_resultaat_names_the_field(backoffice_client, verzoek):
    response = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.pk}/", {"actie": "afsluiten"}, format="json"
    )
    assert response.status_code == 400
    assert "resultaat" in response.json()


def test_patch_forward_and_attempt(backoffice_client, verzoek, belastingen):
    attempt = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.pk}/",
        {"actie": "terugbelpoging", "bereikt": False, "kanaal": "telefoon"},
        format="json",
    )
    assert attempt.status_code == 200
    assert attempt.json()["status"] == "in_behandeling"
    forward = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.pk}/", {"actie": "doorsturen", "team": "belastingen"}, format="json"
    )
    assert forward.status_code == 200, forward.json()
    assert forward.json()["toegewezenAanActoren"][0]["identificatie"] == "belastingen"
    missing = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.pk}/", {"actie": "doorsturen"}, format="json"
    )
    # Forwarded away: bram no longer sees it.
    assert missing.status_code in (400, 404)


def test_reopen_needs_a_teamleider(backoffice_client, verzoek):
    backoffice_client.patch(
        f"{TAAK_URL}{verzoek.pk}/", {"actie": "afsluiten", "resultaat": "Gebeld."}, format="json"
    )
    response = backoffice_client.patch(
        f"{TAAK_URL}{verzoek.pk}/", {"actie": "heropenen"}, format="json"
    )
    assert response.status_code == 403
    assert "teamleider" in response.json()["detail"]


def test_session_user_without_handle_cases_gets_403(make_user, verzoek):
    client = APIClient()
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(TAAK_URL).status_code == 403


def test_token_creates_an_interne_taak_for_a_named_medewerker_only(contact, bo):
    """Issue 16, item 5: a verzoek goes to a team or a medewerker; neither names the field."""
    client = token_client("contactverzoeken:schrijven")
    body = {
        "aanleidinggevendKlantcontact": str(contact.uuid),
        "gevraagdeHandeling": "Bel terug over de levering.",
        "toegewezenAanActoren": [],
        "terugbelnummer": "06 12345678",
    }
    neither = client.post(TAAK_URL, body, format="json")
    assert neither.status_code == 400
    assert "ten minste één van beide" in str(neither.json())
    assert "toegewezenAanActoren" in neither.json()
    body["toegewezenAanActoren"] = [{"soortActor": "medewerker", "identificatie": "bram"}]
    response = client.post(TAAK_URL, body, format="json")
    assert response.status_code == 201, response.json()
    verzoek = Contactverzoek.objects.get()
    assert verzoek.medewerker == bo and verzoek.team is None
    assert response.json()["toegewezenAanActoren"][0]["soortActor"] == "medewerker"


def test_a_page_of_contacts_costs_the_same_queries_for_3_or_13_contacts(
    partij, redenen, telefoon, burgerzaken
):
    client = token_client("klantcontacten:lezen")

    def add(n: int) -> None:
        for _ in range(n):
            contact = register(partij, redenen, telefoon, afhandeling=Afhandeling.CONTACTVERZOEK)
            contactverzoek_create(
                vraag=contact.vragen.get(),
                team=burgerzaken,
                gevraagde_handeling="Bel terug.",
                terugbelnummer="0612345678",
                user=None,
            )

    def queries() -> tuple[int, list, list]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(
                KC_URL, {"partij": str(partij.uuid)}, headers={"X-Loket-Doel": DOEL}
            )
        assert response.status_code == 200
        return len(captured), response.json()["results"], [q["sql"][:90] for q in captured]

    add(3)
    queries()  # the token's first use writes its "laatst gebruikt" once
    few, rows, few_q = queries()
    assert len(rows) == 3 and all(len(row["internetaken"]) == 1 for row in rows)
    add(10)
    many, rows, many_q = queries()
    assert len(rows) == 13 and all(len(row["internetaken"]) == 1 for row in rows)
    assert many == few, (few_q, many_q)
