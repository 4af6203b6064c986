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

from loket.core.bulk import insert_rows, max_pk, pk_sequences_reset
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

_ADRES_COLUMNS = (
    "nummeraanduiding_id",
    "postcode",
    "huisnummer",
    "huisletter",
    "straatnaam",
    "woonplaats",
    "gemeente",
    "lat",
    "lon",
)
# A BRP person is a list in this order without its key (the partner is filled in afterwards).
_BRP_COLUMNS = (
    "id",
    "bsn",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geslacht",
    "geboortedatum",
    "geboorteplaats",
    "adres_id",
    "datum_aanvang_adreshouding",
    "huishouden",
    "ouder1_bsn",
    "ouder2_bsn",
    "partner_bsn",
)
_BIRTH = _BRP_COLUMNS.index("geboortedatum") - 1
_PARTNER = _BRP_COLUMNS.index("partner_bsn") - 1
_DOCUMENT_COLUMNS = (
    "persoon_id",
    "soort",
    "documentnummer",
    "datum_uitgifte",
    "datum_einde_geldigheid",
)
_PARTIJ_COLUMNS = ("id", "uuid", "soort", "weergavenaam", "voorkeurskanaal_id")
_PERSOON_COLUMNS = (
    "partij_id",
    "bsn",
    "voornamen",
    "voorvoegsel_geslachtsnaam",
    "geslachtsnaam",
    "geboortedatum",
)
_DIGITAAL_ADRES_COLUMNS = (
    "uuid",
    "partij_id",
    "soort",
    "adres",
    "verified_at",
    "is_standaard_adres",
    "zoekwaarde",
)


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
    rows: list[tuple] = []
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
            (
                f"1999200000{len(rows):06d}",
                postcode,
                number,
                letter,
                street,
                place,
                data.MUNICIPALITY,
                lat,
                lon,
            )
        )
    with self._bar(len(rows), "BAG-adressen") as bar:
        for start in range(0, len(rows), BATCH):
            insert_rows(BagAdres, _ADRES_COLUMNS, rows[start : start + BATCH])
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
    # The build runs alone: keys are assigned here (core.bulk), sequences reset at the end.
    self._next_brp_pk = max_pk(BrpPersoon) + 1
    self._next_partij_pk = max_pk(Partij) + 1
    household = 0
    address_cursor = 0
    made = 0
    digital_kanaal = [self.kanalen[code].pk for code in ("e-mail", "telefoon", "website")]
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
                [
                    bsn,
                    first,
                    p_prefix,
                    p_last,
                    sex,
                    birth,
                    rng.choice(
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
                    address_id,
                    max(since, birth),
                    household,
                    adult_bsns[0] if is_child and adult_bsns else "",
                    adult_bsns[1] if is_child and len(adult_bsns) > 1 else "",
                    "",  # partner_bsn, below
                ]
            )
            if not is_child:
                adult_bsns.append(bsn)
            name = " ".join(x for x in [first, p_prefix, p_last] if x)
            partij_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
            partijen.append(
                (
                    partij_uuid,
                    SoortPartij.PERSOON.value,
                    name,
                    rng.choice(digital_kanaal) if rng.random() < 0.4 else None,
                )
            )
            personen.append((bsn, first, p_prefix, p_last, birth))
        if len(adult_bsns) >= 2:
            brp[0][_PARTNER], brp[1][_PARTNER] = adult_bsns[1], adult_bsns[0]
        self._pending_brp.extend(brp)
        self._pending_partij.extend(zip(partijen, personen, strict=True))
        made += size
        if len(self._pending_brp) >= BATCH or made >= n:
            doc_counter = self._flush_persons(summary, doc_counter)
            bar.update(len(self._pending_brp))
            self._pending_brp, self._pending_partij = [], []
    bar.close()
    pk_sequences_reset([BrpPersoon, Partij])
    summary.persons = made
    summary.documents = doc_counter


def _flush_persons(self: _Builder, summary: DemoSummary, doc_counter: int) -> int:
    rng = self.rng
    today = self.today
    brp_pks = range(self._next_brp_pk, self._next_brp_pk + len(self._pending_brp))
    self._next_brp_pk += len(self._pending_brp)
    insert_rows(
        BrpPersoon,
        _BRP_COLUMNS,
        ((pk, *person) for pk, person in zip(brp_pks, self._pending_brp, strict=True)),
    )
    docs = []
    for persoon_id, person in zip(brp_pks, self._pending_brp, strict=True):
        age = (today - person[_BIRTH]).days / 365.25
        # Adults mostly hold a passport or an id card (10 years), children 5 years.
        valid_years = 10 if age >= 18 else 5
        for soort, chance in (("paspoort", 0.75), ("identiteitskaart", 0.45)):
            if rng.random() < chance:
                issued = today - dt.timedelta(days=rng.randint(0, valid_years * 365 + 400))
                doc_counter += 1
                docs.append(
                    (
                        persoon_id,
                        soort,
                        f"{'NP' if soort == 'paspoort' else 'NI'}{doc_counter:07d}",
                        issued,
                        _add_years(issued, valid_years),
                    )
                )
        if age >= 18 and rng.random() < 0.7:
            issued = today - dt.timedelta(days=rng.randint(0, 10 * 365 + 200))
            doc_counter += 1
            docs.append(
                (persoon_id, "rijbewijs", f"RB{doc_counter:08d}", issued, _add_years(issued, 10))
            )
    insert_rows(Reisdocument, _DOCUMENT_COLUMNS, docs)

    partij_pks = range(self._next_partij_pk, self._next_partij_pk + len(self._pending_partij))
    self._next_partij_pk += len(self._pending_partij)
    insert_rows(
        Partij,
        _PARTIJ_COLUMNS,
        ((pk, *partij) for pk, (partij, _) in zip(partij_pks, self._pending_partij, strict=True)),
    )
    personen = []
    adressen = []
    now = timezone.now()
    for partij_id, (_, persoon) in zip(partij_pks, self._pending_partij, strict=True):
        personen.append((partij_id, *persoon))
        self.person_partij_ids.append(partij_id)
        voornamen, geboortedatum = persoon[1], persoon[4]
        self.person_birthdates.append(geboortedatum)
        adult = (today - geboortedatum).days >= 18 * 365
        if adult and rng.random() < 0.65:
            # ASCII local part: "Ayşe" becomes "ayse", an address every mail server takes.
            local = (
                unicodedata.normalize("NFKD", voornamen.split()[0].lower())
                .encode("ascii", "ignore")
                .decode()
            )
            adres_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
            adres = f"{local}.{partij_id}@voorbeeld.example"
            verified = now if rng.random() < 0.7 else None
            adressen.append(
                (adres_uuid, partij_id, SoortDigitaalAdres.EMAIL.value, adres, verified)
            )
        if adult and rng.random() < 0.55:
            adres_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
            adres = f"+316{rng.randint(10_000_000, 99_999_999)}"
            verified = now if rng.random() < 0.5 else None
            adressen.append(
                (adres_uuid, partij_id, SoortDigitaalAdres.TELEFOON.value, adres, verified)
            )
    insert_rows(Persoon, _PERSOON_COLUMNS, personen)
    # A bulk load skips save(), which keeps the search key: it is written here.
    insert_rows(
        DigitaalAdres,
        _DIGITAAL_ADRES_COLUMNS,
        ((*row, True, adres_zoekwaarde(soort=row[2], adres=row[3])) for row in adressen),
    )
    summary.parties += len(self._pending_partij)
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
