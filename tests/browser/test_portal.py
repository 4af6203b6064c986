"""The citizen portal in a real browser: home, a life event, a product page, the DigiD simulator
and Mijn Loket. axe-core finds no serious or critical problems on any of them."""

import datetime as dt

import pytest

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"


@pytest.fixture
def zeventerpen(db):
    """The real catalogue (UPL + the bundled enrichment) and one resident with an open zaak."""
    from django.utils import timezone

    from loket.accounts.services import team_create
    from loket.cases.models import Status, Zaak
    from loket.cases.services import zaaktype_create
    from loket.catalogue.services import UPL_DEFAULT_PATH, catalogus_enrich, upl_import
    from loket.parties.tests.factories import PersoonFactory
    from loket.registries.models import BagAdres, BrpPersoon

    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    catalogus_enrich()
    adres = BagAdres.objects.create(
        nummeraanduiding_id="1999200000000001",
        postcode="8431AB",
        huisnummer=7,
        straatnaam="Terpstraat",
        woonplaats="Zeventerpen",
        gemeente="Zeventerpen",
    )
    BrpPersoon.objects.create(
        bsn=BSN,
        voornamen="Anna",
        geslachtsnaam="Terpstra",
        geboortedatum=dt.date(1980, 5, 1),
        adres=adres,
    )
    partij = PersoonFactory(
        bsn=BSN,
        voornamen="Anna",
        geslachtsnaam="Terpstra",
        geboortedatum=dt.date(1980, 5, 1),
        weergavenaam="Anna Terpstra",
    )
    zaaktype = zaaktype_create(
        identificatie="paspoort",
        omschrijving="Aanvraag paspoort",
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
        statustypen=[
            ("Aanvraag ontvangen", True, "Wij hebben uw aanvraag ontvangen."),
            ("Uitgereikt", False, ""),
        ],
        team=team_create(name="Burgerzaken", slug="burgerzaken"),
    )
    today = timezone.localdate()
    zaak = Zaak.objects.create(
        identificatie="ZAAK-2026-0000001",
        zaaktype=zaaktype,
        initiator=partij,
        startdatum=today,
        einddatum_gepland=today + dt.timedelta(days=7),
        uiterlijke_einddatum_afdoening=today + dt.timedelta(days=14),
    )
    zaak.status = Status.objects.create(
        zaak=zaak,
        statustype=zaaktype.statustypen.order_by("volgnummer").first(),
        datum_status_gezet=timezone.now(),
    )
    zaak.save(update_fields=["status"])
    return partij


def test_citizen_finds_a_product_logs_in_with_the_digid_simulator_and_sees_mijn_loket(
    page, live_server, zeventerpen, screenshot
):
    from loket.portal.models import PaginaFeedback

    page.goto(f"{live_server.url}/")
    assert page.get_by_label("Waar zoekt u naar?").is_visible()
    assert_no_blocking_axe_violations(page, "/")
    screenshot("portaal-home")

    with page.expect_navigation():
        page.get_by_role("link", name="Verhuizen", exact=True).click()
    assert page.url.endswith("/levensgebeurtenissen/verhuizen/")
    assert_no_blocking_axe_violations(page, "/levensgebeurtenissen/verhuizen/")

    with page.expect_navigation():
        page.get_by_role("link", name="Verhuizing doorgeven").click()
    assert page.url.endswith("/producten/verhuismelding/")
    steering = page.locator(".portaal-sturing")
    assert "Regel het online — 24/7, direct klaar" in steering.inner_text()
    assert "Onze belofte: Flits" in page.locator(".portaal-belofte").inner_text()
    assert_no_blocking_axe_violations(page, "/producten/verhuismelding/")
    screenshot("portaal-product")

    # Feedback with htmx: the form is replaced in place, stored once.
    page.get_by_role("button", name="Ja", exact=True).click()
    page.get_by_text("Bedankt voor uw reactie").wait_for()
    assert PaginaFeedback.objects.filter(pad="/producten/verhuismelding/").count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD-simulator").click()
    assert "alleen voor de demo" in page.locator(".portaal-simulator__band").inner_text()
    assert_no_blocking_axe_violations(page, "/inloggen/digid-simulator/")
    page.get_by_label("Anna Terpstra", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen als deze inwoner").click()

    assert page.url == f"{live_server.url}/mijn/"
    assert page.get_by_role("heading", name="Mijn Loket", level=1).is_visible()
    assert "ZAAK-2026-0000001" in page.locator("main").inner_text()
    assert_no_blocking_axe_violations(page, "/mijn/")
    screenshot("portaal-mijn")

    with page.expect_navigation():
        page.get_by_role("link", name="Mijn gegevens").first.click()
    assert "Terpstraat 7" in page.locator("main").inner_text()
    assert_no_blocking_axe_violations(page, "/mijn/gegevens/")

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    assert "U bent uitgelogd." in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/mijn/")
    assert "/inloggen/" in page.url


def test_feedback_works_without_javascript(browser, live_server, zeventerpen):
    from loket.portal.models import PaginaFeedback

    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/producten/paspoort/")
        page.get_by_text("Wilt u iets toelichten? (niet verplicht)").click()
        page.get_by_label("Wat kunnen we beter maken?", exact=False).fill(
            "Wat kost het voor kinderen?"
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Nee", exact=True).click()
        assert "Bedankt voor uw reactie" in page.locator("#feedback").inner_text()
        page.go_back()
        page.reload()  # a fresh form: a new answer, never a double one from the old form
        feedback = PaginaFeedback.objects.get()
        assert feedback.geholpen is False and feedback.opmerking == "Wat kost het voor kinderen?"
    finally:
        context.close()
