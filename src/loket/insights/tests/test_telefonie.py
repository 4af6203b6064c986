import datetime as dt

import pytest
from django.db import connection
from rest_framework.test import APIClient

from loket.api.services import api_token_create
from loket.core.errors import DomainError
from loket.insights.models import Gesprek, GesprekDagTotaal, TelefonieGebeurtenis
from loket.insights.services import samenvattingen_update, telefonie_gebeurtenis_process
from loket.insights.tests.conftest import at

URL = "/api/v1/telefonie/gebeurtenissen"
DAY = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture
def api(db):
    _, key = api_token_create(name="telefonie", scopes=["telefonie:schrijven"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def post(api, **data):
    return api.post(URL, data, format="json")


def test_a_call_from_offer_to_end(api):
    r = post(
        api,
        gesprekId="c1",
        soort="aangeboden",
        tijdstip=at(DAY, 9).isoformat(),
        wachtrij="Algemeen",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["dubbel"] is False
    assert (
        post(
            api, gesprekId="c1", soort="beantwoord", tijdstip=at(DAY, 9, 0, 12).isoformat()
        ).status_code
        == 201
    )
    assert (
        post(
            api, gesprekId="c1", soort="beeindigd", tijdstip=at(DAY, 9, 4, 12).isoformat()
        ).status_code
        == 201
    )
    gesprek = Gesprek.objects.get(gesprek_id="c1")
    assert (gesprek.beantwoord_op - gesprek.aangeboden_op).total_seconds() == 12
    assert (gesprek.beeindigd_op - gesprek.beantwoord_op).total_seconds() == 240


def test_missing_timestamp_names_the_field(api):
    r = post(api, gesprekId="c1", soort="aangeboden", wachtrij="Algemeen")
    assert r.status_code == 400
    assert "tijdstip" in r.json()


def test_unknown_call_id_names_the_field(api):
    r = post(api, gesprekId="onbekend", soort="beantwoord", tijdstip=at(DAY, 9).isoformat())
    assert r.status_code == 400
    assert "gesprekId" in r.json()
    assert "Onbekend gesprek" in r.json()["gesprekId"][0]


def test_unknown_kind_and_missing_queue_are_refused(api):
    assert (
        "soort" in post(api, gesprekId="c1", soort="gebeld", tijdstip=at(DAY, 9).isoformat()).json()
    )
    r = post(api, gesprekId="c1", soort="aangeboden", tijdstip=at(DAY, 9).isoformat())
    assert r.status_code == 400 and "wachtrij" in r.json()


def test_answer_before_offer_is_refused(api):
    post(
        api,
        gesprekId="c1",
        soort="aangeboden",
        tijdstip=at(DAY, 9).isoformat(),
        wachtrij="Algemeen",
    )
    r = post(api, gesprekId="c1", soort="beantwoord", tijdstip=at(DAY, 8, 59).isoformat())
    assert r.status_code == 400 and "tijdstip" in r.json()


def test_duplicate_event_is_recognised_and_not_counted_twice(api):
    for _ in range(2):
        post(
            api,
            gesprekId="c1",
            soort="aangeboden",
            tijdstip=at(DAY, 9).isoformat(),
            wachtrij="Algemeen",
        )
    r = post(
        api,
        gesprekId="c1",
        soort="aangeboden",
        tijdstip=at(DAY, 9).isoformat(),
        wachtrij="Algemeen",
    )
    assert r.status_code == 200
    assert r.json()["dubbel"] is True
    assert Gesprek.objects.count() == 1
    assert TelefonieGebeurtenis.objects.count() == 1
    samenvattingen_update()
    assert sum(GesprekDagTotaal.objects.values_list("aangeboden", flat=True)) == 1


def test_token_without_scope_is_refused(db):
    _, key = api_token_create(name="lezen", scopes=["telefonie:lezen"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    r = client.post(
        URL,
        {
            "gesprekId": "c1",
            "soort": "aangeboden",
            "tijdstip": at(DAY).isoformat(),
            "wachtrij": "A",
        },
        format="json",
    )
    assert r.status_code == 403


def test_abandoned_call_cannot_be_answered(db):
    telefonie_gebeurtenis_process(
        gesprek_id="c9", soort="aangeboden", tijdstip=at(DAY, 9), wachtrij="A"
    )
    telefonie_gebeurtenis_process(gesprek_id="c9", soort="verlaten", tijdstip=at(DAY, 9, 1))
    with pytest.raises(DomainError) as exc:
        telefonie_gebeurtenis_process(gesprek_id="c9", soort="beantwoord", tijdstip=at(DAY, 9, 2))
    assert exc.value.field == "soort"


def test_naive_timestamp_is_refused(db):
    with pytest.raises(DomainError) as exc:
        telefonie_gebeurtenis_process(
            gesprek_id="c9", soort="aangeboden", tijdstip=dt.datetime(2026, 3, 2, 9), wachtrij="A"
        )
    assert exc.value.field == "tijdstip"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")
def test_concurrent_duplicate_offers_store_one_call():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import close_old_connections

    def offer(_):
        close_old_connections()
        try:
            return telefonie_gebeurtenis_process(
                gesprek_id="race", soort="aangeboden", tijdstip=at(DAY, 9), wachtrij="A"
            ).dubbel
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(offer, range(4)))
    assert results.count(False) == 1
    assert TelefonieGebeurtenis.objects.filter(gesprek__gesprek_id="race").count() == 1
