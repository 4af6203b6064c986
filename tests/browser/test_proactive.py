"""Proactive service in a real browser: the beheerder's outbox and rules, the KCM's offer."""

import pytest

from loket.catalogue.tests.factories import ProductFactory
from loket.messaging.models import Bericht, BerichtStatus
from loket.proactive.models import Signaal, SignaalStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def aanbod(db):
    """Default rules, one resident whose driving licence expires in 6 weeks, the daily scan."""
    from loket.proactive.services import signalen_compute, standaardregels_load
    from loket.proactive.tests.conftest import UPL, make_inwoner, paspoort_verloopt

    for naam, kanaal, advies in UPL:
        ProductFactory(upl_naam=naam, voorkeurskanaal=kanaal, kanaaladvies=advies)
    standaardregels_load()
    brp, partij = make_inwoner(email="fout@voorbeeld")
    paspoort_verloopt(brp, soort="rijbewijs", over_dagen=43)
    signalen_compute()
    return partij


def test_beheerder_sees_the_failed_message_and_sends_it_again(
    page, live_server, make_user, login, axe_check, aanbod, screenshot
):
    from loket.messaging.outbox import berichten_versturen

    berichten_versturen(worker_id="test")  # the invalid address fails at once
    bericht = Bericht.objects.get()
    assert bericht.status == BerichtStatus.MISLUKT
    make_user("beheerder", username="bea", password="geheim-123")
    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/proactief/?status=mislukt")
    assert page.get_by_text("Reden: Ongeldig e-mailadres: 'fout@voorbeeld'.").is_visible()
    axe_check("outbox")
    screenshot("proactief-outbox")
    with page.expect_navigation():
        page.get_by_role("button", name="Opnieuw versturen").click()
    assert page.get_by_text("staat weer in de wachtrij").is_visible()
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.WACHTRIJ


def test_beheerder_gets_a_dutch_error_for_an_unknown_product(
    page, live_server, make_user, login, axe_check, aanbod, screenshot
):
    make_user("beheerder", username="bea", password="geheim-123")
    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/proactief/regels/")
    axe_check("regels")
    page.get_by_role("link", name="Nieuwe regel").click()
    page.get_by_label("Code").fill("hond")
    page.get_by_label("Naam").fill("Hond na verhuizing")
    page.get_by_label("Aanleiding").select_option("levensgebeurtenis")
    page.get_by_label("Levensgebeurtenis").select_option("verhuizing")
    page.get_by_label("Aangeboden producten").fill("hondenpenning")
    page.get_by_label("Onderwerp van het bericht").fill("Uw hond")
    page.get_by_label("Tekst van het bericht").fill("Beste {naam}")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("alert").get_by_text("Onbekend product 'hondenpenning'").is_visible()
    assert page.get_by_label("Naam").input_value() == "Hond na verhuizing"
    axe_check("regel met fout")
    screenshot("proactief-regel-fout")


def test_kcm_sees_the_offer_in_the_klantbeeld_and_records_it(
    page, live_server, make_user, login, axe_check, aanbod, screenshot
):
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    login("kim", "geheim-123")
    page.goto(f"{live_server.url}/kcc/partij/{aanbod.uuid}/")
    offer = page.get_by_text(
        "Rijbewijs verloopt over 6 weken — bied online verlengen aan", exact=True
    )
    assert offer.is_visible()
    axe_check("klantbeeld met aanbod")
    screenshot("proactief-klantbeeld")
    with page.expect_navigation():
        page.get_by_role("button", name="Aangeboden in dit contact").click()
    assert page.get_by_text("het aanbod is in dit contact gedaan").is_visible()
    assert Signaal.objects.get().status == SignaalStatus.AANGEBODEN
