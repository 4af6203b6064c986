"""Finding 7 of issue 14: hostile input gets a 400 (or 413) in Dutch that names the field, on
SQLite and PostgreSQL (where a NUL byte used to abort the query with a 500), never a 500."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from loket.accounts.constants import Role
from loket.cases.models import Zaak
from tests.security.conftest import session_client

pytestmark = pytest.mark.django_db

PAGES = [
    ("/zoeken/?q=%00", "q"),
    ("/producten/?q=%00", "q"),
    ("/kcc/producten/?q=%00", "q"),
    ("/kcc/kennis/?q=%00", "q"),
    ("/kennis/?q=%00", "q"),
    ("/inzicht/?team=%00", "team"),
    ("/beheer/auditlog/?kenmerk=%00", "kenmerk"),
    ("/backoffice/zaken/?pagina=99999999999999999999", "pagina"),
    ("/backoffice/zaken/?pagina=-1", "pagina"),
    ("/beheer/auditlog/?pagina=99999999999999999999", "pagina"),
    ("/proactief/?pagina=1e99", "pagina"),
    ("/inzicht/?van=9999-12-31&tot=9999-12-31", "van"),
    ("/inzicht/?van=0001-01-01", "van"),
]
MACHINES = [
    ("/open311/v2/requests/%00.json", "adres"),
    ("/open311/v2/requests.json?service_code=%00", "service_code"),
    ("/api/v1/zaken/?zaaktype=%00", "zaaktype"),
    ("/api/v1/klantcontacten/?kanaal=%00", "kanaal"),
    ("/api/v1/partijen/?naam=a%00b", "naam"),
    ("/api/v1/kennis/zoeken?q=%00", "q"),
    ("/api/v1/zaken/?page=99999999999999999999", "page"),
]


def _user(world):
    user = world.users[Role.TEAMLEIDER]
    # A teamleider who may also read the audit log and the outbox sees every page above.
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_audit_log", "manage_proactive_rules"])
    )
    return user


@pytest.mark.parametrize(("url", "field"), PAGES)
def test_pages_answer_400_in_dutch_naming_the_field(world, url, field):
    response = session_client(_user(world)).get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert field in body
    assert any(word in body for word in ("toegestaan", "paginanummer", "datum", "buiten"))


@pytest.mark.parametrize(("url", "field"), MACHINES)
def test_api_and_open311_answer_400_json_naming_the_field(world, url, field):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {world.tokens['alle']}", HTTP_X_LOKET_DOEL="t")
    response = client.get(url)
    assert response.status_code == 400
    assert field in response.json()


def _api(world) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {world.tokens['alle']}", HTTP_X_LOKET_DOEL="t")
    return client


def test_json_nested_100000_deep_is_a_400(world):
    body = "[" * 100_000 + "]" * 100_000
    response = _api(world).post("/api/v1/zaken/", body, content_type="application/json")
    assert response.status_code == 400
    assert "te diep genest" in response.json()["detail"]


def test_a_body_over_the_limit_is_a_413_in_dutch(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = _api(world).post(
        "/api/v1/klantcontacten/",
        json.dumps({"inhoud": "x" * 20_000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "te groot" in response.json()["body"][0]
    page = session_client(world.users[Role.KCC]).post("/kcc/contact/nieuw/", {"x": "y" * 20_000})
    assert page.status_code == 413
    assert "te groot" in page.content.decode()


@pytest.mark.parametrize("startdatum", ["9999-12-31", "0001-01-01"])
def test_impossible_start_dates_are_refused_and_nothing_is_stored(world, startdatum):
    before = Zaak.objects.count()
    response = _api(world).post(
        "/api/v1/zaken/",
        {"zaaktype": "zt-burgerzaken", "startdatum": startdatum},
        format="json",
    )
    assert response.status_code == 400
    assert "startdatum" in response.json()
    assert Zaak.objects.count() == before


def test_the_calendar_refuses_dates_it_cannot_count():
    import datetime as dt

    from loket.core.calendar import get_calendar
    from loket.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        get_calendar().add_working_days(dt.date(9999, 12, 30), 5)
    assert exc.value.field == "datum"
