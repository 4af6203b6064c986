"""The registry backends: the demo backend against the demo tables, the HTTP backend against a
real HTTP server on 127.0.0.1 that answers in the shape of the Haal Centraal and KVK APIs."""

import datetime as dt
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured

from loket.core.errors import DomainError
from loket.registries.backends import AdresData, PersoonData, get_bag, get_brp, get_kvk
from loket.registries.backends.demo import DemoBag, DemoBrp, DemoKvk
from loket.registries.backends.http import HttpBag, HttpBrp, HttpKvk
from loket.registries.tests.factories import (
    BagAdresFactory,
    BrpPersoonFactory,
    KvkVestigingFactory,
    ReisdocumentFactory,
)

API_KEY = "test-sleutel"


# --- selection ---------------------------------------------------------------------------------


def test_demo_is_selected_by_setting(settings):
    settings.LOKET_REGISTRY_BACKEND = "demo"
    assert isinstance(get_brp(), DemoBrp)
    assert isinstance(get_bag(), DemoBag)
    assert isinstance(get_kvk(), DemoKvk)


def test_http_is_selected_by_setting(settings):
    settings.LOKET_REGISTRY_BACKEND = "http"
    assert isinstance(get_brp(), HttpBrp)
    assert isinstance(get_bag(), HttpBag)
    assert isinstance(get_kvk(), HttpKvk)


def test_unknown_backend_is_a_configuration_error(settings):
    settings.LOKET_REGISTRY_BACKEND = "ldap"
    with pytest.raises(ImproperlyConfigured):
        get_brp()


# --- demo backend ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_brp_returns_person_with_address_and_documents():
    adres = BagAdresFactory(postcode="8431AB", huisnummer=12, huisletter="a", straatnaam="Dijk")
    brp = BrpPersoonFactory(voornamen="Anna", voorvoegsel="van", geslachtsnaam="Dam", adres=adres)
    oud = ReisdocumentFactory(persoon=brp, datum_einde_geldigheid=dt.date(2020, 1, 1))
    nieuw = ReisdocumentFactory(persoon=brp, datum_einde_geldigheid=dt.date(2031, 1, 1))

    persoon = get_brp().persoon(brp.bsn)

    assert isinstance(persoon, PersoonData)
    assert persoon.volledige_naam == "Anna van Dam"
    assert persoon.adres == AdresData(
        postcode="8431AB",
        huisnummer=12,
        huisletter="a",
        toevoeging="",
        straatnaam="Dijk",
        woonplaats="Zeventerpen",
        nummeraanduiding_id=adres.nummeraanduiding_id,
        gemeente="Zeventerpen",
    )
    assert persoon.adres_sinds == brp.datum_aanvang_adreshouding
    assert [d.documentnummer for d in persoon.documenten] == [
        nieuw.documentnummer,
        oud.documentnummer,
    ]
    assert persoon.documenten[0].is_geldig_op(dt.date(2026, 1, 1))
    assert not persoon.documenten[1].is_geldig_op(dt.date(2026, 1, 1))
    with pytest.raises(AttributeError):
        persoon.geslachtsnaam = "Anders"  # frozen


@pytest.mark.django_db
def test_demo_brp_unknown_bsn_is_none():
    assert get_brp().persoon("999999990") is None


@pytest.mark.django_db
def test_demo_brp_searches_by_name_and_birth_date_and_by_address():
    adres = BagAdresFactory(postcode="8431AB", huisnummer=3)
    a = BrpPersoonFactory(geslachtsnaam="Visser", geboortedatum=dt.date(1990, 1, 2), adres=adres)
    b = BrpPersoonFactory(geslachtsnaam="Bakker", geboortedatum=dt.date(1950, 1, 2), adres=adres)
    BrpPersoonFactory(geslachtsnaam="Visser", geboortedatum=dt.date(1991, 1, 2))

    by_name = get_brp().zoek_op_naam("visser", dt.date(1990, 1, 2))
    by_address = get_brp().zoek_op_adres("8431 ab", 3)

    assert [p.bsn for p in by_name] == [a.bsn]
    assert [p.bsn for p in by_address] == [b.bsn, a.bsn]  # oldest first


