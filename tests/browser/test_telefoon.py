"""The telephone channel end to end (issue 17): the PBX simulator posts a call to the API, the
agent's workspace pops up the caller's klantbeeld, one click starts the telephone contact, and
the hang-up gives it the call's duration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIMULATOR = Path(__file__).resolve().parents[2] / "scripts" / "pbx-simulator"


@pytest.fixture
def telefonie(db, make_user):
    from loket.api.services import api_token_create
    from loket.contacts.services import contactreden_create
    from loket.core.models import Kanaal
    from loket.parties.models import DigitaalAdres
    from loket.parties.tests.factories import PersoonFactory

    Kanaal.objects.get_or_create(
        code="telefoon", defaults={"naam": "Telefoon", "soort": "call", "volgorde": 10}
    )
    contactreden_create(naam="Grofvuil", hoofdreden=contactreden_create(naam="Afval"))
    agent = make_user("kcc-medewerker", username="kim", password="geheim-123")
    agent.toestel = "201"
    agent.save()
    klant = PersoonFactory(geslachtsnaam="Belmans", voornamen="Ria")
    DigitaalAdres.objects.create(
        partij=klant, soort="telefoonnummer", adres="0612345678", verified_at=timezone.now()
    )
    _, key = api_token_create(name="pbx", scopes=["telefonie:schrijven"])
    return klant, key


def simulator(live_server, key, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(SIMULATOR), "--url", live_server.url, f"--token={key}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_a_simulated_call_pops_the_klantbeeld_and_the_contact_gets_the_calls_duration(
    page, live_server, login, screenshot, telefonie
):
    from loket.contacts.models import Klantcontact

    klant, key = telefonie
    login("kim", "geheim-123")
    uit = simulator(live_server, key, "--beller", "06 12345678", "--wacht", "0", "--duur", "0")
    gesprek_id = uit.split()[1]

    pop = page.get_by_role("region", name="In gesprek: 06 12345678")
    pop.wait_for(timeout=10_000)  # polled every 3 s on every page
    assert klant.weergavenaam in pop.inner_text()
    assert_no_blocking_axe_violations(page, "telefoon: klantbeeld bij de beller")
    screenshot("telefoon-pop")
    with page.expect_navigation():
        pop.get_by_role("button", name="Open klantbeeld en contact").click()
    assert klant.weergavenaam in page.inner_text("main")

    page.get_by_label("Contactreden").select_option(label="Grofvuil")
    page.get_by_label("Vraag van de klant").fill("Wanneer wordt het grofvuil opgehaald?")
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    contact = Klantcontact.objects.get(gesprek_id=gesprek_id)
    assert contact.partij_id == klant.pk and contact.kanaal.code == "telefoon"

    simulator(live_server, key, "--einde", gesprek_id)
    contact.refresh_from_db()
    from loket.insights.models import Gesprek

    gesprek = Gesprek.objects.get(gesprek_id=gesprek_id)
    assert contact.duur == gesprek.beeindigd_op - gesprek.beantwoord_op
    assert contact.plaatsgevonden_op == gesprek.beantwoord_op
