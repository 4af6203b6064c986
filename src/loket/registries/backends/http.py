"""HTTP clients for the real registries, after the Haal Centraal APIs.

- BRP: Haal Centraal BRP Personen bevragen (v2): `POST {brp_url}/personen` with a `type` such as
  `RaadpleegMetBurgerservicenummer`, header `X-Api-Key`.
- BAG: BAG Individuele Bevragingen (v2): `GET {bag_url}/adressen?postcode=&huisnummer=`, HAL JSON.
- KVK: KVK Zoeken (v2): `GET {kvk_url}/zoeken?kvkNummer=` or `?naam=`, header `apikey`.

Only the standard library is used (urllib). Every failure of a registry becomes a `DomainError`
with a Dutch message; the technical cause is logged without personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings

from loket.core.errors import DomainError
from loket.registries.backends.base import AdresData, PersoonData, StraatData, VestigingData

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
BRP_FIELDS = [
    "burgerservicenummer",
    "naam",
    "geslacht",
    "geboorte",
    "overlijden",
    "verblijfplaats",
]


def _config() -> dict[str, Any]:
    return dict(settings.LOKET_REGISTRY_HTTP or {})


class RegistryClient:
    """A small JSON-over-HTTP client for one registry; `label` names it in messages ("de BRP")."""

    def __init__(
        self,
        *,
        label: str,
        base_url: str,
        api_key: str = "",
        key_header: str = "X-Api-Key",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.label = label
        self.base_url = (base_url or "").rstrip("/")
        self.api_key = api_key
        self.key_header = key_header
        self.timeout = timeout

    def _fail(self, message: str, *, code: str) -> DomainError:
        return DomainError(message[:1].upper() + message[1:], code=code)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        empty_on_404: bool = False,
    ) -> dict[str, Any] | None:
        if urllib.parse.urlsplit(self.base_url).scheme not in {"http", "https"}:
            raise self._fail(
                f"{self.label} is niet ingesteld: er is geen (geldig) adres van de koppeling. "
                "Neem contact op met de beheerder.",
                code="registry_not_configured",
            )
        url = f"{self.base_url}/{path.lstrip('/')}"
        if params:
            url += "?" + urllib.parse.urlencode(
                {key: value for key, value in params.items() if value not in (None, "")}
            )
        headers = {"Accept": "application/json, application/hal+json"}
        if self.api_key:
            headers[self.key_header] = self.api_key
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and empty_on_404:
                return None
            logger.warning("%s antwoordde %s op %s %s", self.label, exc.code, method, path)
            if exc.code in (401, 403):
                raise self._fail(
                    f"{self.label} weigert de toegang (HTTP {exc.code}); controleer de API-sleutel.",
                    code="registry_forbidden",
                ) from None
            raise self._fail(
                f"{self.label} gaf een foutmelding (HTTP {exc.code}). Probeer het later opnieuw.",
                code="registry_error",
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            logger.warning("%s niet bereikbaar bij %s %s: %s", self.label, method, path, exc)
            raise self._fail(
                f"{self.label} is op dit moment niet bereikbaar. Probeer het later opnieuw.",
                code="registry_unavailable",
            ) from None
        if not payload:
            return {}
        try:
            decoded = json.loads(payload)
        except ValueError:
            raise self._unreadable() from None
        if not isinstance(decoded, dict):
            raise self._unreadable()
        return decoded

    def _unreadable(self) -> DomainError:
        return self._fail(f"{self.label} gaf een onleesbaar antwoord.", code="registry_error")


def _date(value: Any) -> dt.date | None:
    """A Haal Centraal date: {"type": "Datum", "datum": "2001-02-03"}, or a plain ISO string."""
    if isinstance(value, dict):
        if value.get("type", "Datum") != "Datum":
            return None  # DatumOnbekend, JaarDatum, JaarMaandDatum: no exact day
        value = value.get("datum")
    if not value:
        return None
    return dt.date.fromisoformat(str(value)[:10])


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def brp_persoon_from_json(item: dict[str, Any]) -> PersoonData:
    naam = item.get("naam") or {}
    geslacht = item.get("geslacht") or {}
    verblijfplaats = item.get("verblijfplaats") or {}
    adres = None
    verblijfadres = verblijfplaats.get("verblijfadres") or {}
    if verblijfplaats.get("type", "Adres") == "Adres" and verblijfadres.get("postcode"):
        adres = AdresData(
            postcode=_str(verblijfadres.get("postcode")).replace(" ", "").upper(),
            huisnummer=int(verblijfadres["huisnummer"]),
            huisletter=_str(verblijfadres.get("huisletter")),
            toevoeging=_str(verblijfadres.get("huisnummertoevoeging")),
            straatnaam=_str(
                verblijfadres.get("officieleStraatnaam") or verblijfadres.get("korteStraatnaam")
            ),
            woonplaats=_str(verblijfadres.get("woonplaats")),
            nummeraanduiding_id=_str(verblijfplaats.get("nummeraanduidingIdentificatie")),
        )
    return PersoonData(
        bsn=_str(item["burgerservicenummer"]),
        voornamen=_str(naam.get("voornamen")),
        voorvoegsel=_str(naam.get("voorvoegsel")),
        geslachtsnaam=_str(naam.get("geslachtsnaam")),
        geboortedatum=_date((item.get("geboorte") or {}).get("datum")),
        geslacht=_str(geslacht.get("code") if isinstance(geslacht, dict) else geslacht),
        overlijdensdatum=_date((item.get("overlijden") or {}).get("datum")),
        adres=adres,
        adres_sinds=_date(verblijfplaats.get("datumVan")) if adres else None,
        geboorteplaats=_str(((item.get("geboorte") or {}).get("plaats") or {}).get("omschrijving")),
    )


# RD New (EPSG:28992) to WGS84: the polynomial approximation of Schreutelkamp and Strang van
# Hees (accurate to about a metre in the Netherlands), terms (p, q, coefficient) of dX^p dY^q.
RD_ORIGIN = (155_000.0, 463_000.0, 52.15517440, 5.38720621)
RD_LAT = (
    (0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978),
    (0, 3, -0.06550), (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530),
    (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012),
)  # fmt: skip
RD_LON = (
    (1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885),
    (1, 3, 0.05594), (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256),
    (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022), (5, 0, 0.00026),
)  # fmt: skip


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) in WGS84 of an RD New point (x, y) in metres."""
    x0, y0, lat0, lon0 = RD_ORIGIN
    dx, dy = (x - x0) * 1e-5, (y - y0) * 1e-5
    lat = lat0 + sum(c * dx**p * dy**q for p, q, c in RD_LAT) / 3600
    lon = lon0 + sum(c * dx**p * dy**q for p, q, c in RD_LON) / 3600
    return lat, lon


