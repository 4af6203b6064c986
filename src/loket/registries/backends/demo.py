"""The demo backend: answers from the registries tables filled by `loket demo` (Zeventerpen)."""

from __future__ import annotations

import datetime as dt
import math

from django.db import transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from loket.core.errors import DomainError
from loket.registries.backends.base import (
    AdresData,
    DocumentData,
    PersoonData,
    StraatData,
    VestigingData,
)
from loket.registries.models import BagAdres, BrpPersoon, KvkVestiging, Reisdocument

MAX_RESULTS = 200


def adres_data(adres: BagAdres) -> AdresData:
    return AdresData(
        postcode=adres.postcode,
        huisnummer=adres.huisnummer,
        huisletter=adres.huisletter,
        toevoeging=adres.huisnummertoevoeging,
        straatnaam=adres.straatnaam,
        woonplaats=adres.woonplaats,
        nummeraanduiding_id=adres.nummeraanduiding_id,
        gemeente=adres.gemeente,
        in_onderzoek=adres.in_onderzoek,
        lat=adres.lat,
        lon=adres.lon,
    )


def persoon_data(persoon: BrpPersoon) -> PersoonData:
    return PersoonData(
        bsn=persoon.bsn,
        voornamen=persoon.voornamen,
        voorvoegsel=persoon.voorvoegsel,
        geslachtsnaam=persoon.geslachtsnaam,
        geboortedatum=persoon.geboortedatum,
        geslacht=persoon.geslacht,
        overlijdensdatum=persoon.overlijdensdatum,
        adres=adres_data(persoon.adres) if persoon.adres else None,
        adres_sinds=persoon.datum_aanvang_adreshouding,
        documenten=tuple(
            DocumentData(
                soort=doc.soort,
                documentnummer=doc.documentnummer,
                datum_uitgifte=doc.datum_uitgifte,
                datum_einde_geldigheid=doc.datum_einde_geldigheid,
            )
            for doc in persoon.documenten.all()
        ),
        geboorteplaats=persoon.geboorteplaats,
    )


def vestiging_data(vestiging: KvkVestiging) -> VestigingData:
    return VestigingData(
        kvk_nummer=vestiging.kvk_nummer,
        vestigingsnummer=vestiging.vestigingsnummer,
        handelsnaam=vestiging.handelsnaam,
        rsin=vestiging.rsin,
        rechtsvorm=vestiging.rechtsvorm,
        sbi_omschrijving=vestiging.sbi_omschrijving,
        adres=adres_data(vestiging.adres) if vestiging.adres else None,
        is_hoofdvestiging=vestiging.is_hoofdvestiging,
    )


def _personen() -> QuerySet[BrpPersoon]:
    documenten = Reisdocument.objects.order_by("-datum_einde_geldigheid", "documentnummer")
    return BrpPersoon.objects.select_related("adres").prefetch_related(
        Prefetch("documenten", queryset=documenten)
    )


class DemoBrp:
    def persoon(self, bsn: str) -> PersoonData | None:
        persoon = _personen().filter(bsn=bsn).first()
        return persoon_data(persoon) if persoon else None

    def zoek_op_naam(self, geslachtsnaam: str, geboortedatum: dt.date) -> list[PersoonData]:
        personen = _personen().filter(
            geslachtsnaam__iexact=geslachtsnaam.strip(), geboortedatum=geboortedatum
        )
        return [persoon_data(p) for p in personen.order_by("geslachtsnaam", "bsn")[:MAX_RESULTS]]

    def zoek_op_adres(self, postcode: str, huisnummer: int) -> list[PersoonData]:
        personen = _personen().filter(
            adres__postcode=postcode.replace(" ", "").upper(), adres__huisnummer=huisnummer
        )
        return [persoon_data(p) for p in personen.order_by("geboortedatum", "bsn")[:MAX_RESULTS]]

    def verhuizing_registreren(self, bsn: str, adres: AdresData, datum: dt.date) -> PersoonData:
        return self.verhuizingen_registreren([bsn], adres, datum)[0]

    @transaction.atomic
    def verhuizingen_registreren(
        self, bsns: list[str], adres: AdresData, datum: dt.date
    ) -> list[PersoonData]:
        """Move several persons (a household) to one address in one go, all or nothing."""
        bsns = list(dict.fromkeys(bsns))
        personen = {
            p.bsn: p
            for p in BrpPersoon.objects.select_for_update().filter(bsn__in=bsns).order_by("pk")
        }
        for bsn in bsns:
            if bsn not in personen:
                raise DomainError(f"BSN: {bsn} is niet bekend in de BRP.", field="bsn")
        bag_adres = _bag_adres(adres)
        if bag_adres is None:
            raise DomainError(
                f"Adres: {adres} is niet bekend in de BAG.", field="adres", code="unknown_address"
            )
        BrpPersoon.objects.filter(pk__in=[p.pk for p in personen.values()]).update(
            adres=bag_adres, datum_aanvang_adreshouding=datum
        )
        documenten = Reisdocument.objects.order_by("-datum_einde_geldigheid", "documentnummer")
        prefetch_related_objects(
            list(personen.values()), Prefetch("documenten", queryset=documenten)
        )
        result = []
        for bsn in bsns:
            persoon = personen[bsn]
            persoon.adres = bag_adres
            persoon.datum_aanvang_adreshouding = datum
            result.append(persoon_data(persoon))
        return result