@pytest.mark.django_db
def test_demo_brp_registers_a_move():
    persoon = BrpPersoonFactory()
    nieuw = BagAdresFactory(postcode="8432CD", huisnummer=7, straatnaam="Brink")

    result = get_brp().verhuizing_registreren(
        persoon.bsn, AdresData(postcode="8432CD", huisnummer=7), dt.date(2026, 2, 1)
    )

    persoon.refresh_from_db()
    assert persoon.adres == nieuw
    assert persoon.datum_aanvang_adreshouding == dt.date(2026, 2, 1)
    assert result.adres.straatnaam == "Brink"
    assert result.adres_sinds == dt.date(2026, 2, 1)


@pytest.mark.django_db
def test_demo_brp_refuses_a_move_to_an_unknown_address():
    persoon = BrpPersoonFactory()
    with pytest.raises(DomainError) as excinfo:
        get_brp().verhuizing_registreren(
            persoon.bsn, AdresData(postcode="9999ZZ", huisnummer=1), dt.date(2026, 2, 1)
        )
    assert excinfo.value.field == "adres"


@pytest.mark.django_db
def test_demo_brp_refuses_a_move_of_an_unknown_person():
    adres = BagAdresFactory()
    with pytest.raises(DomainError) as excinfo:
        get_brp().verhuizing_registreren(
            "999999990",
            AdresData(postcode=adres.postcode, huisnummer=adres.huisnummer),
            dt.date(2026, 2, 1),
        )
    assert excinfo.value.field == "bsn"


@pytest.mark.django_db
def test_demo_bag_finds_the_exact_address_only():
    BagAdresFactory(postcode="8431AB", huisnummer=5)
    met_letter = BagAdresFactory(postcode="8431AB", huisnummer=5, huisletter="B")
    BagAdresFactory(postcode="8431AC", huisnummer=1)

    assert get_bag().adres("8431 ab", 5, huisletter="b").nummeraanduiding_id == (
        met_letter.nummeraanduiding_id
    )
    assert get_bag().adres("8431AB", 5).huisletter == ""
    assert get_bag().adres("8431AB", 6) is None
    assert [(a.huisnummer, a.huisletter) for a in get_bag().adressen("8431AB")] == [
        (5, ""),
        (5, "B"),
    ]


@pytest.mark.django_db
def test_demo_bag_searches_a_street_with_number_and_place_and_gives_points():
    BagAdresFactory(
        straatnaam="Kerkstraat", huisnummer=12, woonplaats="Oosterterp", lat=52.25, lon=6.19
    )
    BagAdresFactory(
        straatnaam="Kerkstraat", huisnummer=12, woonplaats="Zeventerpen", lat=52.24, lon=6.16
    )
    BagAdresFactory(
        straatnaam="Kerkstraat", huisnummer=14, woonplaats="Zeventerpen", lat=52.2401, lon=6.1601
    )
    BagAdresFactory(straatnaam="Kerkweg", huisnummer=12, woonplaats="Zeventerpen")

    assert [(a.straatnaam, a.huisnummer, a.woonplaats) for a in get_bag().zoek("kerkstr", 12)] == [
        ("Kerkstraat", 12, "Oosterterp"),
        ("Kerkstraat", 12, "Zeventerpen"),
    ]
    (adres,) = get_bag().zoek("Kerkstraat", 12, woonplaats="zeven")
    assert (adres.lat, adres.lon) == (52.24, 6.16)
    assert len(get_bag().zoek("Kerk")) == 4
    assert get_bag().zoek("K") == []  # one letter finds nothing, not every street
    straten = {(s.straatnaam, s.woonplaats): s.punten for s in get_bag().straten()}
    # A street is a line through two points or more, in the order of the house numbers.
    assert straten == {("Kerkstraat", "Zeventerpen"): ((52.24, 6.16), (52.2401, 6.1601))}


