import os

import pytest

from loket.inbox.tests.dovecot import Dovecot, dovecot_available


@pytest.fixture(scope="session")
def dovecot_server():
    """One real Dovecot per test process; CI must have it (scripts/test installs it)."""
    if not dovecot_available():
        if os.environ.get("CI"):
            pytest.fail("Dovecot ontbreekt (apt-get install dovecot-imapd); met CI=true verplicht.")
        pytest.skip("Dovecot ontbreekt (apt-get install dovecot-imapd).")
    with Dovecot() as server:
        yield server


@pytest.fixture
def dovecot(dovecot_server):
    """The server with an empty INBOX (and a fresh UIDVALIDITY is not needed: UIDs only grow)."""
    dovecot_server.clear()
    yield dovecot_server
    dovecot_server.clear()


@pytest.fixture
def kcc_team(db):
    from loket.accounts.tests.factories import TeamFactory

    return TeamFactory(name="KCC", slug="kcc", kind="afdeling", email="kcc@zeventerpen.example")
