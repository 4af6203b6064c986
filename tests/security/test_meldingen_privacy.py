"""Findings 4 and 5 of issue 14: the public Open311 feed never shows what a behandelaar wrote
for the reporter, nor a person's name, phone number, e-mail address or another address; and a
melding's idempotency key only works for the browser or system that used it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from loket.accounts.constants import Role
from loket.api.services import api_token_create
from loket.meldingen.models import Melding
from loket.meldingen.openbaar import openbaar_maken
from tests.security.conftest import session_client

pytestmark = pytest.mark.django_db

NOTE = "Gesproken met mevr. P. de Vries, tel 06-12345678, Kerkstraat 5: lamp vervangen."


def _close(world, **extra):
    melding = world.eigen.melding
    client = session_client(world.users[Role.BACKOFFICE])
    url = reverse("backoffice:melding_status", args=[melding.pk])
    assert client.post(url, {"status": "in_behandeling"}).status_code == 302
    response = client.post(url, {"status": "afgehandeld", "toelichting": NOTE, **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    melding.refresh_from_db()
    return melding


def _public(melding) -> dict:
    return Client().get(f"/open311/v2/requests/{melding.referentie}.json").json()[0]


def test_the_note_for_the_reporter_never_reaches_the_public_feed(world):
    melding = _close(world)
    assert melding.afhandeling == NOTE  # the reporter still gets it
    public = _public(melding)
    assert public["status"] == "closed"
    body = str(public)
    for secret in ("de Vries", "06-12345678", "Kerkstraat 5"):
        assert secret not in body
    listing = Client().get("/open311/v2/requests.json").content.decode()
    assert "de Vries" not in listing and "06-12345678" not in listing


def test_a_public_note_is_published_without_personal_details(world):
    melding = _close(world, openbare_toelichting=NOTE)
    notes = _public(melding)["status_notes"]
    assert "lamp vervangen" in notes
    for secret in ("de Vries", "06-12345678", "Kerkstraat 5"):
        assert secret not in notes
    assert "[naam]" in notes and "[telefoonnummer]" in notes and "[adres]" in notes


def test_the_reports_own_location_may_stay_and_emails_and_postcodes_go():
    tekst = "Tegel los bij Markt 1, mail j.jansen@example.nl of bel +31 6 12345678, 1234 AB"
    schoon = openbaar_maken(tekst, locatie="Markt 1, Zeventerpen")
    assert "Markt 1" in schoon
    assert "example.nl" not in schoon and "12345678" not in schoon and "1234 AB" not in schoon


def test_the_description_for_readers_with_a_key_is_scrubbed_too(world):
    melding = world.eigen.melding
    Melding.objects.filter(pk=melding.pk).update(tekst="Lamp stuk, bel mij: 06-98765432")
    _t, lezen = api_token_create(name="Lezer", scopes=["meldingen:lezen"])
    data = Client().get(f"/open311/v2/requests/{melding.referentie}.json", {"api_key": lezen})
    assert "98765432" not in data.content.decode()


def test_a_portal_key_of_another_reporter_does_not_show_their_receipt(world, settings):
    # An Open311 client stored a melding under its key.
    _t, key = api_token_create(name="App", scopes=["meldingen:schrijven"])
    first = Client().post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "description": "Geheime melding over de buren van Kerkstraat 5",
            "lat": "52.2551",
            "long": "6.1639",
            "email": "melder@example.nl",
            "idempotency_key": "app-1",
        },
    )
    assert first.status_code == 201
    token_pk = _t.pk
    # Another person replays it through the portal form with a key shaped like the stored one.
    browser = Client()
    browser.get(reverse("meldingen:nieuw"))
    response = browser.post(
        reverse("meldingen:nieuw"),
        {"tekst": "Losse stoeptegel bij het station", "adres": "Stationsweg 1", "sleutel": "app-1"},
    )
    response2 = browser.post(
        reverse("meldingen:nieuw"),
        {
            "tekst": "Losse stoeptegel bij het station",
            "adres": "Stationsweg 1",
            "sleutel": f"open311:{token_pk}:app-1",
        },
    )
    for reply in (response, response2):
        assert reply.status_code == 302
        receipt = browser.get(reply["Location"]).content.decode()
        assert "Geheime melding" not in receipt and "Kerkstraat" not in receipt
    assert Melding.objects.filter(tekst__startswith="Losse stoeptegel").count() == 2
    # The same browser retrying its own submission stores it once.
    again = browser.post(
        reverse("meldingen:nieuw"),
        {"tekst": "Losse stoeptegel bij het station", "adres": "Stationsweg 1", "sleutel": "app-1"},
    )
    assert again["Location"] == response["Location"]