@pytest.mark.django_db
def test_demo_kvk_prefers_the_hoofdvestiging_and_searches_by_name():
    KvkVestigingFactory(kvk_nummer="69599084", is_hoofdvestiging=False, handelsnaam="Terp Filiaal")
    hoofd = KvkVestigingFactory(kvk_nummer="69599084", handelsnaam="Terp Hoofdkantoor")
    KvkVestigingFactory(handelsnaam="Slagerij Smit")

    assert get_kvk().vestiging("69599084").vestigingsnummer == hoofd.vestigingsnummer
    assert get_kvk().vestiging("11111111") is None
    assert {v.handelsnaam for v in get_kvk().zoek("terp")} == {"Terp Filiaal", "Terp Hoofdkantoor"}
    assert get_kvk().zoek("  ") == []


# --- HTTP backend against a real local server --------------------------------------------------

BRP_PERSOON = {
    "burgerservicenummer": "999993653",
    "geslacht": {"code": "V", "omschrijving": "vrouw"},
    "naam": {
        "voornamen": "Suzanne",
        "voorvoegsel": "van",
        "geslachtsnaam": "Moulin",
        "volledigeNaam": "Suzanne van Moulin",
    },
    "geboorte": {
        "datum": {"type": "Datum", "datum": "1983-05-26", "langFormaat": "26 mei 1983"},
        "plaats": {"code": "0518", "omschrijving": "'s-Gravenhage"},
    },
    "verblijfplaats": {
        "type": "Adres",
        "verblijfadres": {
            "officieleStraatnaam": "Boterdiep",
            "korteStraatnaam": "Boterdiep",
            "huisnummer": 31,
            "huisletter": "A",
            "huisnummertoevoeging": "2",
            "postcode": "3077AW",
            "woonplaats": "Rotterdam",
        },
        "nummeraanduidingIdentificatie": "0599200000219679",
        "datumVan": {"type": "Datum", "datum": "2010-09-01", "langFormaat": "1 september 2010"},
    },
}
BRP_OVERLEDEN = {
    "burgerservicenummer": "999990019",
    "naam": {"voornamen": "Piet", "geslachtsnaam": "Klaassen"},
    "geboorte": {"datum": {"type": "JaarDatum", "jaar": 1931, "langFormaat": "1931"}},
    "overlijden": {"datum": {"type": "Datum", "datum": "2020-03-01"}},
    "verblijfplaats": {"type": "VerblijfplaatsOnbekend"},
}
BAG_ADRESSEN = [
    {
        "openbareRuimteNaam": "Laan van Westenenk",
        "korteNaam": "Ln v Westenenk",
        "huisnummer": 701,
        "postcode": "7334DP",
        "woonplaatsNaam": "Apeldoorn",
        "nummeraanduidingIdentificatie": "0200200000075716",
    },
    {
        "openbareRuimteNaam": "Laan van Westenenk",
        "huisnummer": 701,
        "huisletter": "B",
        "postcode": "7334DP",
        "woonplaatsNaam": "Apeldoorn",
        "nummeraanduidingIdentificatie": "0200200000075717",
        # BAG IB "adressenuitgebreid": the verblijfsobject's point in RD New (metres).
        "adresseerbaarObjectGeometrie": {
            "punt": {"type": "Point", "coordinates": [194500.0, 469400.0, 0.0]}
        },
    },
]
KVK_RESULTATEN = [
    {
        "kvkNummer": "68750110",
        "naam": "Test BV Donald",
        "type": "rechtspersoon",
        "adres": {"binnenlandsAdres": {"type": "bezoekadres", "plaats": "Lille"}},
    },
    {
        "kvkNummer": "68750110",
        "vestigingsnummer": "000037178601",
        "naam": "Test BV Donald Nevenvestiging",
        "type": "nevenvestiging",
        "adres": {"binnenlandsAdres": {"straatnaam": "Hizzaarderlaan", "plaats": "Lollum"}},
    },
    {
        "kvkNummer": "68750110",
        "vestigingsnummer": "000037178598",
        "naam": "Test BV Donald",
        "type": "hoofdvestiging",
        "adres": {
            "binnenlandsAdres": {
                "type": "bezoekadres",
                "straatnaam": "Hizzaarderlaan",
                "huisnummer": 3,
                "huisletter": "A",
                "postcode": "8735 BG",
                "plaats": "Lollum",
            }
        },
    },
]


