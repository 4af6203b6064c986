"""Finding 1 and 9 of issue 14: one access rule per resource, applied by the page, the API and
the admin alike. A behandelaar of Burgerzaken reads and changes only Burgerzaken's zaken,
contactverzoeken and meldingen, by any door; another team's record answers 403 everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from loket.accounts.constants import Role
from loket.cases.models import Zaak
from tests.security.conftest import DOEL, api_session, api_token, session_client

pytestmark = pytest.mark.django_db

DOEL_HEADER = {"HTTP_X_LOKET_DOEL": DOEL}


def test_zaken_api_lists_only_the_own_teams_zaken_for_a_session(world):
    api = api_session(world.users[Role.BACKOFFICE])
    body = api.get("/api/v1/zaken/", **DOEL_HEADER).json()
    assert [row["uuid"] for row in body["results"]] == [str(world.eigen.zaak.uuid)]


def test_another_teams_zaak_and_statussen_are_403_in_the_api(world):
    api = api_session(world.users[Role.BACKOFFICE])
    ander = world.ander.zaak
    assert api.get(f"/api/v1/zaken/{ander.uuid}/", **DOEL_HEADER).status_code == 403
    assert api.get("/api/v1/statussen/", {"zaak": ander.uuid}, **DOEL_HEADER).status_code == 403
    own = api.get(f"/api/v1/zaken/{world.eigen.zaak.uuid}/", **DOEL_HEADER)
    assert own.status_code == 200


def test_another_teams_zaak_cannot_be_closed_through_the_api(world):
    api = api_session(world.users[Role.BACKOFFICE])
    ander = world.ander.zaak
    response = api.post(
        "/api/v1/statussen/", {"zaak": str(ander.uuid), "statustype": 3}, format="json"
    )
    assert response.status_code == 403
    assert "ander team" in response.json()["detail"]
    ander.refresh_from_db()
    assert ander.einddatum is None
    assert ander.statussen.count() == 1
    # The own team's zaak can be moved on by the same user.
    own = api.post(
        "/api/v1/statussen/", {"zaak": str(world.eigen.zaak.uuid), "statustype": 2}, format="json"
    )
    assert own.status_code == 201


def test_teamleider_and_a_token_see_every_team(world):
    leider = api_session(world.users[Role.TEAMLEIDER])
    assert leider.get("/api/v1/zaken/", **DOEL_HEADER).json()["count"] == 2
    token = api_token(world.tokens["alle"])
    assert token.get("/api/v1/zaken/", **DOEL_HEADER).json()["count"] == 2
    assert token.get(f"/api/v1/zaken/{world.ander.zaak.uuid}/", **DOEL_HEADER).status_code == 200


@pytest.mark.parametrize(
    ("name", "attr"),
    [
        ("backoffice:zaak", "zaak"),
        ("backoffice:melding", "melding"),
        ("backoffice:detail", "verzoek"),
    ],
)
def test_pages_answer_403_for_another_teams_record_and_200_for_the_own(world, name, attr):
    client = session_client(world.users[Role.BACKOFFICE])
    other = client.get(reverse(name, args=[getattr(world.ander, attr).pk]))
    assert other.status_code == 403
    assert "hoort bij een ander team" in other.content.decode()
    assert "Ander" not in other.content.decode()  # nothing of the record is shown
    assert client.get(reverse(name, args=[getattr(world.eigen, attr).pk])).status_code == 200


def test_melding_actions_of_another_team_are_refused(world):
    client = session_client(world.users[Role.BACKOFFICE])
    melding = world.ander.melding
    response = client.post(
        reverse("backoffice:melding_status", args=[melding.pk]), {"status": "afgehandeld"}
    )
    assert response.status_code == 403
    melding.refresh_from_db()
    assert melding.status != "afgehandeld"


def test_interne_taken_api_applies_the_page_rule(world):
    api = api_session(world.users[Role.BACKOFFICE])
    listing = api.get("/api/v1/interne-taken/", **DOEL_HEADER).json()
    assert [row["uuid"] for row in listing["results"]] == [str(world.eigen.verzoek.uuid)]
    other = api.get(f"/api/v1/interne-taken/{world.ander.verzoek.uuid}/", **DOEL_HEADER)
    assert other.status_code == 403
    leider = api_session(world.users[Role.TEAMLEIDER])
    # Both teams' verzoeken, and the KCC team's e-mail and callback request in the inbox.
    assert leider.get("/api/v1/interne-taken/", **DOEL_HEADER).json()["count"] == 4


def test_admin_changelist_applies_the_same_rule(world):
    from django.contrib.auth.models import Permission

    user = world.users[Role.BACKOFFICE]
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_zaak"))
    client = session_client(user)
    page = client.get("/admin/cases/zaak/").content.decode()
    assert world.eigen.zaak.identificatie in page
    assert world.ander.zaak.identificatie not in page
    other = client.get(f"/admin/cases/zaak/{world.ander.zaak.pk}/change/")
    assert other.status_code in (302, 404)  # not in the user's queryset: the admin's "not found"
    assert Zaak.objects.filter(pk=world.ander.zaak.pk).exists()
