"""Builds the demo municipality Zeventerpen: registries, parties, staff and a year of history.

Deterministic for a given seed and day. Reference data goes through the domain services; the
history (up to millions of rows) is bulk-inserted. Everything runs in one transaction, so a
failed build leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import importlib.util
import random
import sys
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Case, CharField, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, ExtractYear, LPad
from django.utils import timezone
from tqdm import tqdm

from loket.accounts.models import Team, User
from loket.accounts.services import team_add_member, team_create, user_create
from loket.cases.models import Status, Statustype, Zaak, Zaaktype
from loket.catalogue.models import Organisatie as CatalogueOrganisatie
from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact, Vraag
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.demo import data
from loket.demo.identifiers import demo_bsns, demo_rsins
from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.registries.models import BagAdres, BrpPersoon, KvkVestiging, Reisdocument

RIJKSOVERHEID = "rijksoverheid"  # slug of Informatie Rijksoverheid in organisaties.json
AMS = ZoneInfo("Europe/Amsterdam")
BATCH = 2000
# Apps that add to the demo after the core history, in this order; each has build(builder, summary).
DEMO_EXTENSIONS = (
    "loket.catalogue.demo",
    "loket.selfservice.demo",
    "loket.cases.demo",
    "loket.meldingen.demo",
    "loket.proactive.demo",
    "loket.insights.demo",
    "loket.training.demo",
)


@dataclass(frozen=True)
class Scale:
    persons: int
    contacts: int
    cases: int


SCALES = {
    "small": Scale(persons=600, contacts=4_000, cases=1_200),
    "medium": Scale(persons=8_000, contacts=80_000, cases=24_000),
    "large": Scale(persons=100_000, contacts=1_000_000, cases=300_000),
}


@dataclass
class DemoSummary:
    scale: str
    seed: int
    addresses: int = 0
    persons: int = 0
    documents: int = 0
    companies: int = 0
    parties: int = 0
    staff: int = 0
    contacts: int = 0
    questions: int = 0
    cases: int = 0
    statuses: int = 0
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def database_is_empty() -> bool:
    return not (
        Partij.objects.exists() or BrpPersoon.objects.exists() or Klantcontact.objects.exists()
    )


def demo_build(*, scale: str = "medium", seed: int = 7, progress: bool = True) -> DemoSummary:
    """Build Zeventerpen in an empty database. Refuses a database that already holds data."""
    if scale not in SCALES:
        raise DomainError(
            f"Onbekende schaal '{scale}'; kies small, medium of large.", field="scale"
        )
    started = timezone.now()
    with transaction.atomic():
        if not database_is_empty():
            raise DomainError(
                "De database bevat al klantgegevens; de demo wordt alleen in een lege database "
                "gebouwd. Gebruik een nieuwe database (bijvoorbeeld: verwijder var/loket.sqlite3).",
                field="database",
            )
        builder = _Builder(scale=SCALES[scale], seed=seed, progress=progress)
        summary = builder.build(DemoSummary(scale=scale, seed=seed))
    # Fresh planner statistics: without them PostgreSQL chose sequential scans on the new
    # tables and the klantbeeld took 390 ms instead of 63 ms (bench/klantbeeld.py, large demo).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    summary.seconds = round((timezone.now() - started).total_seconds(), 1)
    return summary


class _Builder:
    def __init__(self, *, scale: Scale, seed: int, progress: bool) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.progress = progress
        self.today = timezone.localdate()
        self.calendar = get_calendar()

    # --- helpers --------------------------------------------------------------------------------
    def _bar(self, total: int, desc: str) -> tqdm:
        return tqdm(
            total=total,
            desc=desc,
            unit=" rijen",
            disable=not self.progress,
            file=sys.stderr,
            mininterval=1.0,
            leave=True,
        )

    @functools.cache  # noqa: B019 - the builder lives for one build only
    def _add_working_days(self, start: dt.date, days: int) -> dt.date:
        return self.calendar.add_working_days(start, days)

    # --- the build ------------------------------------------------------------------------------
    def build(self, summary: DemoSummary) -> DemoSummary:
        self._reference_data()
        summary.staff = User.objects.count()
        self._addresses(summary)
        self._persons(summary)
        self._companies(summary)
        self._contacts(summary)
        self._cases(summary)
        self._extensions(summary)
        return summary

    def _extensions(self, summary: DemoSummary) -> None:
        """Each app that has a `demo` module adds its part, reading this builder's state
        (rng, today, scale, teams, products, kanalen, zaaktypen, person_partij_ids, ...)."""
        for module_name in DEMO_EXTENSIONS:
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            counts = module.build(self, summary)
            if counts:
                summary.counts.update(counts)

    def _reference_data(self) -> None:
        from loket.cases.services import zaaktype_create
        from loket.catalogue.services import (
            UPL_DEFAULT_PATH,
            organisaties_bundled_load,
            upl_import,
        )
        from loket.contacts.services import contactreden_create

        if not Product.objects.exists():
            upl_import(rows_or_path=UPL_DEFAULT_PATH)
        # The bodies citizens are referred to, before the referral articles that name them.
        organisaties_bundled_load()
        from loket.knowledge.services import kennis_load

        kennis_load()  # the Zeventerpen knowledge base: articles and citizens' synonyms
        from loket.knowledge.models import Kennisartikel

        # A few articles are past their review date, so the redactie has work to show.
        overdue = list(Kennisartikel.objects.order_by("slug").values_list("pk", flat=True)[::20])
        Kennisartikel.objects.filter(pk__in=overdue).update(
            review_datum=self.today - dt.timedelta(days=14)
        )
        self.products = {p.upl_naam: p for p in Product.objects.select_related("organisatie")}
        # Referrals without a referral product go to the Rijksoverheid's information line when
        # it is loaded; otherwise they stay without an organisation (shown as "Onbekend").
        self.rijksoverheid = CatalogueOrganisatie.objects.filter(
            slug=RIJKSOVERHEID, is_actief=True
        ).first()
        self.kanalen = {k.code: k for k in Kanaal.objects.all()}
        missing = [code for code, _ in data.KANAAL_MIX if code not in self.kanalen]
        if missing:
            raise DomainError(f"Kanalen ontbreken: {', '.join(missing)}.", field="kanalen")

        teams: dict[str, Team] = {}
        for name, slug, kind, parent, email in data.TEAMS:
            teams[slug] = team_create(
                name=name,
                slug=slug,
                kind=kind,
                parent=teams.get(parent) if parent else None,
                email=email,
            )
        self.teams = teams
        for username, role, first, last, team, title in data.DEMO_LOGINS:
            user = user_create(
                username=username,
                password=data.DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@zeventerpen.example",
                roles=[role],
                job_title=title,
            )
            team_add_member(team=teams[team], user=user, is_coordinator=role == "teamleider")
        self.kcc_staff: list[int] = list(
            User.objects.filter(groups__name="kcc-medewerker").values_list("pk", flat=True)
        )
        counter = 0
        for team, role, count in data.STAFF:
            for _ in range(count):
                counter += 1
                first = self.rng.choice(data.VOORNAMEN_M + data.VOORNAMEN_V)
                prefix, last = self.rng.choice(data.ACHTERNAMEN)
                user = user_create(
                    username=f"mdw{counter:02d}",
                    password=None,
                    first_name=first,
                    last_name=f"{prefix} {last}".strip(),
                    roles=[role],
                    email=f"mdw{counter:02d}@zeventerpen.example",
                )
                team_add_member(team=teams[team], user=user)
                if role == "kcc-medewerker":
                    self.kcc_staff.append(user.pk)
        self.backoffice_by_team = {
            slug: list(t.members.values_list("pk", flat=True)) for slug, t in teams.items()
        }

        # Contact reasons (two levels) with the product each subreden is usually about.
        self.reasons: list[tuple[Contactreden, Product | None, list[str], int]] = []
        for order, (hoofd, subs) in enumerate(data.CONTACTREDENEN.items()):
            hoofdreden = contactreden_create(naam=hoofd)
            Contactreden.objects.filter(pk=hoofdreden.pk).update(volgorde=order)
            for sub, upl, questions, weight in subs:
                reden = contactreden_create(naam=sub, hoofdreden=hoofdreden)
                self.reasons.append(
                    (reden, self.products.get(upl) if upl else None, questions, weight)
                )

        self.zaaktypen: dict[str, Zaaktype] = {}
        for (
            ident,
            omschrijving,
            upl,
            team,
            legal,
            norm,
            statussen,
            suspend,
            extend,
        ) in data.ZAAKTYPEN:
            self.zaaktypen[upl] = zaaktype_create(
                identificatie=ident,
                omschrijving=omschrijving,
                doorlooptijd_werkdagen=legal,
                servicenorm_werkdagen=norm,
                statustypen=statussen,
                product=self.products[upl],
                team=teams[team],
                opschorting_mogelijk=suspend,
                verlenging_mogelijk=extend > 0,
                verlengingstermijn_werkdagen=extend,
            )
        self.statustypen = {
            zt.pk: list(Statustype.objects.filter(zaaktype=zt).order_by("volgnummer"))
            for zt in self.zaaktypen.values()
        }

    def _addresses(self, summary: DemoSummary) -> None:
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
            postcode = f"{code}{letters[street_index % 20]}{letters[(street_index * 7 + len(street)) % 20]}"
            number = rng.randint(1, 180 if len(rows) < 100_000 else 400)
            letter = rng.choice("AB") if rng.random() < 0.05 else ""
            key = (postcode, number, letter)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                BagAdres(
                    nummeraanduiding_id=f"1999200000{len(rows):06d}",
                    postcode=postcode,
                    huisnummer=number,
                    huisletter=letter,
                    straatnaam=street,
                    woonplaats=place,
                    gemeente=data.MUNICIPALITY,
                )
            )
        with self._bar(len(rows), "BAG-adressen") as bar:
            for start in range(0, len(rows), BATCH):
                BagAdres.objects.bulk_create(rows[start : start + BATCH])
                bar.update(len(rows[start : start + BATCH]))
        self.address_ids = list(BagAdres.objects.values_list("pk", flat=True))
        summary.addresses = len(self.address_ids)

    def _persons(self, summary: DemoSummary) -> None:
        """Households at addresses; BRP persons with documents; a Partij for each resident."""
        rng = self.rng
        today = self.today
        bsns = demo_bsns()
        n = self.scale.persons
        self.person_partij_ids: list[int] = []
        self.person_birthdates: list[dt.date] = []
        doc_counter = 0
        bar = self._bar(n, "Inwoners")
        self._pending_brp: list[BrpPersoon] = []
        self._pending_partij: list[tuple[Partij, Persoon]] = []
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
                    first = f"{first} {rng.choice(data.VOORNAMEN_M if sex == 'M' else data.VOORNAMEN_V)}"
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

    def _flush_persons(self, summary: DemoSummary, doc_counter: int) -> int:
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
        DigitaalAdres.objects.bulk_create(adressen, batch_size=BATCH)
        summary.parties += len(partijen)
        return doc_counter

    def _companies(self, summary: DemoSummary) -> None:
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

    # --- history ------------------------------------------------------------------------------
    def _contact_moment(self, kanaal_code: str) -> dt.datetime:
        rng = self.rng
        while True:
            day = self.today - dt.timedelta(days=rng.randint(0, 364))
            if kanaal_code in (
                "website",
                "app",
                "sociale-media",
                "e-mail",
            ) or self.calendar.is_working_day(day):
                break
        if kanaal_code in ("telefoon", "balie", "chat"):
            minutes = rng.randint(8 * 60 + 30, 16 * 60 + 55)
        else:
            minutes = int(min(max(rng.gauss(14 * 60, 240), 0), 24 * 60 - 1))
        moment = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=AMS)
        return moment.replace(second=rng.randint(0, 59))

    _AFHANDELING = {
        "website": ([Afhandeling.ZELFSTANDIG, Afhandeling.ZAAK], [82, 18]),
        "app": ([Afhandeling.ZELFSTANDIG, Afhandeling.ZAAK], [85, 15]),
        "e-mail": (
            [
                Afhandeling.BEANTWOORD,
                Afhandeling.CONTACTVERZOEK,
                Afhandeling.ZAAK,
                Afhandeling.DOORVERWEZEN,
            ],
            [64, 16, 15, 5],
        ),
    }
    _AFHANDELING_DEFAULT = (
        [
            Afhandeling.BEANTWOORD,
            Afhandeling.CONTACTVERZOEK,
            Afhandeling.ZAAK,
            Afhandeling.DOORVERBONDEN,
            Afhandeling.DOORVERWEZEN,
            Afhandeling.NIET_BEANTWOORD,
        ],
        [71, 10, 8, 5, 4, 2],
    )
    _DUUR = {"telefoon": (240, 120), "balie": (420, 180), "chat": (360, 150), "e-mail": (300, 120)}

    def _contacts(self, summary: DemoSummary) -> None:
        rng = self.rng
        n = self.scale.contacts
        codes = [code for code, _ in data.KANAAL_MIX]
        weights = [w for _, w in data.KANAAL_MIX]
        reason_weights = [r[3] for r in self.reasons]
        self.case_sources: list[tuple[int, int | None, dt.date, Product | None]] = []
        made = 0
        bar = self._bar(n, "Klantcontacten")
        while made < n:
            size = min(BATCH, n - made)
            contacts, questions = [], []
            for _ in range(size):
                code = rng.choices(codes, weights)[0]
                moment = self._contact_moment(code)
                roll = rng.random()
                if roll < 0.80:
                    partij_id = rng.choice(self.person_partij_ids)
                elif roll < 0.86:
                    partij_id = rng.choice(self.company_partij_ids)
                else:
                    partij_id = None
                staffed = code not in ("website", "app")
                duur = None
                if code in self._DUUR:
                    mean, sd = self._DUUR[code]
                    duur = dt.timedelta(seconds=int(max(30, rng.gauss(mean, sd))))
                contact_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
                contact = Klantcontact(
                    uuid=contact_uuid,
                    # Temporary; numbered from the primary key below, like contact_register does.
                    referentienummer=f"T{contact_uuid.hex[:19]}",
                    kanaal=self.kanalen[code],
                    partij_id=partij_id,
                    medewerker_id=rng.choice(self.kcc_staff) if staffed else None,
                    plaatsgevonden_op=moment,
                    duur=duur,
                )
                reden, product, texts, _ = rng.choices(self.reasons, reason_weights)[0]
                outcomes, out_weights = self._AFHANDELING.get(code, self._AFHANDELING_DEFAULT)
                afhandeling = rng.choices(outcomes, out_weights)[0]
                contact.onderwerp = reden.naam
                contacts.append(contact)
                questions.append([(reden, product, rng.choice(texts), afhandeling)])
                if rng.random() < 0.08:
                    reden2, product2, texts2, _ = rng.choices(self.reasons, reason_weights)[0]
                    questions[-1].append(
                        (
                            reden2,
                            product2,
                            rng.choice(texts2),
                            rng.choices(outcomes, out_weights)[0],
                        )
                    )
            created = Klantcontact.objects.bulk_create(contacts)
            vragen = []
            for contact, qs in zip(created, questions, strict=True):
                for reden, product, text, afhandeling in qs:
                    vragen.append(
                        Vraag(
                            klantcontact_id=contact.pk,
                            vraagtekst=text,
                            contactreden=reden,
                            product=product,
                            afhandeling=afhandeling,
                            doorverwezen_naar=self._doorverwezen_naar(product)
                            if afhandeling == Afhandeling.DOORVERWEZEN
                            else None,
                            antwoord="Uitgelegd volgens het kennisartikel."
                            if afhandeling == Afhandeling.BEANTWOORD
                            else "",
                        )
                    )
                    if afhandeling == Afhandeling.ZAAK:
                        self.case_sources.append(
                            (
                                contact.pk,
                                contact.partij_id,
                                contact.plaatsgevonden_op.astimezone(AMS).date(),
                                product,
                            )
                        )
            Vraag.objects.bulk_create(vragen)
            summary.questions += len(vragen)
            made += size
            bar.update(size)
        bar.close()
        _number_from_pk(
            Klantcontact.objects.all(), "referentienummer", "KC", "plaatsgevonden_op", 6
        )
        summary.contacts = made

    def _doorverwezen_naar(self, product: Product | None) -> CatalogueOrganisatie | None:
        if product is not None and product.organisatie_id:
            return product.organisatie
        return self.rijksoverheid

    def _cases(self, summary: DemoSummary) -> None:
        rng = self.rng
        n = self.scale.cases
        zaaktypen = list(self.zaaktypen.values())
        zt_weights = [8, 10, 6, 4, 6, 3, 3, 12, 5][: len(zaaktypen)]
        sources = self.case_sources
        rng.shuffle(sources)
        now = timezone.now()
        made = 0
        bar = self._bar(n, "Zaken")
        while made < n:
            size = min(BATCH, n - made)
            zaken, plans = [], []
            for i in range(size):
                index = made + i
                if index < len(sources):
                    contact_id, partij_id, start, product = sources[index]
                    zaaktype = self.zaaktypen.get(product.upl_naam) if product else None
                    zaaktype = zaaktype or rng.choices(zaaktypen, zt_weights)[0]
                else:
                    contact_id = None
                    partij_id = (
                        rng.choice(self.person_partij_ids)
                        if rng.random() < 0.95
                        else rng.choice(self.company_partij_ids)
                    )
                    start = self.today - dt.timedelta(days=rng.randint(0, 364))
                    zaaktype = rng.choices(zaaktypen, zt_weights)[0]
                start = self.calendar.next_working_day(start)
                if start > self.today:
                    start = self.today
                planned = self._add_working_days(start, zaaktype.servicenorm_werkdagen)
                latest = self._add_working_days(start, zaaktype.doorlooptijd_werkdagen)
                statustypen = self.statustypen[zaaktype.pk]
                # Older cases are further along; most finish near the norm, some late.
                age = (self.today - start).days
                expected = (planned - start).days or 1
                progress = min(1.0, age / (expected * rng.uniform(0.6, 1.6)))
                steps = max(1, round(progress * len(statustypen)))
                timeline = []
                moment = dt.datetime.combine(start, dt.time(9, 0), tzinfo=AMS)
                gap_hours = max(3, 24 * max(1, age) // (steps + 1))
                for k, statustype in enumerate(statustypen[:steps]):
                    if k:
                        moment = min(moment + dt.timedelta(hours=rng.randint(2, gap_hours)), now)
                    timeline.append((statustype, moment))
                closed = steps >= len(statustypen)
                behandelaars = (
                    self.backoffice_by_team.get(zaaktype.team.slug)
                    if zaaktype.team is not None
                    else None
                ) or []
                zaak_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
                zaken.append(
                    Zaak(
                        uuid=zaak_uuid,
                        identificatie=f"T{zaak_uuid.hex[:29]}",
                        zaaktype=zaaktype,
                        omschrijving=zaaktype.omschrijving,
                        initiator_id=partij_id,
                        klantcontact_id=contact_id,
                        team_id=zaaktype.team_id,
                        behandelaar_id=rng.choice(behandelaars)
                        if behandelaars and rng.random() < 0.8
                        else None,
                        startdatum=start,
                        einddatum_gepland=planned,
                        uiterlijke_einddatum_afdoening=latest,
                        einddatum=min(moment.date(), self.today) if closed else None,
                    )
                )
                plans.append(timeline)
            created = Zaak.objects.bulk_create(zaken)
            statussen = [
                Status(zaak_id=zaak.pk, statustype=statustype, datum_status_gezet=moment)
                for zaak, timeline in zip(created, plans, strict=True)
                for statustype, moment in timeline
            ]
            Status.objects.bulk_create(statussen)
            summary.statuses += len(statussen)
            made += size
            bar.update(size)
        bar.close()
        with connection.cursor() as cursor:
            # The current status is the last one set: one statement on SQLite and PostgreSQL.
            # UPDATE ... FROM with an aggregate, not a correlated subquery: PostgreSQL has no
            # statistics on the fresh table inside this transaction and would scan it per row.
            cursor.execute(
                "UPDATE cases_zaak SET status_id = latest.status_id FROM "
                "(SELECT zaak_id, MAX(id) AS status_id FROM cases_status GROUP BY zaak_id) AS latest "
                "WHERE latest.zaak_id = cases_zaak.id"
            )
        _number_from_pk(Zaak.objects.all(), "identificatie", "ZAAK", "startdatum", 7)
        summary.cases = made


def _number_from_pk(
    queryset: QuerySet[Any], field: str, prefix: str, date_field: str, digits: int
) -> None:
    """Number bulk-inserted rows as the services do: "<prefix>-<year>-<pk, zero-padded>".

    One UPDATE on SQLite and PostgreSQL. LPad truncates longer values, so wider numbers are
    written unpadded, as Python's format does.
    """
    padded = LPad(Cast("pk", CharField()), digits, Value("0"))
    number = Case(When(pk__gte=10**digits, then=Cast("pk", CharField())), default=padded)
    queryset.update(
        **{
            field: Concat(
                Value(f"{prefix}-"),
                Cast(ExtractYear(date_field), CharField()),
                Value("-"),
                number,
                output_field=CharField(),
            )
        }
    )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
