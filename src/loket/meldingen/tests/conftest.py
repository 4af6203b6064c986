import pytest

from loket.accounts.services import team_create


@pytest.fixture
def team(db):
    return team_create(name="Vergunningen", slug="vergunningen")
