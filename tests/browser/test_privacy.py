"""The privacy officer answers an inzage request and erases a person's data, as a beheerder
would click through it (issue 19); the pages are axe-clean."""

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inzage_and_erasure_from_the_beheer_home(page, live_server, make_user, login, screenshot):
    from loket.contacts.models import Klantcontact
    from loket.contacts.tests.factories import KlantcontactFactory
    from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory
    from loket.privacy.models import Wisverzoek

    partij = PersoonFactory(bsn="999993653", geslachtsnaam="Zwartkruis")
    DigitaalAdresFactory(partij=partij, soort="email", adres="w.zwartkruis@example.org")
    KlantcontactFactory(partij=partij, vraagtekst="Wanneer wordt mijn container geleegd?")
    make_user("beheerder", username="bea", password="geheim-123")

    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/beheer/")
    page.get_by_role("link", name="Inzageverzoek beantwoorden").click()
    page.get_by_label("BSN").fill("999993653")
    page.get_by_role("button", name="Overzicht maken").click()
    page.get_by_role("heading", name="Contacten met de gemeente").wait_for()
    main = page.locator("main").inner_text()
    assert "Wanneer wordt mijn container geleegd?" in main
    assert "w.zwartkruis@example.org" in main
    assert_no_blocking_axe_violations(page, "privacy: inzage")
    screenshot("privacy-inzage")

    page.get_by_label("Reden (bijvoorbeeld het kenmerk van het verzoek)").fill("Verzoek 2026-17")
    page.get_by_label("Ik heb gecontroleerd dat de persoon om wissen heeft gevraagd").check()
    page.get_by_role("button", name="Gegevens wissen").click()
    page.get_by_role("heading", name="Gegevens gewist (AVG artikel 17)").wait_for()
    assert "Verzoek 2026-17" in page.locator("main").inner_text()
    assert_no_blocking_axe_violations(page, "privacy: gewist")
    assert Wisverzoek.objects.count() == 1
    assert not Klantcontact.objects.filter(vragen__vraagtekst__contains="container").exists()
