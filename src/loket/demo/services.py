"""Builds the demo municipality Zeventerpen: registries, parties, staff and a year of history.

Deterministic for a given seed and day. Reference data goes through the domain services; the
history (up to millions of rows) is bulk-inserted. Everything runs in one transaction, so a
failed build leaves the database as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import importlib.util
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from loket.accounts.models import Team, User
from loket.accounts.services import team_add_member, team_create, user_create
from loket.cases.models import Statustype, Zaaktype
from loket.cases.services import zaaktype_create
from loket.catalogue.models import Organisatie as CatalogueOrganisatie
from loket.catalogue.models import Product
from loket.catalogue.services import UPL_DEFAULT_PATH, organisaties_bundled_load, upl_import
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact
from loket.contacts.services import contactreden_create
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.demo import data, history, population
from loket.knowledge.models import Kennisartikel
from loket.knowledge.services import kennis_load
from loket.parties.models import Partij
from loket.registries.models import BrpPersoon

RIJKSOVERHEID = "rijksoverheid"  # slug of Informatie Rijksoverheid in organisaties.json
# Apps that add to the demo after the core history, in this order; each has build(builder, summary).
DEMO_TOESTEL = "201"

DEMO_EXTENSIONS = (
    "loket.catalogue.demo",
    "loket.portal.demo",
    "loket.balie.demo",
    "loket.selfservice.demo",
    "loket.cases.demo",
    "loket.meldingen.demo",
    "loket.proactive.demo",
    "loket.insights.demo",
    # After insights: its history gives every contactverzoek question a verzoek of its own.
    "loket.inbox.demo",
    "loket.contacts.demo",
    "loket.training.demo",
    # After the history and the training scenarios: last months' quality reviews.
    "loket.kwaliteit.demo",
    # Last: its dry run counts what the history above holds past its term.
    "loket.privacy.demo",
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
    # Seconds per part of the build (population, history, each app's extension, ANALYZE).
    phases: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


@contextlib.contextmanager
def _timed(summary: DemoSummary, name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        summary.phases[name] = round(time.perf_counter() - started, 1)


@contextlib.contextmanager
def _sqlite_page_cache() -> Iterator[None]:
    """A page cache of 256 MB for the build on SQLite (2 MB by default): inserts into the random
    uuid indexes and the day summaries' joins over a million rows read the same pages again and
    again (the summaries of the large demo: 73 -> 49 s). Restored afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


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
    with _sqlite_page_cache(), transaction.atomic():
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
    with _timed(summary, "analyze"), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    summary.seconds = round((timezone.now() - started).total_seconds(), 1)
    return summary


class _Builder:
    # Set by the parts below (population, history); declared here for the type checker.
    address_ids: list[int]
    person_partij_ids: list[int]
    person_birthdates: list[dt.date]
    company_partij_ids: list[int]
    case_sources: list[tuple[int, int | None, dt.date, Product | None]]
    # Rows waiting for their insert (population: BRP persons, parties with their persons).
    _pending_brp: list[list]
    _pending_partij: list[tuple[tuple, tuple]]
    _next_brp_pk: int
    _next_partij_pk: int

    # Parts of the build in their own modules (functions of the builder, bound here as methods).
    _addresses = population._addresses
    _persons = population._persons
    _flush_persons = population._flush_persons
    _companies = population._companies
    _contact_moment = history._contact_moment
    _channel_day = history._channel_day
    _contacts = history._contacts
    _doorverwezen_naar = history._doorverwezen_naar
    _cases = history._cases

    def __init__(self, *, scale: Scale, seed: int, progress: bool) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        # For the apps' demo parts that invent an address (they do not import the demo app).
        self.straatnamen = data.STRAATNAMEN
        self.progress = progress
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
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
        with _timed(summary, "referentiedata"):
            self._reference_data()
        summary.staff = User.objects.count()
        with _timed(summary, "inwoners en bedrijven"):
            self._addresses(summary)
            self._persons(summary)
            self._companies(summary)
        with _timed(summary, "klantcontacten"):
            self._contacts(summary)
        with _timed(summary, "zaken"):
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
            with _timed(summary, module_name.removeprefix("loket.")):
                counts = module.build(self, summary)
            if counts:
                summary.counts.update(counts)

    def _reference_data(self) -> None:

        if not Product.objects.exists():
            upl_import(rows_or_path=UPL_DEFAULT_PATH)
        # The bodies citizens are referred to, before the referral articles that name them.
        organisaties_bundled_load()

        kennis_load()  # the Zeventerpen knowledge base: articles and citizens' synonyms

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
            if username == "kcc":
                # Extension 201: the PBX simulator rings it (scripts/pbx-simulator).
                User.objects.filter(pk=user.pk).update(toestel=DEMO_TOESTEL)
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

    _AFHANDELING = {
        "website": ([Afhandeling.ZELFSTANDIG, Afhandeling.ZAAK], [92, 8]),
        "app": ([Afhandeling.ZELFSTANDIG, Afhandeling.ZAAK], [93, 7]),
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
        [56, 15, 12, 9, 4, 4],
    )
    _DUUR = {"telefoon": (240, 120), "balie": (420, 180), "chat": (360, 150), "e-mail": (300, 120)}
