"""The registry interface: frozen result types and the three backend protocols (BRP, BAG, KVK).

Shaped after the Haal Centraal APIs (BRP Personen bevragen, BAG Individuele Bevragingen) and the
KVK Zoeken API, but reduced to what Loket uses. Every backend returns these dataclasses, so
callers never see whether the answer came from the demo tables or from a real registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class AdresData:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""
    straatnaam: str = ""
    woonplaats: str = ""
    nummeraanduiding_id: str = ""
    gemeente: str = ""
    # The municipality investigates who lives here (e.g. suspected false registrations): a move
    # to this address is never processed automatically.
    in_onderzoek: bool = False
    # The address's point (WGS84), when the registry gives one.
    lat: float | None = None
    lon: float | None = None

    @property
    def huisnummer_volledig(self) -> str:
        """ "12A-2": huisnummer, huisletter and toevoeging as written on a letter."""
        toevoeging = f"-{self.toevoeging}" if self.toevoeging else ""
        return f"{self.huisnummer}{self.huisletter}{toevoeging}"

    @property
    def postcode_weergave(self) -> str:
        return (
            f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else self.postcode
        )

    def __str__(self) -> str:
        return (
            f"{self.straatnaam} {self.huisnummer_volledig}, "
            f"{self.postcode_weergave} {self.woonplaats}".strip()
        )


@dataclass(frozen=True, slots=True)
class DocumentData:
    """A travel or identity document (BRP reisdocumenten)."""

    soort: str
    documentnummer: str
    datum_uitgifte: dt.date | None = None
    datum_einde_geldigheid: dt.date | None = None

    def is_geldig_op(self, datum: dt.date) -> bool:
        return self.datum_einde_geldigheid is not None and self.datum_einde_geldigheid >= datum


@dataclass(frozen=True, slots=True)
class PersoonData:
    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: dt.date | None
    geslacht: str = ""
    overlijdensdatum: dt.date | None = None
    adres: AdresData | None = None
    adres_sinds: dt.date | None = None
    documenten: tuple[DocumentData, ...] = ()
    geboorteplaats: str = ""

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in [self.voornamen, self.voorvoegsel, self.geslachtsnaam] if p)

    @property
    def is_overleden(self) -> bool:
        return self.overlijdensdatum is not None

    def __str__(self) -> str:
        return self.volledige_naam


@dataclass(frozen=True, slots=True)
class VestigingData:
    kvk_nummer: str
    vestigingsnummer: str
    handelsnaam: str
    rsin: str = ""
    rechtsvorm: str = ""
    sbi_omschrijving: str = ""
    adres: AdresData | None = None
    is_hoofdvestiging: bool = True

    def __str__(self) -> str:
        return f"{self.handelsnaam} ({self.kvk_nummer})"


@dataclass(frozen=True, slots=True)
class StraatData:
    """A street (openbare ruimte) in a woonplaats as a line through its addresses' points."""

    straatnaam: str
    woonplaats: str
    punten: tuple[tuple[float, float], ...]  # (lat, lon), in the order of the house numbers


class BrpBackend(Protocol):
    def persoon(self, bsn: str) -> PersoonData | None:
        """The person with this BSN, or None when the BRP does not know it."""

    def zoek_op_naam(self, geslachtsnaam: str, geboortedatum: dt.date) -> list[PersoonData]:
        """Persons with this surname (case-insensitive, without voorvoegsel) and birth date."""

    def zoek_op_adres(self, postcode: str, huisnummer: int) -> list[PersoonData]:
        """Persons living at this postcode and house number (any huisletter/toevoeging)."""

    def verhuizing_registreren(self, bsn: str, adres: AdresData, datum: dt.date) -> PersoonData:
        """Register a move to `adres` as of `datum`; returns the person as now registered."""

    def verhuizingen_registreren(
        self, bsns: list[str], adres: AdresData, datum: dt.date
    ) -> list[PersoonData]:
        """Register the move of several persons (a household) at once, all or nothing."""


class BagBackend(Protocol):
    def adres(
        self, postcode: str, huisnummer: int, huisletter: str = "", toevoeging: str = ""
    ) -> AdresData | None:
        """The one address (nummeraanduiding) with exactly these parts, or None."""

    def adressen(self, postcode: str) -> list[AdresData]:
        """All addresses with this postcode, ordered by house number."""

    def zoek(
        self, straatnaam: str, huisnummer: int | None = None, woonplaats: str = ""
    ) -> list[AdresData]:
        """Addresses in a street whose name starts with `straatnaam` (case-insensitive),
        optionally with this house number and in a woonplaats starting with `woonplaats`;
        ordered by street, woonplaats and house number."""

    def dichtstbij(self, lat: float, lon: float, max_meter: float = 50) -> AdresData | None:
        """The address whose point is nearest to (lat, lon), within `max_meter`, or None (also
        for a backend that cannot search by point)."""

    def straten(self) -> list[StraatData]:
        """The municipality's streets as lines, for a map without tiles (the demo); a backend
        whose map has tiles returns []."""


class KvkBackend(Protocol):
    def vestiging(self, kvk_nummer: str) -> VestigingData | None:
        """The main establishment (hoofdvestiging) of this KVK number, or None."""

    def zoek(self, naam: str) -> list[VestigingData]:
        """Establishments whose trade name contains `naam`."""
