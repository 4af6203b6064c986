"""The demo's population: addresses (BAG), persons with their BRP data and documents, and
companies (KVK). Functions of the demo builder (loket.demo.services binds them as its methods)."""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
import uuid
from typing import TYPE_CHECKING

from django.utils import timezone

from loket.demo import data
from loket.demo._shared import BATCH, _add_years
from loket.demo.identifiers import demo_bsns, demo_rsins
from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.parties.validators import adres_zoekwaarde
from loket.registries.models import BagAdres, BrpPersoon, KvkVestiging, Reisdocument

if TYPE_CHECKING:
    from loket.demo.services import DemoSummary, _Builder


METRES_PER_DEGREE_LAT = 111_320.0


def _street_axis(place: str, street: str) -> tuple[float, float, float, float]:
    """Where a street lies: its start (lat, lon) near the centre of its woonplaats and its
    direction (unit vector north, east). Seeded by the names, so the map is the same on every
    build and the demo's other random draws do not change."""
    lat0, lon0, radius = data.KERNEN[place]
    rng = random.Random(f"{place}/{street}")
    distance = radius * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    heading = rng.uniform(0, math.pi)
    lat = lat0 + distance * math.cos(angle) / METRES_PER_DEGREE_LAT
    lon = lon0 + distance * math.sin(angle) / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat0)))
    return lat, lon, math.cos(heading), math.sin(heading)


def address_point(place: str, street: str, number: int) -> tuple[float, float]:
    """The demo point (lat, lon) of a house: 4 m per number along the street, odd numbers on
    one side and even numbers on the other (8 m from the axis)."""
    lat, lon, north, east = _street_axis(place, street)
    along = 4.0 * number
    side = 8.0 if number % 2 else -8.0
    d_north = along * north - side * east
    d_east = along * east + side * north
    return (
        round(lat + d_north / METRES_PER_DEGREE_LAT, 6),
        round(lon + d_east / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))), 6),
    )


def _addresses(self: _Builder, summary: DemoSummary) -> None:
    rng = self.rng
    n_addresses = max(50, int(self.scale.persons / 2.2))
    rows: list[BagAdres] = []
    seen: set[tuple[str, int, str]] = set()
    places = [(name, codes) for name, codes, _ in data.WOONPLAATSEN]
    weights = [share for _, _, share in data.WOONPLAATSEN]
    streets_per_place = {
        name: rng.sample(data.STRAATNAMEN, k=min(len(data.STRAATNAMEN), 10 + int(share * 60)))
        for name, _, share in data.WOONPLAATSEN
    }
    while len(rows) < n_addresses:
        place, codes = rng.choices(places, weights)[0]
        street_index = rng.randrange(len(streets_per_place[place]))
        street = streets_per_place[place][street_index]
        code = codes[street_index % len(codes)]
        letters = "ABCDEFGHJKLMNPRTVWXZ"
        postcode = (
            f"{code}{letters[street_index % 20]}{letters[(street_index * 7 + len(street)) % 20]}"
        )
        number = rng.randint(1, 180 if len(rows) < 100_000 else 400)
        letter = rng.choice("AB") if rng.random() < 0.05 else ""
        key = (postcode, number, letter)
        if key in seen:
            continue
        seen.add(key)
        lat, lon = address_point(place, street, number)
        rows.append(
            BagAdres(
                nummeraanduiding_id=f"1999200000{len(rows):06d}",
                postcode=postcode,
                huisnummer=number,
                huisletter=letter,
                straatnaam=street,
                woonplaats=place,
                gemeente=data.MUNICIPALITY,
                lat=lat,
                lon=lon,
            )
        )
    with self._bar(len(rows), "BAG-adressen") as bar:
        for start in range(0, len(rows), BATCH):
            BagAdres.objects.bulk_create(rows[start : start + BATCH])
            bar.update(len(rows[start : start + BATCH]))
    self.address_ids = list(BagAdres.objects.values_list("pk", flat=True))
    summary.addresses = len(self.address_ids)