class RegistryHandler(BaseHTTPRequestHandler):
    """Answers like the registries; `server.requests` records what was asked, `server.mode`
    makes it misbehave ("error", "garbage", "wrong-shape", "forbidden")."""

    def log_message(self, format, *args):  # keep test output clean
        pass

    def _send(self, status: int, payload, content_type="application/json") -> None:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self, body=None) -> bool:
        url = urlsplit(self.path)
        self.server.requests.append(
            {
                "method": self.command,
                "path": url.path,
                "query": {k: v[0] for k, v in parse_qs(url.query).items()},
                "headers": dict(self.headers),
                "body": body,
            }
        )
        mode = self.server.mode
        if mode == "error":
            self._send(500, {"title": "Interne fout", "status": 500})
        elif mode == "forbidden":
            self._send(403, {"title": "Niet geautoriseerd", "status": 403})
        elif mode == "garbage":
            self._send(200, b"<html>onderhoud</html>", "text/html")
        elif mode == "wrong-shape":
            self._send(200, {"personen": [{"naam": {}}], "_embedded": {"adressen": [{}]}})
        return mode is None

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self._record(body):
            return
        if self.path != "/brp/personen":
            return self._send(404, {"status": 404})
        if self.headers.get("X-Api-Key") != API_KEY:
            return self._send(401, {"status": 401})
        personen = [BRP_PERSOON, BRP_OVERLEDEN]
        if body["type"] == "RaadpleegMetBurgerservicenummer":
            found = [p for p in personen if p["burgerservicenummer"] in body["burgerservicenummer"]]
        elif body["type"] == "ZoekMetPostcodeEnHuisnummer":
            found = (
                [BRP_PERSOON] if (body["postcode"], body["huisnummer"]) == ("3077AW", 31) else []
            )
        elif body["type"] == "ZoekMetGeslachtsnaamEnGeboortedatum":
            found = [BRP_PERSOON] if body["geslachtsnaam"].lower() == "moulin" else []
        else:
            return self._send(400, {"title": "Onbekend type", "status": 400})
        self._send(200, {"type": body["type"], "personen": found})

    def do_GET(self):
        if not self._record():
            return
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/bag/adressen":
            adressen = [
                a
                for a in BAG_ADRESSEN
                if a["postcode"] == query.get("postcode")
                or a["openbareRuimteNaam"] == query.get("openbareRuimteNaam")
            ]
            if "huisnummer" in query:
                adressen = [a for a in adressen if str(a["huisnummer"]) == query["huisnummer"]]
            return self._send(200, {"_embedded": {"adressen": adressen}}, "application/hal+json")
        if url.path == "/kvk/zoeken":
            if self.headers.get("apikey") != API_KEY:
                return self._send(401, {"fout": [{"code": "IPD1002"}]})
            resultaten = [
                r
                for r in KVK_RESULTATEN
                if r["kvkNummer"] == query.get("kvkNummer")
                or query.get("naam", "\0").lower() in r["naam"].lower()
            ]
            if not resultaten:  # the KVK answers 404 when nothing is found
                return self._send(404, {"fout": [{"code": "IPD5200", "omschrijving": "Geen"}]})
            return self._send(
                200, {"pagina": 1, "totaal": len(resultaten), "resultaten": resultaten}
            )
        self._send(404, {"status": 404})


@pytest.fixture
def registry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RegistryHandler)
    server.requests = []
    server.mode = None
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def http_backend(settings, registry_server):
    base = f"http://127.0.0.1:{registry_server.server_address[1]}"
    settings.LOKET_REGISTRY_BACKEND = "http"
    settings.LOKET_REGISTRY_HTTP = {
        "brp_url": f"{base}/brp/",
        "bag_url": f"{base}/bag",
        "kvk_url": f"{base}/kvk",
        "api_key": API_KEY,
        "timeout": 5,
    }
    return registry_server