def _punt(item: dict[str, Any]) -> tuple[float | None, float | None]:
    """The address's point from `adresseerbaarObjectGeometrie` (BAG IB "adressenuitgebreid"):
    RD New as the BAG delivers it, or WGS84 when asked for with Accept-Crs."""
    geometrie = item.get("adresseerbaarObjectGeometrie") or {}
    punt = geometrie.get("punt") if isinstance(geometrie, dict) else None
    coordinates = (punt or {}).get("coordinates") if isinstance(punt, dict) else None
    try:
        x, y = float(coordinates[0]), float(coordinates[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None, None
    if abs(x) > 1000 or abs(y) > 1000:  # metres: RD New
        return rd_to_wgs84(x, y)
    return y, x  # GeoJSON order: lon, lat


def bag_adres_from_json(item: dict[str, Any]) -> AdresData:
    lat, lon = _punt(item)
    return AdresData(
        postcode=_str(item.get("postcode")).replace(" ", "").upper(),
        huisnummer=int(item["huisnummer"]),
        huisletter=_str(item.get("huisletter")),
        toevoeging=_str(item.get("huisnummertoevoeging")),
        straatnaam=_str(item.get("openbareRuimteNaam") or item.get("korteNaam")),
        woonplaats=_str(item.get("woonplaatsNaam")),
        nummeraanduiding_id=_str(item.get("nummeraanduidingIdentificatie")),
        gemeente=_str(item.get("gemeenteNaam")),
        in_onderzoek=bool(item.get("inOnderzoek")),
        lat=lat,
        lon=lon,
    )


def kvk_vestiging_from_json(item: dict[str, Any]) -> VestigingData:
    binnenland = (item.get("adres") or {}).get("binnenlandsAdres") or {}
    adres = None
    if binnenland.get("postcode") and binnenland.get("huisnummer"):
        adres = AdresData(
            postcode=_str(binnenland.get("postcode")).replace(" ", "").upper(),
            huisnummer=int(binnenland["huisnummer"]),
            huisletter=_str(binnenland.get("huisletter")),
            toevoeging=_str(binnenland.get("huisnummerToevoeging")),
            straatnaam=_str(binnenland.get("straatnaam")),
            woonplaats=_str(binnenland.get("plaats")),
        )
    return VestigingData(
        kvk_nummer=_str(item["kvkNummer"]),
        vestigingsnummer=_str(item.get("vestigingsnummer")),
        handelsnaam=_str(item.get("naam")),
        rsin=_str(item.get("rsin")),
        adres=adres,
        is_hoofdvestiging=item.get("type") == "hoofdvestiging",
    )


def _mapped(client: RegistryClient, items: list[Any], mapper) -> list:
    try:
        return [mapper(item) for item in items]
    except (KeyError, TypeError, ValueError, AttributeError):
        logger.warning("%s gaf een antwoord in een onverwachte vorm", client.label)
        raise client._unreadable() from None


class HttpBrp:
    def __init__(self, client: RegistryClient | None = None) -> None:
        config = _config()
        self.client = client or RegistryClient(
            label="de BRP",
            base_url=config.get("brp_url", ""),
            api_key=config.get("api_key", ""),
            timeout=float(config.get("timeout", DEFAULT_TIMEOUT)),
        )

    def _personen(self, vraag: dict[str, Any]) -> list[PersoonData]:
        answer = self.client.request("POST", "personen", body={**vraag, "fields": BRP_FIELDS})
        personen = (answer or {}).get("personen") or []
        if not isinstance(personen, list):
            raise self.client._unreadable()
        return _mapped(self.client, personen, brp_persoon_from_json)

    def persoon(self, bsn: str) -> PersoonData | None:
        personen = self._personen(
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn]}
        )
        return next((p for p in personen if p.bsn == bsn), None)

    def zoek_op_naam(self, geslachtsnaam: str, geboortedatum: dt.date) -> list[PersoonData]:
        return self._personen(
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": geslachtsnaam.strip(),
                "geboortedatum": geboortedatum.isoformat(),
            }
        )

    def zoek_op_adres(self, postcode: str, huisnummer: int) -> list[PersoonData]:
        return self._personen(
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": postcode.replace(" ", "").upper(),
                "huisnummer": int(huisnummer),
            }
        )

    def verhuizing_registreren(self, bsn: str, adres: AdresData, datum: dt.date) -> PersoonData:
        # Haal Centraal BRP is read-only; a move is processed in the municipality's BRP system.
        raise DomainError(
            "Een verhuizing kan niet via de BRP-koppeling worden geregistreerd; "
            "verwerk de verhuizing in de BRP-applicatie.",
            code="not_supported",
        )

    def verhuizingen_registreren(
        self, bsns: list[str], adres: AdresData, datum: dt.date
    ) -> list[PersoonData]:
        return [self.verhuizing_registreren(bsns[0] if bsns else "", adres, datum)]


