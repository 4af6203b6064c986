"""Confidential contacts (issue 19, contacts.vertrouwelijk): who reads the content, the redacted
form for everyone else, the service's and the API's validation, and the audit of every read and
refused attempt."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from loket.accounts.tests.factories import TeamFactory
from loket.api.services import api_token_create
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact
from loket.contacts.selectors import klantcontact_get
from loket.contacts.services import (
    VerzoekInput,
    VraagInput,
    contactverzoek_register_attempt,
    klantcontact_register,
)
from loket.contacts.tests.factories import ContactredenFactory
from loket.contacts.vertrouwelijk import (
    contactverzoek_may_read,
    klantcontact_may_read,
)
from loket.core.errors import DomainError
from loket.core.models import AuditEntry

pytestmark = pytest.mark.django_db

GEHEIM = "Mevrouw heeft schulden bij drie schuldeisers"
HANDELING = "Bel mevrouw terug over de schuldhulp"
DOEL = "Test: klantcontact inzien"
KC_URL = "/api/v1/klantcontacten/"
TAAK_URL = "/api/v1/interne-taken/"


@pytest.fixture
def sociaal_domein(db):
    return TeamFactory(name="Sociaal domein", slug="sociaal-domein")


@pytest.fixture
def consulent(make_user, sociaal_domein):
    user = make_user("backoffice-medewerker", username="sanne")
    user.teams.add(sociaal_domein)
    return user


@pytest.fixture
def kcc_agent(make_user):
    user = make_user("kcc-medewerker", username="kim")
    user.teams.add(TeamFactory(name="KCC", slug="kcc"))
    return user


def register(*, partij, team, medewerker=None, verzoek_team=None):
    """A confidential contact; with `verzoek_team` its question asks that team to call back."""
    verzoek = (
        VerzoekInput(team=verzoek_team, gevraagde_handeling=HANDELING, terugbelnummer="0612345678")
        if verzoek_team is not None
        else None
    )
    return klantcontact_register(
        kanaal="telefoon",
        medewerker=medewerker,
        partij=partij,
        onderwerp="Schulden",
        inhoud="Afspraak bij de schuldhulp gewenst",
        vragen=[
            VraagInput(
                GEHEIM,
                _reden(),
                Afhandeling.CONTACTVERZOEK if verzoek else Afhandeling.BEANTWOORD,
                antwoord="" if verzoek else "Wij bellen u.",
                verzoek=verzoek,
            )
        ],
        vertrouwelijk=True,
        vertrouwelijk_team=team,
    )


def _reden():
    return Contactreden.objects.filter(code="schulden").first() or ContactredenFactory(
        naam="Schulden", code="schulden"
    )


def _audit(obj, user, uitkomst):
    return AuditEntry.objects.filter(
        user=user,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail__vertrouwelijk=uitkomst,
    )


# --- the rule -------------------------------------------------------------------------------


def test_only_members_of_the_named_team_read_a_confidential_contact(
    partij, sociaal_domein, consulent, kcc_agent, make_user
):
    contact = register(partij=partij, team=sociaal_domein).klantcontact
    leider = make_user("teamleider")
    beheerder = make_user("beheerder")
    assert klantcontact_may_read(consulent, contact)
    for other in (kcc_agent, leider, beheerder):
        assert not klantcontact_may_read(other, contact), other
    assert klantcontact_may_read(None, contact)  # Loket itself (the worker, the inzage)
    open_contact = register(partij=partij, team=sociaal_domein).klantcontact
    open_contact.vertrouwelijk = False
    assert klantcontact_may_read(kcc_agent, open_contact)


def test_a_verzoek_of_a_confidential_contact_is_read_by_the_team_and_its_handlers(
    partij, sociaal_domein, consulent, kcc_agent, make_user
):
    schuldhulp = TeamFactory(name="Schuldhulp")
    handler = make_user("backoffice-medewerker", username="henk")
    handler.teams.add(schuldhulp)
    verzoek = register(partij=partij, team=sociaal_domein, verzoek_team=schuldhulp).verzoeken[0]
    assert contactverzoek_may_read(consulent, verzoek)  # the contact's team
    assert contactverzoek_may_read(handler, verzoek)  # the verzoek's own team
    assert not contactverzoek_may_read(kcc_agent, verzoek)
    assert not contactverzoek_may_read(make_user("teamleider"), verzoek)


def test_a_team_without_confidential_is_refused_and_names_the_field(partij, sociaal_domein):
    with pytest.raises(DomainError) as exc:
        klantcontact_register(
            kanaal="telefoon",
            medewerker=None,
            partij=partij,
            vragen=[VraagInput("Vraag", _reden(), Afhandeling.BEANTWOORD)],
            vertrouwelijk_team=sociaal_domein,
        )
    assert exc.value.field == "vertrouwelijk_team"
    assert "alleen bij een vertrouwelijk contact" in exc.value.message
    assert not Klantcontact.objects.exists()


def test_an_inactive_team_is_refused(partij, sociaal_domein):
    sociaal_domein.is_actief = False
    sociaal_domein.save()
    with pytest.raises(DomainError) as exc:
        register(partij=partij, team=sociaal_domein)
    assert exc.value.field == "vertrouwelijk_team"


def test_confidential_without_a_team_fails_closed(partij, consulent, kcc_agent):
    """What the Klantinteracties API stores (its spec has no field for the team): no medewerker
    reads it, and the line says whom to ask."""
    contact = register(partij=partij, team=None).klantcontact
    assert not klantcontact_may_read(consulent, contact)
    assert not klantcontact_may_read(kcc_agent, contact)
    gelezen = klantcontact_get(uuid=contact.uuid, user=kcc_agent, purpose=DOEL)
    assert gelezen.afgeschermd and "functionaris gegevensbescherming" in gelezen.afscherming


def test_a_redacted_contact_cannot_be_saved(partij, sociaal_domein, kcc_agent):
    contact = register(partij=partij, team=sociaal_domein).klantcontact
    gelezen = klantcontact_get(uuid=contact.uuid, user=kcc_agent, purpose=DOEL)
    assert gelezen.afgeschermd and gelezen.inhoud == "" and list(gelezen.vragen.all()) == []
    with pytest.raises(RuntimeError):
        gelezen.save()
    contact.refresh_from_db()
    assert contact.inhoud == "Afspraak bij de schuldhulp gewenst"  # the stored content is intact


# --- the staff API --------------------------------------------------------------------------


def _session(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    client.credentials(HTTP_X_LOKET_DOEL=DOEL)
    return client


def _token(*scopes: str) -> APIClient:
    _, key = api_token_create(name="koppeling", scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}", HTTP_X_LOKET_DOEL=DOEL)
    return client


def test_the_api_redacts_list_and_detail_for_a_kcc_agent_and_audits_the_refusal(
    partij, sociaal_domein, kcc_agent
):
    contact = register(partij=partij, team=sociaal_domein).klantcontact
    api = _session(kcc_agent)
    detail = api.get(f"{KC_URL}{contact.uuid}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["vertrouwelijk"] is True and body["afgeschermd"] is True
    assert body["vertrouwelijkTeam"] == "sociaal-domein"
    assert (body["onderwerp"], body["inhoud"], body["onderwerpobjecten"]) == ("", "", [])
    assert body["referentienummer"] == contact.referentienummer  # that it exists
    assert GEHEIM not in detail.content.decode()
    assert _audit(contact, kcc_agent, "geweigerd").exists()
    lijst = api.get(KC_URL, {"partij": str(partij.uuid)})
    assert lijst.status_code == 200
    assert GEHEIM not in lijst.content.decode()
    assert lijst.json()["results"][0]["afgeschermd"] is True


def test_the_api_shows_the_content_to_the_team_and_audits_the_read(
    partij, sociaal_domein, consulent
):
    contact = register(partij=partij, team=sociaal_domein).klantcontact
    body = _session(consulent).get(f"{KC_URL}{contact.uuid}/").json()
    assert body["afgeschermd"] is False and body["onderwerp"] == "Schulden"
    assert body["onderwerpobjecten"][0]["vraagtekst"] == GEHEIM
    assert _audit(contact, consulent, "gelezen").exists()
    assert not _audit(contact, consulent, "geweigerd").exists()


def test_a_token_reads_confidential_content_only_with_its_scope(partij, sociaal_domein):
    contact = register(partij=partij, team=sociaal_domein).klantcontact
    zonder = _token("klantcontacten:lezen").get(f"{KC_URL}{contact.uuid}/").json()
    assert zonder["afgeschermd"] is True and zonder["inhoud"] == ""
    met = _token("klantcontacten:lezen", "vertrouwelijk:lezen").get(f"{KC_URL}{contact.uuid}/")
    assert met.json()["inhoud"] == "Afspraak bij de schuldhulp gewenst"


def test_the_api_marks_a_contact_confidential_with_the_team_by_slug(
    partij, sociaal_domein, redenen
):
    writer = _token("klantcontacten:schrijven", "klantcontacten:lezen")
    body = {
        "kanaal": "telefoon",
        "partij": str(partij.uuid),
        "vertrouwelijk": True,
        "vertrouwelijkTeam": "sociaal-domein",
        "vragen": [
            {
                "vraagtekst": GEHEIM,
                "contactreden": redenen["paspoort"].code,
                "afhandeling": "beantwoord",
            }
        ],
    }
    response = writer.post(KC_URL, body, format="json")
    assert response.status_code == 201, response.json()
    contact = Klantcontact.objects.get()
    assert contact.vertrouwelijk and contact.vertrouwelijk_team == sociaal_domein


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"vertrouwelijk": True}, "Kies het team dat dit vertrouwelijke contact mag inzien."),
        ({"vertrouwelijkTeam": "sociaal-domein"}, "alleen bij vertrouwelijk"),
        ({"vertrouwelijk": True, "vertrouwelijkTeam": "bestaat-niet"}, ""),
    ],
)
def test_the_api_refuses_a_confidential_contact_without_a_valid_team(
    partij, sociaal_domein, redenen, extra, message
):
    writer = _token("klantcontacten:schrijven")
    body = {
        "kanaal": "telefoon",
        "vragen": [
            {
                "vraagtekst": "Vraag",
                "contactreden": redenen["paspoort"].code,
                "afhandeling": "beantwoord",
            }
        ],
        **extra,
    }
    response = writer.post(KC_URL, body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "vertrouwelijkTeam" in str(errors), errors
    assert message in str(errors)
    assert not Klantcontact.objects.exists()


def test_interne_taken_api_redacts_the_verzoek_of_a_confidential_contact(
    partij, sociaal_domein, consulent, make_user
):
    kcc = TeamFactory(name="KCC", slug="kcc")
    agent = make_user("kcc-medewerker")
    agent.teams.add(kcc)
    verzoek = register(partij=partij, team=sociaal_domein, verzoek_team=sociaal_domein).verzoeken[0]
    token = _token("contactverzoeken:lezen")
    body = token.get(f"{TAAK_URL}{verzoek.uuid}/").json()
    assert (body["gevraagdeHandeling"], body["toelichting"]) == ("", "")
    lijst = token.get(TAAK_URL).content.decode()
    assert HANDELING not in lijst
    met = _token("contactverzoeken:lezen", "vertrouwelijk:lezen").get(f"{TAAK_URL}{verzoek.uuid}/")
    assert met.json()["gevraagdeHandeling"] == HANDELING


# --- the backoffice pages and the inbox ----------------------------------------------------


def test_backoffice_detail_is_unreadable_for_a_teamleider_of_another_team(
    client, partij, sociaal_domein, consulent, make_user
):
    verzoek = register(partij=partij, team=sociaal_domein, verzoek_team=sociaal_domein).verzoeken[0]
    contactverzoek_register_attempt(
        verzoek=verzoek,
        user=consulent,
        bereikt=False,
        kanaal="telefoon",
        toelichting="Voicemail schuld",
    )
    leider = make_user("teamleider")
    client.force_login(leider)
    page = client.get(f"/backoffice/verzoek/{verzoek.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vertrouwelijk — vraag team Sociaal domein" in html
    assert HANDELING not in html and GEHEIM not in html and "Voicemail schuld" not in html
    assert _audit(verzoek, leider, "geweigerd").exists()
    lijst = client.get("/backoffice/", {"lijst": "all"}).content.decode()
    assert HANDELING not in lijst and "Vertrouwelijk — vraag team" in lijst

    client.force_login(consulent)
    html = client.get(f"/backoffice/verzoek/{verzoek.pk}/").content.decode()
    assert HANDELING in html and GEHEIM in html and "Voicemail schuld" in html
    assert _audit(verzoek, consulent, "gelezen").exists()


def test_the_inbox_callback_of_a_confidential_contact_shows_no_content_to_a_kcc_agent(
    client, partij, sociaal_domein, make_user
):
    kcc = TeamFactory(name="KCC", slug="kcc")
    agent = make_user("kcc-medewerker")
    agent.teams.add(kcc)
    verzoek = register(partij=partij, team=sociaal_domein, verzoek_team=kcc).verzoeken[0]
    client.force_login(agent)
    # The KCC team calls back: as its handlers they read what to call about.
    assert HANDELING in client.get(f"/inbox/terugbellen/{verzoek.pk}/").content.decode()
    anders = make_user("teamleider")
    client.force_login(anders)
    html = client.get(f"/inbox/terugbellen/{verzoek.pk}/").content.decode()
    assert HANDELING not in html and GEHEIM not in html
    assert "Vertrouwelijk — vraag team Sociaal domein" in html
    lijst = client.get("/inbox/?kanaal=terugbellen").content.decode()
    assert HANDELING not in lijst and GEHEIM not in lijst


def test_the_admin_shows_a_confidential_contact_only_to_a_member_of_its_team(
    admin_client, admin_user, partij, sociaal_domein
):
    contact = register(partij=partij, team=sociaal_domein).klantcontact
    lijst = admin_client.get("/admin/contacts/klantcontact/")
    assert contact.referentienummer not in lijst.content.decode()
    assert admin_client.get(f"/admin/contacts/klantcontact/{contact.pk}/change/").status_code in (
        302,
        404,
    )
    admin_user.teams.add(sociaal_domein)
    pagina = admin_client.get(f"/admin/contacts/klantcontact/{contact.pk}/change/")
    assert pagina.status_code == 200 and GEHEIM in pagina.content.decode()