def test_http_brp_raadpleeg_sends_haal_centraal_request_and_maps_the_answer(http_backend):
    persoon = get_brp().persoon("999993653")

    request = http_backend.requests[-1]
    assert request["method"] == "POST"
    assert request["path"] == "/brp/personen"
    assert request["headers"]["X-Api-Key"] == API_KEY
    assert request["body"]["type"] == "RaadpleegMetBurgerservicenummer"
    assert request["body"]["burgerservicenummer"] == ["999993653"]
    assert "verblijfplaats" in request["body"]["fields"]
    assert persoon == PersoonData(
        bsn="999993653",
        voornamen="Suzanne",
        voorvoegsel="van",
        geslachtsnaam="Moulin",
        geboortedatum=dt.date(1983, 5, 26),
        geslacht="V",
        overlijdensdatum=None,
        adres=AdresData(
            postcode="3077AW",
            huisnummer=31,
            huisletter="A",
            toevoeging="2",
            straatnaam="Boterdiep",
            woonplaats="Rotterdam",
            nummeraanduiding_id="0599200000219679",
        ),
        adres_sinds=dt.date(2010, 9, 1),
        documenten=(),
        geboorteplaats="'s-Gravenhage",
    )


def test_http_brp_maps_incomplete_dates_and_unknown_residence_to_none(http_backend):
    persoon = get_brp().persoon("999990019")
    assert persoon.geboortedatum is None  # only the year is known
    assert persoon.overlijdensdatum == dt.date(2020, 3, 1)
    assert persoon.is_overleden
    assert persoon.adres is None


def test_http_brp_unknown_bsn_is_none(http_backend):
    assert get_brp().persoon("111222333") is None


def test_http_brp_searches_by_address_and_by_name(http_backend):
    assert [p.bsn for p in get_brp().zoek_op_adres("3077 aw", 31)] == ["999993653"]
    assert http_backend.requests[-1]["body"]["postcode"] == "3077AW"
    assert [p.bsn for p in get_brp().zoek_op_naam("Moulin", dt.date(1983, 5, 26))] == ["999993653"]
    body = http_backend.requests[-1]["body"]
    assert body["type"] == "ZoekMetGeslachtsnaamEnGeboortedatum"
    assert body["geboortedatum"] == "1983-05-26"
    assert get_brp().zoek_op_adres("1234AB", 1) == []


def test_http_brp_cannot_register_a_move(http_backend):
    with pytest.raises(DomainError) as excinfo:
        get_brp().verhuizing_registreren(
            "999993653", AdresData(postcode="7334DP", huisnummer=701), dt.date(2026, 1, 1)
        )
    assert excinfo.value.code == "not_supported"
    assert http_backend.requests == []


def test_http_bag_returns_the_exact_address(http_backend):
    adres = get_bag().adres("7334 dp", 701, huisletter="b")

    request = http_backend.requests[-1]
    assert request["path"] == "/bag/adressen"
    assert request["query"]["postcode"] == "7334DP"
    assert request["query"]["huisnummer"] == "701"
    assert request["headers"]["X-Api-Key"] == API_KEY
    assert adres.nummeraanduiding_id == "0200200000075717"
    assert adres.straatnaam == "Laan van Westenenk"
    assert adres.woonplaats == "Apeldoorn"
    assert get_bag().adres("7334DP", 701).nummeraanduiding_id == "0200200000075716"
    assert get_bag().adres("7334DP", 702) is None
    assert len(get_bag().adressen("7334DP")) == 2


def test_http_bag_searches_a_street_and_converts_the_rd_point_to_wgs84(http_backend):
    (zonder, met) = get_bag().zoek("Laan van Westenenk", 701, woonplaats="Apeldoorn")

    request = http_backend.requests[-1]
    assert request["query"] == {
        "openbareRuimteNaam": "Laan van Westenenk",
        "huisnummer": "701",
        "woonplaatsNaam": "Apeldoorn",
    }
    assert (zonder.lat, zonder.lon) == (None, None)
    # Apeldoorn, Laan van Westenenk: about 52.211 N, 5.965 E.
    assert met.lat == pytest.approx(52.2113, abs=0.001)
    assert met.lon == pytest.approx(5.9651, abs=0.001)
    assert get_bag().straten() == []  # a map with tiles needs no street lines
    assert get_bag().dichtstbij(52.2113, 5.9651) is None  # BAG IB cannot search by point


