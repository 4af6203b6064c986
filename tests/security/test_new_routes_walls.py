"""Walls on the routes added for issues 20 and 21: a teamleider sees only their own team's
kennistoets items, an agent reaches no teamleider or insight page."""

from __future__ import annotations

import pytest

from loket.accounts.constants import Role
from tests.security.conftest import session_client

pytestmark = pytest.mark.django_db


def test_teamleider_cannot_read_another_teams_kennistoets_items(world):
    client = session_client(world.users[Role.TEAMLEIDER])
    eigen = client.get(f"/training/team/kennistoets-items/?team={world.eigen.team.slug}")
    assert eigen.status_code == 200
    ander = client.get(f"/training/team/kennistoets-items/?team={world.ander.team.slug}")
    assert ander.status_code == 404
    assert client.get("/training/team/kennistoets-items/?team=%00").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/training/team/",
        "/training/team/kennistoets-items/",
        "/inzicht/tevredenheid/",
        "/inzicht/digitaal/",
        "/inzicht/kanaalsturing/",
        "/inzicht/digitaal/export/zoekwoorden.csv",
    ],
)
def test_an_agent_reaches_no_teamleider_or_insight_page(world, url):
    assert session_client(world.users[Role.KCC]).get(url).status_code in (403, 404)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_insight_pages_refuse_other_methods_without_a_500(world, method):
    client = session_client(world.users[Role.TEAMLEIDER])
    response = getattr(client, method)("/inzicht/tevredenheid/")
    assert response.status_code < 500
