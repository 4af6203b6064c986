"""Findings 2 and 5 of issue 14: idempotency keys are scoped to the client that made them. A
replay by another client is a new request, never a read of the first client's record; a retry
storm by one client stores exactly one record."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.contacts.models import Klantcontact
from loket.contacts.services import contactreden_create
from loket.messaging.models import Bericht
from loket.messaging.services import bericht_queue
from loket.parties.models import Partij
from loket.parties.tests.factories import PersoonFactory

KC_URL = "/api/v1/klantcontacten/"


def token_client(name: str, *scopes: str) -> APIClient:
    _token, key = api_token_create(name=name, scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _persoon() -> Partij:
    return PersoonFactory(bsn="999993653", voornamen="Mila", geslachtsnaam="Geheim")


def _payload(reden, *, key: str, partij=None, tekst="Wanneer is mijn paspoort klaar?"):
    body = {
        "kanaal": "telefoon",
        "onderwerp": "Paspoort",
        "idempotencyKey": key,
        "vragen": [
            {
                "vraagtekst": tekst,
                "contactreden": reden.code,
                "afhandeling": "beantwoord",
                "antwoord": "Over vijf werkdagen.",
            }
        ],
    }
    if partij is not None:
        body["partij"] = str(partij.uuid)
    return body


@pytest.mark.django_db
def test_another_clients_key_does_not_return_the_first_clients_contact():
    reden = contactreden_create(naam="Paspoort")
    telefonie = token_client("Telefonie", "klantcontacten:schrijven")
    chat = token_client("Chat", "klantcontacten:schrijven")
    first = telefonie.post(
        KC_URL, _payload(reden, key="gesprek-1", partij=_persoon(), tekst="Geheim"), format="json"
    )
    assert first.status_code == 201
    replay = chat.post(
        KC_URL, _payload(reden, key="gesprek-1", tekst="Andere vraag"), format="json"
    )
    assert replay.status_code == 201  # a new request of its own
    assert replay.json()["uuid"] != first.json()["uuid"]
    assert "Geheim" not in replay.content.decode()
    assert Klantcontact.objects.filter(idempotency_key="gesprek-1").count() == 2
    # The first client's own retry still answers its own contact.
    again = telefonie.post(KC_URL, _payload(reden, key="gesprek-1"), format="json")
    assert (again.status_code, again.json()["uuid"]) == (200, first.json()["uuid"])


@pytest.mark.django_db
def test_a_guessed_bericht_key_does_not_return_someones_message():
    partij = _persoon()
    internal, _created = bericht_queue(
        sleutel=f"aanbod:paspoort:{partij.pk}:2026-12-02",
        onderwerp="Uw paspoort verloopt",
        tekst="Beste mevrouw Geheim, uw paspoort verloopt op 1 maart.",
        partij=partij,
        kanaal="email",
        adres="mila@example.nl",
    )
    api = token_client("Berichtendienst", "berichten:schrijven")
    response = api.post(
        "/api/v1/berichten/",
        {
            "sleutel": internal.sleutel,
            "onderwerp": "Test",
            "tekst": "Test",
            "kanaal": "email",
            "adres": "test@example.nl",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.content.decode()
    assert "Geheim" not in body and "mila@example.nl" not in body
    assert response.json()["uuid"] != str(internal.uuid)
    assert Bericht.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Gelijktijdige schrijvers: op PostgreSQL getest."
)
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_retries_store_one_contact_and_answer_one_201():
    reden = contactreden_create(naam="Paspoort")
    _token, key = api_token_create(name="Telefonie", scopes=["klantcontacten:schrijven"])
    body = _payload(reden, key="storm-1")
    barrier = threading.Barrier(50)

    def post(_i):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            barrier.wait(timeout=30)
            return client.post(KC_URL, body, format="json").status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = sorted(pool.map(post, range(50)))
    assert statuses == [200] * 49 + [201]
    assert Klantcontact.objects.filter(idempotency_key="storm-1").count() == 1
