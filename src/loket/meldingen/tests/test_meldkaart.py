"""The citizen's melding form with its map (issue 16, item 8): the municipality's bounds, the
address search through the BAG, the check for similar meldingen nearby and following one, the
urgency question per category, the prefilled reporter, no error markup on load, the map's own
GeoJSON and the CSP for the tiles."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from loket.core.errors import DomainError
from loket.meldingen.models import MeldCategorie, Melding, MeldingVolger
from loket.meldingen.services import melding_create, melding_follow, melding_set_status
from loket.messaging.models import Bericht
from loket.registries.tests.factories import BagAdresFactory, BrpPersoonFactory

# Inside Zeventerpen (the demo boundary, meldingen/data/gemeentegrens-zeventerpen.geojson).
LAT, LON = 52.2500, 6.1600
AMSTERDAM = (52.3731, 4.8924)


@pytest.fixture
def routed(team):
    MeldCategorie.objects.update(team=team)


# --- the municipality's bounds -------------------------------------------------------------------


def test_a_point_outside_the_municipality_is_refused_naming_the_place(db):
    with pytest.raises(DomainError) as excinfo:
        melding_create(tekst="Losse stoeptegel op het trottoir", lat=AMSTERDAM[0], lon=AMSTERDAM[1])
    assert excinfo.value.field == "locatie"
    assert "Plek van de melding" in str(excinfo.value)
    assert "buiten de gemeente Zeventerpen" in str(excinfo.value)
    assert not Melding.objects.exists()


def test_the_portal_shows_the_bounds_error_at_the_place_and_keeps_the_input(client, db):
    response = client.post(
        reverse("meldingen:nieuw"),
        {"tekst": "Losse stoeptegel", "lat": str(AMSTERDAM[0]), "lon": str(AMSTERDAM[1])},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "buiten de gemeente Zeventerpen" in " ".join(form.errors["adres"])
    assert form["lat"].value() == str(AMSTERDAM[0])
    assert not Melding.objects.exists()


# --- address search through the BAG -----------------------------------------------------------


@pytest.fixture
def kerkstraat(db):
    for nummer, (lat, lon) in {
        10: (52.2499, 6.1599),
        12: (LAT, LON),
        14: (52.2501, 6.1601),
    }.items():
        BagAdresFactory(
            straatnaam="Kerkstraat",
            huisnummer=nummer,
            postcode="7871AB",
            woonplaats="Zeventerpen",
            lat=lat,
            lon=lon,
        )
    # Outside the municipality: never offered.
    BagAdresFactory(
        straatnaam="Kerkstraat", huisnummer=12, postcode="1012AB", woonplaats="Amsterdam",
        lat=AMSTERDAM[0], lon=AMSTERDAM[1],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("zoekterm", "labels"),
    [
        ("7871 ab 12", ["Kerkstraat 12, Zeventerpen"]),
        ("7871AB", ["Kerkstraat 10, Zeventerpen", "Kerkstraat 12, Zeventerpen", "Kerkstraat 14, Zeventerpen"]),
        ("kerkstraat 12", ["Kerkstraat 12, Zeventerpen"]),
        ("Kerkstraat 12, Zeventerpen", ["Kerkstraat 12, Zeventerpen"]),
        ("Kerkstraat", ["Kerkstraat, Zeventerpen"]),  # one result per street and place
        ("Kerkstraat 99", ["Kerkstraat, Zeventerpen"]),  # no such number: the street
        ("Dorpsstraat 1", []),
    ],
)  # fmt: skip
def test_the_address_search_finds_postcode_or_street_in_the_municipality(
    client, kerkstraat, zoekterm, labels
):
    response = client.get(reverse("meldingen:plekken"), {"q": zoekterm})
    assert response.status_code == 200
    found = [p.label for p in response.context["plekken"]]
    assert found == labels
    html = response.content.decode()
    if labels:
        assert 'data-lat="52.25' in html  # not localised: "52,25" would not parse
    else:
        assert "Geen adres in de gemeente gevonden" in html


def test_a_pin_on_the_map_is_named_by_the_nearest_address_within_50_m(client, kerkstraat):
    url = reverse("meldingen:adres_bij_punt")
    assert client.get(url, {"lat": "52.25004", "lon": "6.16001"}).json() == {
        "adres": "Kerkstraat 12, Zeventerpen"
    }
    assert client.get(url, {"lat": "52.2510", "lon": "6.1600"}).json() == {"adres": ""}  # 100 m
    assert client.get(url, {"lat": "x"}).json() == {"adres": ""}


def test_without_the_map_a_typed_address_gets_its_bag_point(client, kerkstraat, routed):
    for sleutel, adres in (("a", "Kerkstraat 12, Zeventerpen"), ("b", "Kerkstraat 99")):
        response = client.post(
            reverse("meldingen:nieuw"),
            {"tekst": "Losse stoeptegel op het trottoir", "adres": adres, "sleutel": sleutel},
        )
        assert response.status_code == 302
    met_nummer, zonder = Melding.objects.order_by("pk")
    assert (met_nummer.lat, met_nummer.lon) == (LAT, LON)
    assert (zonder.lat, zonder.lon) == (None, None)  # no such address: a street is no point


# --- the check: similar meldingen nearby, urgency -----------------------------------------------


def test_the_check_shows_a_similar_open_melding_nearby_with_public_data_only(client, routed):
    other = melding_create(
        tekst="Lantaarnpaal doet het niet sinds zondag",
        adres="Kerkstraat 12",
        lat=LAT + 0.0001,
        lon=LON,
        naam="Piet Geheim",
        email="piet@example.org",
    )
    far = melding_create(tekst="Lantaarnpaal doet het niet", lat=LAT + 0.01, lon=LON)
    response = client.post(
        reverse("meldingen:controle"),
        {"tekst": "De straatlamp brandt niet", "lat": str(LAT), "lon": str(LON)},
    )
    html = response.content.decode()
    assert "Is dit dezelfde?" in html
    assert other.referentie in html and far.referentie not in html
    assert "ongeveer 11 meter" in html
    assert reverse("meldingen:volgen", kwargs={"uuid": other.uuid}) in html
    for private in ("Piet Geheim", "piet@example.org", "zondag", "Kerkstraat 12"):
        assert private not in html
    assert 'data-vraagt-urgentie="0"' in html


def test_a_category_that_needs_it_asks_for_urgency_and_the_answer_is_stored(client, routed):
    boom = MeldCategorie.objects.get(subcategorie="Boomoverlast en boomschade")
    lamp = MeldCategorie.objects.get(subcategorie="Functioneert niet goed")
    assert boom.vraagt_urgentie and not lamp.vraagt_urgentie  # seeded as data (migration 0003)
    check = client.post(
        reverse("meldingen:controle"),
        {"tekst": "Er is een boom omgevallen over het fietspad", "lat": "", "lon": ""},
    )
    assert 'data-vraagt-urgentie="1"' in check.content.decode()
    response = client.post(
        reverse("meldingen:nieuw"),
        {
            "tekst": "Er is een boom omgevallen over het fietspad",
            "lat": str(LAT),
            "lon": str(LON),
            "urgent": "ja",
            "sleutel": "boom-1",
        },
    )
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.urgent is True
    assert "volgens de melder urgent" in melding.gebeurtenissen.get().omschrijving


# --- following instead of a duplicate --------------------------------------------------------------


def test_following_a_nearby_melding_counts_once_and_tells_the_follower_when_closed(client, routed):
    melding = melding_create(
        tekst="Lantaarnpaal doet het niet", lat=LAT, lon=LON, email="a@example.org"
    )
    url = reverse("meldingen:volgen", kwargs={"uuid": melding.uuid})
    form = {"tekst": "De straatlamp brandt niet", "email": "b@example.org", "naam": "B"}
    first = client.post(url, form)
    assert first.status_code == 302
    assert client.get(first["Location"]).status_code == 200
    client.post(url, {**form, "email": "B@example.org "})  # a retry, or twice: one follower
    assert not Melding.objects.exclude(pk=melding.pk).exists()  # no duplicate melding
    volger = MeldingVolger.objects.get()
    assert volger.email == "b@example.org"
    assert melding.gebeurtenissen.filter(soort="gevolgd").count() == 1
    assert Bericht.objects.filter(sleutel__contains=":volger:", adres="b@example.org").count() == 1
    melding_set_status(
        melding=melding,
        status="afgehandeld",
        user=None,
        toelichting="Mevrouw A, de lamp is vervangen.",  # private: for the reporter only
        openbare_toelichting="De lamp is vervangen.",
    )
    closing = Bericht.objects.get(sleutel__endswith=":afgehandeld:1", adres="b@example.org")
    assert "De lamp is vervangen." in closing.tekst and "Mevrouw A" not in closing.tekst
    # A closed melding cannot be followed any more.
    with pytest.raises(DomainError):
        melding_follow(melding=melding, email="c@example.org")


def test_following_without_login_or_e_mail_asks_for_the_e_mail_address(client, routed):
    melding = melding_create(tekst="Lantaarnpaal doet het niet", lat=LAT, lon=LON)
    response = client.post(
        reverse("meldingen:volgen", kwargs={"uuid": melding.uuid}), {"tekst": "Lamp kapot"}
    )
    assert response.status_code == 400
    assert "Uw e-mailadres" in " ".join(response.context["form"].errors["email"])
    assert not MeldingVolger.objects.exists()


# --- the form itself -------------------------------------------------------------------------------


def test_the_form_has_no_error_markup_before_the_citizen_typed(client, db):
    response = client.get(reverse("meldingen:nieuw"))
    html = response.content.decode()
    assert response.status_code == 200
    # A `required` textarea matches :invalid on load and the design system paints it red.
    assert " required" not in html
    assert "aria-invalid" not in html and "utrecht-form-field--invalid" not in html
    # The map and its helpers are there; the coordinates stay as the fallback without script.
    assert 'name="lat"' in html and 'name="lon"' in html
    assert 'data-kaart-url="/meldingen/kaart.geojson"' in html
    assert "meldingen/vendor/leaflet/leaflet.js" in html


def test_a_logged_in_citizen_finds_name_and_e_mail_filled_in(client, db):
    from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory

    brp = BrpPersoonFactory(voornamen="Anna", geslachtsnaam="Terpstra")
    anna = PersoonFactory(bsn=brp.bsn, voornamen="Anna", geslachtsnaam="Terpstra",
                          weergavenaam="Anna Terpstra")  # fmt: skip
    DigitaalAdresFactory(partij=anna, adres="oud@example.org")
    DigitaalAdresFactory(partij=anna, adres="anna@example.org", is_standaard_adres=True)
    login = client.post("/inloggen/digid-simulator/", {"bsn": brp.bsn, "next": "/meldingen/"})
    assert login.status_code == 302
    form = client.get(reverse("meldingen:nieuw")).context["form"]
    assert form["naam"].value() == "Anna Terpstra"
    assert form["email"].value() == "anna@example.org"


def test_the_map_geojson_has_the_boundary_and_the_bag_streets(client, kerkstraat):
    response = client.get(reverse("meldingen:kaart"))
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    soorten = [f["properties"]["soort"] for f in features]
    assert soorten[0] == "gemeentegrens" and features[0]["geometry"]["type"] == "Polygon"
    straten = [f for f in features if f["properties"]["soort"] == "straat"]
    zeventerpen = [f for f in straten if f["properties"]["woonplaats"] == "Zeventerpen"]
    assert zeventerpen[0]["geometry"]["coordinates"] == [
        [6.1599, 52.2499],
        [LON, LAT],
        [6.1601, 52.2501],
    ]


# --- settings: tiles and the CSP ------------------------------------------------------------------


def test_without_tiles_the_csp_allows_no_other_image_host(settings):
    assert settings.LOKET_KAART_TEGELS == ""
    assert all(src.startswith("'") or src.endswith(":") for src in settings.SECURE_CSP["img-src"])


def test_production_uses_pdok_tiles_and_allows_only_that_host():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://loket@127.0.0.1:5432/loket",
        "DJANGO_SETTINGS_MODULE": "loket.conf.production",
    }
    env.pop("LOKET_KAART_TEGELS", None)
    code = (
        "from django.conf import settings as s;"
        "print(s.LOKET_KAART_TEGELS); print(' '.join(s.SECURE_CSP['img-src']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].startswith("https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/")
    assert out[1].split() == ["'self'", "data:", "blob:", "https://service.pdok.nl"]


def test_the_demo_addresses_and_meldingen_lie_inside_the_municipality():
    from loket.demo import data
    from loket.demo.population import address_point
    from loket.meldingen.demo import BOX
    from loket.meldingen.geo import in_gemeente

    points = [
        address_point(place, street, number)
        for place in data.KERNEN
        for street in data.STRAATNAMEN
        for number in (1, 2, 179, 180, 399, 400)
    ]
    assert all(in_gemeente(lat, lon) for lat, lon in points)
    assert all(in_gemeente(lat, lon) for lat in BOX[:2] for lon in BOX[2:])
    assert not in_gemeente(*AMSTERDAM)