def _persons(self: _Builder, summary: DemoSummary) -> None:
    """Households at addresses; BRP persons with documents; a Partij for each resident."""
    rng = self.rng
    today = self.today
    bsns = demo_bsns()
    n = self.scale.persons
    self.person_partij_ids = []
    self.person_birthdates = []
    doc_counter = 0
    bar = self._bar(n, "Inwoners")
    self._pending_brp = []
    self._pending_partij = []
    household = 0
    address_cursor = 0
    made = 0
    digital_kanaal = [self.kanalen["e-mail"], self.kanalen["telefoon"], self.kanalen["website"]]
    while made < n:
        household += 1
        address_id = self.address_ids[address_cursor % len(self.address_ids)]
        address_cursor += 1
        prefix, last = rng.choice(data.ACHTERNAMEN)
        size = min(n - made, rng.choices([1, 2, 3, 4, 5], [30, 33, 15, 15, 7])[0])
        brp, partijen, personen = [], [], []
        since = today - dt.timedelta(days=rng.randint(30, 365 * 25))
        adult_bsns: list[str] = []
        for member in range(size):
            is_child = member >= 2 or (size > 1 and member == 1 and rng.random() < 0.1)
            age_days = rng.randint(0, 17 * 365) if is_child else rng.randint(18 * 365, 92 * 365)
            birth = today - dt.timedelta(days=age_days)
            sex = rng.choice("MV")
            first = rng.choice(data.VOORNAMEN_M if sex == "M" else data.VOORNAMEN_V)
            if rng.random() < 0.3:
                first = (
                    f"{first} {rng.choice(data.VOORNAMEN_M if sex == 'M' else data.VOORNAMEN_V)}"
                )
            bsn = next(bsns)
            p_prefix, p_last = (
                (prefix, last)
                if member != 1 or rng.random() < 0.5
                else rng.choice(data.ACHTERNAMEN)
            )
            brp.append(
                BrpPersoon(
                    bsn=bsn,
                    voornamen=first,
                    voorvoegsel=p_prefix,
                    geslachtsnaam=p_last,
                    geslacht=sex,
                    geboortedatum=birth,
                    geboorteplaats=rng.choice(
                        [
                            data.MUNICIPALITY,
                            data.MUNICIPALITY,
                            "Utrecht",
                            "Groningen",
                            "Zwolle",
                            "Rotterdam",
                            "Istanbul",
                            "Paramaribo",
                        ]
                    ),
                    adres_id=address_id,
                    datum_aanvang_adreshouding=max(since, birth),
                    huishouden=household,
                    ouder1_bsn=adult_bsns[0] if is_child and adult_bsns else "",
                    ouder2_bsn=adult_bsns[1] if is_child and len(adult_bsns) > 1 else "",
                )
            )
            if not is_child:
                adult_bsns.append(bsn)
            name = " ".join(x for x in [first, p_prefix, p_last] if x)
            partijen.append(
                Partij(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    soort=SoortPartij.PERSOON,
                    weergavenaam=name,
                    voorkeurskanaal=rng.choice(digital_kanaal) if rng.random() < 0.4 else None,
                )
            )
            personen.append(
                Persoon(
                    bsn=bsn,
                    voornamen=first,
                    voorvoegsel_geslachtsnaam=p_prefix,
                    geslachtsnaam=p_last,
                    geboortedatum=birth,
                )
            )
        if len(adult_bsns) >= 2:
            brp[0].partner_bsn, brp[1].partner_bsn = adult_bsns[1], adult_bsns[0]
        self._pending_brp.extend(brp)
        self._pending_partij.extend(zip(partijen, personen, strict=True))
        made += size
        if len(self._pending_brp) >= BATCH or made >= n:
            doc_counter = self._flush_persons(summary, doc_counter)
            bar.update(len(self._pending_brp))
            self._pending_brp, self._pending_partij = [], []
    bar.close()
    summary.persons = made
    summary.documents = doc_counter


