"""One use case for every channel (issue 15): a klantcontact with its questions and the
contactverzoeken they lead to is registered by one service in one transaction; the API does it
in one call, and a refused verzoek stores nothing at all."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from loket.accounts.services import team_add_member, team_create
from loket.api.services import api_token_create
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.contacts.services import (
    VerzoekInput,
    VraagFout,
    VraagInput,
    klantcontact_register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(make_user):
    team = team_create(name="Belastingen", slug="belastingen", email="bel@zeventerpen.example")
    team_add_member(team=team, user=make_user("backoffice-medewerker"))
    return team


def _api():
    _token, key = api_token_create(
        name="Telefonie", scopes=["klantcontacten:schrijven", "klantcontacten:lezen"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_api_creates_a_contact_with_its_verzoek_in_one_call(redenen, partij, team):
    body = {
        "kanaal": "telefoon",
        "partij": str(partij.uuid),
        "vragen": [
            {
                "vraagtekst": "Waarom is mijn aanslag zo hoog?",
                "contactreden": redenen["afval"].code,
                "afhandeling": "contactverzoek",
                "contactverzoek": {
                    "toegewezenAanActoren": [
                        {"soortActor": "organisatorische_eenheid", "identificatie": "belastingen"}
                    ],
                    "gevraagdeHandeling": "Terugbellen over de aanslag",
                    "terugbelnummer": "0612345678",
                },
            }
        ],
    }
    response = _api().post("/api/v1/klantcontacten/", body, format="json")
    assert response.status_code == 201, response.json()
    verzoek = Contactverzoek.objects.get()
    assert response.json()["internetaken"] == [str(verzoek.uuid)]
    assert verzoek.team == team and verzoek.klantcontact.uuid.hex == response.json()[
        "uuid"
    ].replace("-", "")


def test_a_refused_verzoek_stores_nothing_and_names_the_question(redenen, partij, telefoon):
    vragen = [
        VraagInput("Wanneer wordt het afval opgehaald?", redenen["afval"], Afhandeling.BEANTWOORD),
        VraagInput(
            "Bel mij terug",
            redenen["afval"],
            Afhandeling.CONTACTVERZOEK,
            verzoek=VerzoekInput(gevraagde_handeling="Terugbellen"),  # no team, no medewerker
        ),
    ]
    with pytest.raises(VraagFout) as fout:
        klantcontact_register(kanaal=telefoon, medewerker=None, vragen=vragen, partij=partij)
    assert fout.value.index == 1
    assert not Klantcontact.objects.exists() and not Contactverzoek.objects.exists()
    # Through the API: a 400 that names the question, and nothing stored.
    body = {
        "kanaal": "telefoon",
        "vragen": [
            {
                "vraagtekst": "Vraag",
                "contactreden": redenen["afval"].code,
                "afhandeling": "beantwoord",
            },
            {
                "vraagtekst": "Bel mij terug",
                "contactreden": redenen["afval"].code,
                "afhandeling": "contactverzoek",
                "contactverzoek": {"toegewezenAanActoren": [], "gevraagdeHandeling": "Bellen"},
            },
        ],
    }
    response = _api().post("/api/v1/klantcontacten/", body, format="json")
    assert response.status_code == 400
    assert response.json()["vragen"][0].startswith("Vraag 2:")
    assert not Klantcontact.objects.exists()


def test_a_retry_returns_the_first_contact_and_its_verzoeken(redenen, partij, telefoon, team):
    vragen = [
        VraagInput(
            "Bel mij terug",
            redenen["afval"],
            Afhandeling.CONTACTVERZOEK,
            verzoek=VerzoekInput(
                team=team, gevraagde_handeling="Terugbellen", terugbelnummer="0612345678"
            ),
        )
    ]
    kwargs = dict(kanaal=telefoon, medewerker=None, vragen=vragen, partij=partij)
    first = klantcontact_register(idempotency_key="k-1", **kwargs)
    again = klantcontact_register(idempotency_key="k-1", **kwargs)
    assert first.nieuw and not again.nieuw
    assert again.klantcontact == first.klantcontact and again.verzoeken == first.verzoeken
    assert Contactverzoek.objects.count() == 1
