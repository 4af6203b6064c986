"""Mijn Loket in a real browser (issue 16, item 10): contact details with a mistake first, the
message choice, "Stel een vraag", a document to the own zaak and cancelling an appointment.
axe-core on every page."""

import re

import pytest

from loket.portal.tests.burger.conftest import afspraak, locatie  # noqa: F401
from loket.selfservice.tests.conftest import BSN_HOOFD, wereld  # noqa: F401
from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_mijn_loket_contact_details_question_document_and_appointment(
    page,
    live_server,
    wereld,  # noqa: F811
    afspraak,  # noqa: F811
    screenshot,
    tmp_path,
):
    from loket.accounts.tests.factories import TeamFactory
    from loket.balie.models import AfspraakStatus
    from loket.cases.models import ZaakDocument, Zaaktype
    from loket.cases.tests.factories import ZaakFactory
    from loket.contacts.models import Contactverzoek
    from loket.messaging.models import Toestemming

    TeamFactory(name="KCC", slug="kcc", email="kcc@zeventerpen.example")
    zaak = ZaakFactory(
        zaaktype=Zaaktype.objects.get(identificatie="parkeervergunning"), initiator=wereld.partij
    )
    page.goto(f"{live_server.url}/inloggen/digid-simulator/?next=/mijn/&q={BSN_HOOFD}")
    page.get_by_label(re.compile(BSN_HOOFD)).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen als deze inwoner").click()
    assert_no_blocking_axe_violations(page, "mijn loket")

    # Contact details: a wrong number first, kept and explained at the field.
    page.get_by_role("navigation", name="Mijn Loket").get_by_role(
        "link", name="Mijn gegevens"
    ).click()
    page.get_by_label("Telefoonnummer").fill("0612")
    page.get_by_label("Per sms").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert (
        "Telefoonnummer: '0612' is geen geldig telefoonnummer."
        in page.get_by_role("alert").inner_text()
    )
    assert page.get_by_label("Telefoonnummer").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Telefoonnummer").input_value() == "0612"
    assert_no_blocking_axe_violations(page, "mijn gegevens met fout")
    screenshot("mijn-gegevens-fout")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "zijn opgeslagen" in page.locator("main").inner_text()
    assert page.get_by_label("Per sms").is_checked()
    assert Toestemming.objects.get(partij=wereld.partij).sms

    # Stel een vraag.
    page.get_by_role("link", name="Stel een vraag").click()
    page.get_by_label("Uw vraag").fill("Mag ik een tweede container voor papier?")
    assert_no_blocking_axe_violations(page, "stel een vraag")
    with page.expect_navigation():
        page.get_by_role("button", name="Vraag versturen").click()
    assert "Uw vraag is verstuurd" in page.locator("main").inner_text()
    assert "Mag ik een tweede container voor papier?" in page.locator("main").inner_text()
    assert Contactverzoek.objects.filter(klantcontact__partij=wereld.partij).count() == 1

    # A document to the own zaak.
    bestand = tmp_path / "huurcontract.pdf"
    bestand.write_bytes(PDF)
    page.goto(f"{live_server.url}/mijn/zaken/{zaak.uuid}/")
    page.get_by_label("Kies een document").set_input_files(str(bestand))
    page.get_by_label("Omschrijving").fill("Huurcontract")
    with page.expect_navigation():
        page.get_by_role("button", name="Document toevoegen").click()
    assert "Huurcontract" in page.get_by_role("region", name="Uw documenten").inner_text()
    assert ZaakDocument.objects.filter(zaak=zaak).count() == 1
    assert_no_blocking_axe_violations(page, "mijn zaak met document")

    # Appointments: their own section; cancel one.
    page.goto(f"{live_server.url}/mijn/afspraken/")
    assert "Stadhuis" in page.locator("main").inner_text()
    assert_no_blocking_axe_violations(page, "mijn afspraken")
    screenshot("mijn-afspraken")
    with page.expect_navigation():
        page.get_by_role("button", name="Afzeggen").click()
    assert "is afgezegd" in page.locator("main").inner_text()
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.GEANNULEERD
    page.goto(f"{live_server.url}/mijn/meldingen/")
    assert_no_blocking_axe_violations(page, "mijn meldingen")