def _bag_adres(adres: AdresData) -> BagAdres | None:
    if adres.nummeraanduiding_id:
        return BagAdres.objects.filter(nummeraanduiding_id=adres.nummeraanduiding_id).first()
    return BagAdres.objects.filter(
        postcode=adres.postcode,
        huisnummer=adres.huisnummer,
        huisletter__iexact=adres.huisletter,
        huisnummertoevoeging__iexact=adres.toevoeging,
    ).first()


class DemoBag:
    def adres(
        self, postcode: str, huisnummer: int, huisletter: str = "", toevoeging: str = ""
    ) -> AdresData | None:
        found = _bag_adres(
            AdresData(
                postcode=postcode.replace(" ", "").upper(),
                huisnummer=huisnummer,
                huisletter=huisletter or "",
                toevoeging=toevoeging or "",
            )
        )
        return adres_data(found) if found else None

    def adressen(self, postcode: str) -> list[AdresData]:
        adressen = BagAdres.objects.filter(postcode=postcode.replace(" ", "").upper()).order_by(
            "huisnummer", "huisletter", "huisnummertoevoeging"
        )
        return [adres_data(a) for a in adressen[:MAX_RESULTS]]

    def zoek(
        self, straatnaam: str, huisnummer: int | None = None, woonplaats: str = ""
    ) -> list[AdresData]:
        straatnaam = " ".join((straatnaam or "").split())
        if len(straatnaam) < 2:
            return []
        adressen = BagAdres.objects.filter(straatnaam__istartswith=straatnaam)
        if huisnummer is not None:
            adressen = adressen.filter(huisnummer=huisnummer)
        if woonplaats.strip():
            adressen = adressen.filter(woonplaats__istartswith=woonplaats.strip())
        adressen = adressen.order_by(
            "straatnaam", "woonplaats", "huisnummer", "huisletter", "huisnummertoevoeging"
        )
        return [adres_data(a) for a in adressen[:MAX_RESULTS]]

    def dichtstbij(self, lat: float, lon: float, max_meter: float = 50) -> AdresData | None:
        dlat = max_meter / 111_320.0
        dlon = max_meter / (111_320.0 * max(0.01, math.cos(math.radians(lat))))
        kandidaten = BagAdres.objects.filter(
            lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon
        ).order_by("pk")[:MAX_RESULTS]

        def afstand(adres: BagAdres) -> float:  # metres, flat: good enough within 50 m
            dy = ((adres.lat or 0) - lat) * 111_320.0
            dx = ((adres.lon or 0) - lon) * 111_320.0 * math.cos(math.radians(lat))
            return math.hypot(dx, dy)

        binnen = [a for a in kandidaten if afstand(a) <= max_meter]
        return adres_data(min(binnen, key=afstand)) if binnen else None

    def straten(self) -> list[StraatData]:
        """Each street of each woonplaats as the line through its addresses' points, odd and
        even numbers alike, in the order of the house numbers."""
        punten: dict[tuple[str, str], list[tuple[float, float]]] = {}
        rows = (
            BagAdres.objects.filter(lat__isnull=False, lon__isnull=False)
            .order_by("woonplaats", "straatnaam", "huisnummer", "huisletter")
            .values_list("straatnaam", "woonplaats", "lat", "lon")
        )
        for straat, plaats, lat, lon in rows.iterator(chunk_size=5000):
            if lat is not None and lon is not None:  # the filter says so; the types do not
                punten.setdefault((straat, plaats), []).append((lat, lon))
        return [
            StraatData(straatnaam=straat, woonplaats=plaats, punten=tuple(line))
            for (straat, plaats), line in punten.items()
            if len(line) >= 2
        ]


class DemoKvk:
    def vestiging(self, kvk_nummer: str) -> VestigingData | None:
        vestiging = (
            KvkVestiging.objects.select_related("adres")
            .filter(kvk_nummer=kvk_nummer)
            .order_by("-is_hoofdvestiging", "vestigingsnummer")
            .first()
        )
        return vestiging_data(vestiging) if vestiging else None

    def zoek(self, naam: str) -> list[VestigingData]:
        naam = naam.strip()
        if not naam:
            return []
        vestigingen = (
            KvkVestiging.objects.select_related("adres")
            .filter(handelsnaam__icontains=naam)
            .order_by("handelsnaam", "-is_hoofdvestiging", "vestigingsnummer")
        )
        return [vestiging_data(v) for v in vestigingen[:MAX_RESULTS]]