def test_rd_to_wgs84_at_the_origin_and_a_known_point():
    from loket.registries.backends.http import rd_to_wgs84

    assert rd_to_wgs84(155_000, 463_000) == pytest.approx((52.15517, 5.38721), abs=1e-5)
    # Kerktoren van Amersfoort is the origin; the Martinitoren in Groningen (233 883, 582 065)
    # lies at 53.21938 N, 6.56820 E.
    assert rd_to_wgs84(233_883, 582_065) == pytest.approx((53.21938, 6.56820), abs=2e-4)


def test_http_kvk_prefers_the_hoofdvestiging(http_backend):
    vestiging = get_kvk().vestiging("68750110")

    request = http_backend.requests[-1]
    assert request["query"] == {"kvkNummer": "68750110"}
    assert request["headers"]["Apikey"] == API_KEY
    assert vestiging.vestigingsnummer == "000037178598"
    assert vestiging.is_hoofdvestiging
    assert vestiging.adres.postcode == "8735BG"
    assert vestiging.adres.huisletter == "A"


def test_http_kvk_not_found_is_none_and_name_search_skips_rechtspersonen(http_backend):
    assert get_kvk().vestiging("12345678") is None
    assert [v.vestigingsnummer for v in get_kvk().zoek("donald")] == [
        "000037178601",
        "000037178598",
    ]
    assert get_kvk().zoek("bestaat niet") == []


@pytest.mark.parametrize(
    ("mode", "code", "fragment"),
    [
        ("error", "registry_error", "gaf een foutmelding (HTTP 500)"),
        ("forbidden", "registry_forbidden", "weigert de toegang"),
        ("garbage", "registry_error", "onleesbaar antwoord"),
        ("wrong-shape", "registry_error", "onleesbaar antwoord"),
    ],
)
def test_http_registry_failures_become_a_dutch_domain_error(http_backend, mode, code, fragment):
    http_backend.mode = mode
    with pytest.raises(DomainError) as excinfo:
        get_brp().persoon("999993653")
    assert excinfo.value.code == code
    assert fragment in excinfo.value.message
    assert excinfo.value.message.startswith("De BRP")


def test_http_bag_wrong_shape_is_unreadable(http_backend):
    http_backend.mode = "wrong-shape"
    with pytest.raises(DomainError) as excinfo:
        get_bag().adres("7334DP", 701)
    assert excinfo.value.message == "De BAG gaf een onleesbaar antwoord."


def test_http_registry_unreachable_is_a_dutch_domain_error(settings):
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.LOKET_REGISTRY_BACKEND = "http"
    settings.LOKET_REGISTRY_HTTP = {"brp_url": f"http://127.0.0.1:{port}", "api_key": "x"}
    with pytest.raises(DomainError) as excinfo:
        get_brp().persoon("999993653")
    assert excinfo.value.code == "registry_unavailable"
    assert excinfo.value.message == (
        "De BRP is op dit moment niet bereikbaar. Probeer het later opnieuw."
    )


@pytest.mark.parametrize("url", ["", "file:///etc/passwd", "ftp://example.org"])
def test_http_registry_without_a_valid_url_is_not_configured(settings, url):
    settings.LOKET_REGISTRY_BACKEND = "http"
    settings.LOKET_REGISTRY_HTTP = {"brp_url": url, "kvk_url": url}
    with pytest.raises(DomainError) as excinfo:
        get_brp().persoon("999993653")
    assert excinfo.value.code == "registry_not_configured"
    with pytest.raises(DomainError) as excinfo:
        get_kvk().vestiging("68750110")
    assert excinfo.value.message.startswith("Het Handelsregister (KVK) is niet ingesteld")
