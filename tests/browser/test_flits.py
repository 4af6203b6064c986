"""The Flits verhuismelding in a real browser: a citizen logs in with the DigiD simulator,
makes a mistake, corrects it, submits, sees the move done in Mijn Loket; a KCC agent then sees
the web contact in the klantbeeld. axe-core finds no serious or critical problems on the form."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.axe import assert_no_blocking_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999993653"
BSN_PARTNER = "999990019"


@pytest.fixture
def verhuizers(db, make_user):
    from loket.accounts.services import team_add_member, team_create
    from loket.cases.services import zaaktype_create
    from loket.catalogue.models import Product
    from loket.catalogue.services import UPL_DEFAULT_PATH, catalogus_enrich, upl_import
    from loket.core.models import Kanaal
    from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory
    from loket.registries.models import BagAdres, BrpPersoon
    from loket.selfservice.services import formulieren_load_defaults

    upl_import(rows_or_path=UPL_DEFAULT_PATH)
    catalogus_enrich()
    Kanaal.objects.get_or_create(
        code="website", defaults={"naam": "Website/formulier", "soort": "click"}
    )
    team = team_create(name="Burgerzaken", slug="burgerzaken")
    zaaktype_create(
        identificatie="verhuizing",
        omschrijving="Verhuismelding",
        doorlooptijd_werkdagen=5,
        servicenorm_werkdagen=2,
        statustypen=[
            ("Melding ontvangen", True, "Wij hebben uw verhuismelding ontvangen."),
            ("In onderzoek", False, ""),
            ("Verwerkt", True, "Uw nieuwe adres staat in de Basisregistratie Personen."),
        ],
        product=Product.objects.get(upl_naam="verhuismelding"),
        team=team,
    )
    oud = BagAdres.objects.create(
        nummeraanduiding_id="1999200000000001",
        postcode="8431AB",
        huisnummer=7,
        straatnaam="Terpstraat",
        woonplaats="Zeventerpen",
    )
    BagAdres.objects.create(
        nummeraanduiding_id="1999200000000002",
        postcode="8432CD",
        huisnummer=8,
        straatnaam="Brink",
        woonplaats="Zeventerpen",
    )
    for bsn, voornaam, geboren in ((BSN, "Anna", 1980), (BSN_PARTNER, "Bram", 1979)):
        BrpPersoon.objects.create(
            bsn=bsn,
            voornamen=voornaam,
            geslachtsnaam="Terpstra",
            geboortedatum=dt.date(geboren, 5, 1),
            adres=oud,
            datum_aanvang_adreshouding=dt.date(2015, 1, 1),
            huishouden=1,
        )
    partij = PersoonFactory(
        bsn=BSN,
        voornamen="Anna",
        geslachtsnaam="Terpstra",
        geboortedatum=dt.date(1980, 5, 1),
        weergavenaam="Anna Terpstra",
    )
    DigitaalAdresFactory(partij=partij, adres="anna@voorbeeld.example", is_standaard_adres=True)
    formulieren_load_defaults(team=team)
    kim = make_user("kcc-medewerker", username="kim", password="geheim-123")
    team_add_member(team=team, user=kim)
    return partij


def test_citizen_reports_a_move_and_the_agent_sees_the_web_contact(
    page, live_server, verhuizers, login, screenshot
):
    from loket.registries.models import BrpPersoon
    from loket.selfservice.models import Inzending

    page.goto(f"{live_server.url}/formulieren/verhuismelding/")
    assert_no_blocking_axe_violations(page, "inloggen nodig")
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD-simulator").click()
    page.get_by_label("Anna Terpstra", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen als deze inwoner").click()
    assert "/formulieren/verhuismelding/" in page.url and page.url.endswith("/stap/1/")

    # A mistake: an address that does not exist. The message is at the field, input kept.
    verhuisdatum = (timezone.localdate() + dt.timedelta(days=5)).strftime("%d-%m-%Y")
    page.get_by_label("Postcode").fill("8432 cd")
    page.get_by_label("Huisnummer").fill("99")
    page.get_by_label("Verhuisdatum").fill(verhuisdatum)
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende stap").click()
    summary = page.get_by_role("alert").filter(has_text="fout")
    assert "bestaat niet in de BAG" in summary.inner_text()
    assert page.get_by_label("Postcode").input_value() == "8432 cd"
    assert page.get_by_label("Huisnummer").input_value() == "99"
    assert page.get_by_label("Postcode").get_attribute("aria-invalid") == "true"
    assert_no_blocking_axe_violations(page, "stap 1 met fout")
    screenshot("flits-fout")

    page.get_by_label("Huisnummer").fill("8")
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende stap").click()
    assert page.url.endswith("/stap/2/")
    page.get_by_label("Bram Terpstra", exact=False).check()
    page.get_by_role("group", name="Verhuizen er ook mensen mee").get_by_label("Nee").check()
    # A conditional question appears only for "Ja".
    assert not page.get_by_label("Namen en geboortedata").is_visible()
    assert_no_blocking_axe_violations(page, "stap 2")
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende stap").click()
    assert page.get_by_label("E-mailadres").input_value() == "anna@voorbeeld.example"
    with page.expect_navigation():
        page.get_by_role("button", name="Naar controleren").click()
    assert "Bram Terpstra" in page.locator("main").inner_text()
    assert_no_blocking_axe_violations(page, "controleren")
    page.get_by_label("Ik verklaar dat ik alles naar waarheid heb ingevuld").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Versturen").click()

    # Done at once, with the life event's other products.
    main = page.locator("main").inner_text()
    assert "Uw verhuizing is verwerkt" in main and "Brink 8" in main
    assert "Regel ook" in main
    assert_no_blocking_axe_violations(page, "resultaat")
    screenshot("flits-klaar")
    assert Inzending.objects.get().status == "afgehandeld"
    assert BrpPersoon.objects.filter(adres__straatnaam="Brink").count() == 2

    # Mijn Loket: the submission and the new address from the BRP.
    page.goto(f"{live_server.url}/mijn/inzendingen/")
    assert "Verhuizing doorgeven" in page.locator("main").inner_text()
    assert "Afgehandeld" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/mijn/gegevens/")
    assert "Brink 8" in page.locator("main").inner_text()

    # The agent sees the web contact in the klantbeeld.
    page.context.clear_cookies()
    login("kim", "geheim-123")
    page.goto(f"{live_server.url}/kcc/partij/{verhuizers.uuid}/")
    klantbeeld = page.locator("main").inner_text()
    assert "Verhuizing doorgeven" in klantbeeld
    assert "Website" in klantbeeld
    screenshot("flits-klantbeeld")