def _flush_persons(self: _Builder, summary: DemoSummary, doc_counter: int) -> int:
    rng = self.rng
    today = self.today
    created = BrpPersoon.objects.bulk_create(self._pending_brp)
    docs = []
    for person in created:
        age = (today - person.geboortedatum).days / 365.25
        # Adults mostly hold a passport or an id card (10 years), children 5 years.
        valid_years = 10 if age >= 18 else 5
        for soort, chance in (("paspoort", 0.75), ("identiteitskaart", 0.45)):
            if rng.random() < chance:
                issued = today - dt.timedelta(days=rng.randint(0, valid_years * 365 + 400))
                doc_counter += 1
                docs.append(
                    Reisdocument(
                        persoon=person,
                        soort=soort,
                        documentnummer=f"{'NP' if soort == 'paspoort' else 'NI'}{doc_counter:07d}",
                        datum_uitgifte=issued,
                        datum_einde_geldigheid=_add_years(issued, valid_years),
                    )
                )
        if age >= 18 and rng.random() < 0.7:
            issued = today - dt.timedelta(days=rng.randint(0, 10 * 365 + 200))
            doc_counter += 1
            docs.append(
                Reisdocument(
                    persoon=person,
                    soort="rijbewijs",
                    documentnummer=f"RB{doc_counter:08d}",
                    datum_uitgifte=issued,
                    datum_einde_geldigheid=_add_years(issued, 10),
                )
            )
    Reisdocument.objects.bulk_create(docs, batch_size=BATCH)

    partijen = Partij.objects.bulk_create([p for p, _ in self._pending_partij])
    personen = []
    adressen = []
    for partij, persoon in self._pending_partij:
        persoon.partij_id = partij.pk
        personen.append(persoon)
        self.person_partij_ids.append(partij.pk)
        geboortedatum = persoon.geboortedatum
        assert geboortedatum is not None  # the demo gives every person a birth date
        self.person_birthdates.append(geboortedatum)
        adult = (today - geboortedatum).days >= 18 * 365
        if adult and rng.random() < 0.65:
            # ASCII local part: "Ayşe" becomes "ayse", an address every mail server takes.
            local = (
                unicodedata.normalize("NFKD", persoon.voornamen.split()[0].lower())
                .encode("ascii", "ignore")
                .decode()
            )
            adressen.append(
                DigitaalAdres(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    partij_id=partij.pk,
                    soort=SoortDigitaalAdres.EMAIL,
                    adres=f"{local}.{persoon.partij_id}@voorbeeld.example",
                    is_standaard_adres=True,
                    verified_at=timezone.now() if rng.random() < 0.7 else None,
                )
            )
        if adult and rng.random() < 0.55:
            adressen.append(
                DigitaalAdres(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    partij_id=partij.pk,
                    soort=SoortDigitaalAdres.TELEFOON,
                    adres=f"+316{rng.randint(10_000_000, 99_999_999)}",
                    is_standaard_adres=True,
                    verified_at=timezone.now() if rng.random() < 0.5 else None,
                )
            )
    Persoon.objects.bulk_create(personen)
    for adres in adressen:  # bulk_create skips save(), which keeps the search key
        adres.zoekwaarde = adres_zoekwaarde(soort=adres.soort, adres=adres.adres)
    DigitaalAdres.objects.bulk_create(adressen, batch_size=BATCH)
    summary.parties += len(partijen)
    return doc_counter


def _companies(self: _Builder, summary: DemoSummary) -> None:
    rng = self.rng
    n = max(20, self.scale.persons // 20)
    rsins = demo_rsins()
    vestigingen, partijen, organisaties = [], [], []
    for i in range(n):
        kind = rng.choice(data.BEDRIJFSNAMEN_1)
        prefix, last = rng.choice(data.ACHTERNAMEN)
        name = (
            f"{kind} {(prefix + ' ' + last).strip()}"
            if rng.random() < 0.6
            else f"{kind} {rng.choice(data.STRAATNAMEN)}"
        )
        name = f"{name} {i + 1}" if i >= len(data.BEDRIJFSNAMEN_1) * 20 else name
        kvk = f"{90_000_000 + i:08d}"
        vestiging = f"{990_000_000_000 + i:012d}"
        rsin = next(rsins)
        vestigingen.append(
            KvkVestiging(
                kvk_nummer=kvk,
                vestigingsnummer=vestiging,
                rsin=rsin,
                handelsnaam=name,
                rechtsvorm=rng.choice(data.RECHTSVORMEN),
                sbi_omschrijving=kind,
                adres_id=rng.choice(self.address_ids),
            )
        )
        partijen.append(
            Partij(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                soort=SoortPartij.ORGANISATIE,
                weergavenaam=name,
            )
        )
        organisaties.append(
            Organisatie(kvk_nummer=kvk, vestigingsnummer=vestiging, rsin=rsin, handelsnaam=name)
        )
    KvkVestiging.objects.bulk_create(vestigingen, batch_size=BATCH)
    created = Partij.objects.bulk_create(partijen, batch_size=BATCH)
    for partij, organisatie in zip(created, organisaties, strict=True):
        organisatie.partij_id = partij.pk
    Organisatie.objects.bulk_create(organisaties, batch_size=BATCH)
    self.company_partij_ids = [p.pk for p in created]
    summary.companies = n
    summary.parties += n