class HttpBag:
    def __init__(self, client: RegistryClient | None = None) -> None:
        config = _config()
        self.client = client or RegistryClient(
            label="de BAG",
            base_url=config.get("bag_url", ""),
            api_key=config.get("api_key", ""),
            timeout=float(config.get("timeout", DEFAULT_TIMEOUT)),
        )

    def _adressen(self, params: dict[str, Any]) -> list[AdresData]:
        answer = self.client.request("GET", "adressen", params=params, empty_on_404=True)
        items = ((answer or {}).get("_embedded") or {}).get("adressen") or []
        if not isinstance(items, list):
            raise self.client._unreadable()
        return _mapped(self.client, items, bag_adres_from_json)

    def adres(
        self, postcode: str, huisnummer: int, huisletter: str = "", toevoeging: str = ""
    ) -> AdresData | None:
        adressen = self._adressen(
            {
                "postcode": postcode.replace(" ", "").upper(),
                "huisnummer": int(huisnummer),
                "huisletter": huisletter,
                "huisnummertoevoeging": toevoeging,
                "exacteMatch": "true",
            }
        )
        for adres in adressen:
            if (
                adres.huisnummer == int(huisnummer)
                and adres.huisletter.upper() == (huisletter or "").upper()
                and adres.toevoeging.upper() == (toevoeging or "").upper()
            ):
                return adres
        return None

    def adressen(self, postcode: str) -> list[AdresData]:
        adressen = self._adressen({"postcode": postcode.replace(" ", "").upper()})
        return sorted(adressen, key=lambda a: (a.huisnummer, a.huisletter, a.toevoeging))

    def zoek(
        self, straatnaam: str, huisnummer: int | None = None, woonplaats: str = ""
    ) -> list[AdresData]:
        straatnaam = " ".join((straatnaam or "").split())
        if len(straatnaam) < 2:
            return []
        adressen = self._adressen(
            {
                "openbareRuimteNaam": straatnaam,
                "huisnummer": huisnummer,
                "woonplaatsNaam": woonplaats.strip(),
            }
        )
        return sorted(
            adressen,
            key=lambda a: (a.straatnaam, a.woonplaats, a.huisnummer, a.huisletter, a.toevoeging),
        )

    def dichtstbij(self, lat: float, lon: float, max_meter: float = 50) -> AdresData | None:
        return None  # BAG Individuele Bevragingen has no search by point

    def straten(self) -> list[StraatData]:
        return []  # a map with tiles (PDOK) shows the streets itself


