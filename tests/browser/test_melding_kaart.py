"""The citizen's melding form with a map, in Chromium (issue 16, item 8): no red before typing,
the pin placed by address search (the keyboard way), by a click on the map, by dragging and by
"mijn locatie"; a similar open melding nearby to follow instead of a duplicate; the urgency
question only for a category that needs it. axe-core finds no serious or critical problems.
The map has no tiles in the tests: Loket's own GeoJSON of the demo boundary and BAG streets."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAT, LON = 52.2500, 6.1600
ERROR_RED = "rgb(179, 38, 30)"  # --zeventerpen-color-error


@pytest.fixture
def gemeente(db):
    """Routing to a team and a few BAG addresses with points in Zeventerpen."""
    from loket.accounts.services import team_create
    from loket.meldingen.models import MeldCategorie
    from loket.registries.tests.factories import BagAdresFactory

    team = team_create(name="Openbare Ruimte", slug="openbare-ruimte")
    MeldCategorie.objects.update(team=team)
    for nummer, delta in ((10, -0.0002), (12, 0.0), (14, 0.0002)):
        BagAdresFactory(
            straatnaam="Kerkstraat",
            huisnummer=nummer,
            postcode="7871AB",
            woonplaats="Zeventerpen",
            lat=LAT + delta,
            lon=LON + delta,
        )


def test_no_red_before_typing_and_validation_on_blur(page, live_server, gemeente, axe_check):
    page.goto(f"{live_server.url}/meldingen/")
    tekst = page.get_by_label("Wat wilt u melden?")
    expect(page.locator(".leaflet-container")).to_be_visible()
    # Nothing is marked wrong before the citizen typed: not by the server, not by CSS.
    expect(page.locator(":invalid")).to_have_count(0)
    expect(page.locator("[aria-invalid=true], .utrecht-form-field--invalid")).to_have_count(0)
    assert tekst.evaluate("el => getComputedStyle(el).borderTopColor") != ERROR_RED
    axe_check("meldformulier met kaart")
    # Typing too little and leaving the field: now the error, in Dutch, naming the field.
    tekst.fill("ab")
    page.get_by_label("Adres of plek").focus()
    expect(page.get_by_text("Wat wilt u melden?: beschrijf wat er aan de hand is.")).to_be_visible()
    expect(tekst).to_have_attribute("aria-invalid", "true")
    tekst.fill("De lantaarnpaal doet het niet")
    expect(page.get_by_text("beschrijf wat er aan de hand is")).to_have_count(0)
    expect(tekst).not_to_have_attribute("aria-invalid", "true")


def test_address_search_places_the_pin_and_a_similar_melding_can_be_followed(
    page, live_server, gemeente, axe_check, screenshot
):
    from loket.meldingen.models import Melding, MeldingVolger
    from loket.meldingen.services import melding_create

    bestaand = melding_create(tekst="Lantaarnpaal doet het niet", lat=LAT + 0.0001, lon=LON)
    page.goto(f"{live_server.url}/meldingen/")
    # With the map, the coordinates are no longer fields to type in (they stay as the fallback).
    expect(page.get_by_label("Breedtegraad")).to_be_hidden()
    page.get_by_label("Wat wilt u melden?").fill("De straatlamp brandt niet meer")
    page.get_by_label("Adres of plek").fill("Kerkstraat 12")
    page.get_by_label("Adres of plek").press("Enter")  # searches, does not send the form
    keuze = page.get_by_role("button", name="Kerkstraat 12, Zeventerpen")
    expect(keuze).to_be_focused()
    keuze.press("Enter")
    expect(page.get_by_label("Adres of plek")).to_have_value("Kerkstraat 12, Zeventerpen")
    expect(page.locator("[name=lat]")).to_have_value("52.25")
    expect(page.locator("[name=lon]")).to_have_value("6.16")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.get_by_text("Gekozen plek (Kerkstraat 12, Zeventerpen)")).to_be_visible()
    # "Is dit dezelfde?": the open melding of the same category 11 m away, public data only.
    expect(page.get_by_role("heading", name="Is dit dezelfde?")).to_be_visible()
    expect(page.get_by_text(re.compile(r"ongeveer 11 meter van uw plek"))).to_be_visible()
    expect(page.locator(".leaflet-interactive")).not_to_have_count(0)  # its circle on the map
    # This category does not ask for urgency.
    expect(page.get_by_role("group", name=re.compile("Is het gevaarlijk"))).to_be_hidden()
    screenshot("meldkaart-dezelfde")
    axe_check("meldformulier met dubbele melding")
    page.get_by_label("Uw e-mailadres").fill("buurman@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name=f"Dit is dezelfde: volg {bestaand.referentie}").click()
    expect(
        page.get_by_role("heading", name=f"U volgt nu melding {bestaand.referentie}")
    ).to_be_visible()
    axe_check("melding gevolgd")
    assert Melding.objects.count() == 1
    assert MeldingVolger.objects.get().email == "buurman@example.org"


def test_click_drag_and_my_location_place_the_pin_and_urgency_is_asked(
    page, live_server, gemeente, axe_check, screenshot
):
    from loket.meldingen.models import Melding

    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation({"latitude": 52.25003, "longitude": 6.16003})
    page.goto(f"{live_server.url}/meldingen/")
    urgentie = page.get_by_role("group", name=re.compile("Is het gevaarlijk"))
    expect(urgentie).to_be_hidden()
    page.get_by_label("Wat wilt u melden?").fill("Er is een boom omgevallen over het fietspad")
    page.get_by_label("Adres of plek").focus()  # leaving the text runs the check
    expect(urgentie).to_be_visible()  # a fallen tree: the category asks
    # A click on the map puts the pin there.
    kaart = page.locator(".leaflet-container")
    kaart.click(position={"x": 200, "y": 150})
    lat = page.locator("[name=lat]")
    expect(lat).not_to_have_value("")
    geklikt = (float(lat.input_value()), float(page.locator("[name=lon]").input_value()))
    # Dragging the pin moves it.
    pin = page.locator(".leaflet-marker-icon").bounding_box()
    page.mouse.move(pin["x"] + pin["width"] / 2, pin["y"] + pin["height"] - 4)
    page.mouse.down()
    page.mouse.move(pin["x"] + 80, pin["y"] + 60, steps=8)
    page.mouse.up()
    expect(page.get_by_text(re.compile("Gekozen plek \\(gesleept\\)"))).to_be_visible()
    gesleept = (float(lat.input_value()), float(page.locator("[name=lon]").input_value()))
    assert gesleept[0] < geklikt[0] and gesleept[1] > geklikt[1]  # down and to the right
    # "Mijn locatie" (the browser's geolocation) moves it to where the citizen is.
    page.get_by_role("button", name="Mijn locatie gebruiken").click()
    expect(lat).to_have_value("52.25003")
    # The nearest BAG address names the place in words (the citizen wrote none).
    expect(page.get_by_label("Adres of plek")).to_have_value("Bij Kerkstraat 12, Zeventerpen")
    urgentie.get_by_label("Ja").check()
    screenshot("meldkaart-urgentie")
    axe_check("meldformulier met urgentievraag")
    with page.expect_navigation():
        page.get_by_role("button", name="Melding versturen").click()
    melding = Melding.objects.get()
    assert (melding.lat, melding.lon) == (52.25003, 6.16003)
    assert melding.adres == "Bij Kerkstraat 12, Zeventerpen"
    assert melding.urgent is True
