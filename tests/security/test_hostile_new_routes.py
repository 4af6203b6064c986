"""Hostile input on the routes added for issues 20 and 21: the satisfaction survey
(/tevredenheid/<token>/), its results (/inzicht/tevredenheid/) and the digital-use exports
(/inzicht/digitaal/export/...). Each refusal is a 400 in Dutch naming the field, never a 500;
nothing is stored half; exported cells cannot become spreadsheet formulas."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from loket.accounts.constants import Role
from loket.insights.exports import csv_response, xlsx_response
from loket.insights.models import Tevredenheidsmeting
from tests.security.conftest import session_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def meting(db):
    return Tevredenheidsmeting.objects.create(token="t" * 43, ces_gevraagd=True)


URL = "/tevredenheid/" + "t" * 43 + "/"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"score": "99999999999999999999"}, "score"),
        ({"score": "-1"}, "score"),
        ({"score": "²"}, "score"),
        ({"score": "9" * 5000}, "score"),
        ({"score": ["3", "5"], "opmerking": "x" * 100_000}, "opmerking"),
        ({"score": "4", "opmerking": "a\x00b"}, "opmerking"),
        ({"score": "4", "moeite": "1e9"}, "moeite"),
    ],
)
def test_survey_refuses_hostile_answers_and_stores_nothing(meting, data, field):
    response = Client().post(URL, data)
    assert response.status_code == 400
    assert field.capitalize()[:4] in response.content.decode() or field in response.content.decode()
    meting.refresh_from_db()
    assert meting.beantwoord_op is None and meting.score is None and meting.opmerking == ""


def test_survey_without_csrf_token_is_refused(meting):
    response = Client(enforce_csrf_checks=True).post(URL, {"score": "4"})
    assert response.status_code == 403
    meting.refresh_from_db()
    assert meting.beantwoord_op is None


def test_survey_retried_is_stored_once_and_script_is_escaped_for_staff(world, meting):
    script = "<script>alert(1)</script> wachttijd"
    client = Client()
    assert client.post(URL, {"score": "4", "opmerking": script}).status_code == 200
    assert client.post(URL, {"score": "1", "opmerking": "anders"}).status_code == 200
    meting.refresh_from_db()
    assert (meting.score, meting.opmerking) == (4, script)
    page = session_client(world.users[Role.TEAMLEIDER]).get(
        "/inzicht/tevredenheid/?zoek=<script>alert(2)</script>"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)" not in html and "<script>alert(2)" not in html


def test_survey_with_unknown_token_is_404_and_a_huge_body_413(meting, settings):
    assert Client().post("/tevredenheid/" + "x" * 43 + "/", {"score": "4"}).status_code == 404
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
    big = Client().post(URL, {"score": "4", "opmerking": "y" * 10_000_000})
    assert big.status_code == 413
    meting.refresh_from_db()
    assert meting.beantwoord_op is None


@pytest.mark.parametrize(
    "query",
    ["pagina=99999999999999999999", "pagina=-1", "pagina=²", "pagina=abc", "pagina=1&pagina=x"],
)
def test_results_page_number_is_refused_in_dutch(world, query):
    response = session_client(world.users[Role.TEAMLEIDER]).get(f"/inzicht/tevredenheid/?{query}")
    assert response.status_code == 400
    assert "pagina" in response.content.decode()


def test_results_search_of_100k_characters_is_not_a_500(world):
    response = session_client(world.users[Role.TEAMLEIDER]).get(
        "/inzicht/tevredenheid/?zoek=" + "a" * 100_000
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("url", ["/inzicht/digitaal/export/onbekend.csv", "/inzicht/digitaal/"])
def test_digital_use_refuses_an_agent(world, url):
    assert session_client(world.users[Role.KCC]).get(url).status_code in (403, 404)


class _Tabel:
    titel = "Zoekwoorden"
    kolommen = ["Zoekwoord", "Aantal"]
    rijen = [
        ['=HYPERLINK("http://evil","x")', 3],
        ["+1+1", 1],
        ["-2+3", 1],
        ["@SUM(A1)", 1],
        ["\t=1+1", 1],
        ["\r=1+1", 1],
        ["gewoon", -4],
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_export_neutralises_formulas_but_keeps_numbers():
    body = csv_response(_Tabel(), naam="x").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    for text, _aantal in rows:
        assert not text.startswith(FORMULA_START), text
    assert rows[-1] == ["gewoon", "-4"]


def test_xlsx_export_neutralises_formulas_but_keeps_numbers():
    content = xlsx_response(_Tabel(), naam="x").content
    ws = load_workbook(io.BytesIO(content)).active
    teksten = [row[0] for row in ws.iter_rows(min_row=4, values_only=True)]
    for text in teksten:
        assert not str(text).startswith(FORMULA_START), text
    for row in ws.iter_rows(min_row=4):
        assert row[0].data_type != "f"
    assert [r for r in ws.iter_rows(min_row=4, values_only=True)][-1] == ("gewoon", -4)