class HttpKvk:
    def __init__(self, client: RegistryClient | None = None) -> None:
        config = _config()
        self.client = client or RegistryClient(
            label="het Handelsregister (KVK)",
            base_url=config.get("kvk_url", ""),
            api_key=config.get("api_key", ""),
            key_header="apikey",
            timeout=float(config.get("timeout", DEFAULT_TIMEOUT)),
        )

    def _zoeken(self, params: dict[str, Any]) -> list[VestigingData]:
        # The KVK answers 404 when nothing matches.
        answer = self.client.request("GET", "zoeken", params=params, empty_on_404=True)
        items = (answer or {}).get("resultaten") or []
        if not isinstance(items, list):
            raise self.client._unreadable()
        return _mapped(self.client, items, kvk_vestiging_from_json)

    def vestiging(self, kvk_nummer: str) -> VestigingData | None:
        resultaten = [
            v for v in self._zoeken({"kvkNummer": kvk_nummer}) if v.kvk_nummer == kvk_nummer
        ]
        if not resultaten:
            return None
        hoofd = [v for v in resultaten if v.is_hoofdvestiging]
        met_vestiging = [v for v in resultaten if v.vestigingsnummer]
        return (hoofd or met_vestiging or resultaten)[0]

    def zoek(self, naam: str) -> list[VestigingData]:
        naam = naam.strip()
        if not naam:
            return []
        return [v for v in self._zoeken({"naam": naam}) if v.vestigingsnummer]
