"""Daily summaries that the dashboard reads, rebuilt per day from the raw records.

Why: a year of the large demo is 1,000,000 klantcontacten; aggregating those on every dashboard
request takes seconds on SQLite. The summaries hold a few rows per day and stay consistent:
every save or delete of a klantcontact, vraag, contactverzoek, zaak or telephone call marks its
day (`VerouderdeDag`, see signals.py), and `samenvattingen_bijwerken()` rebuilds the marked days
before each read. Bulk writes bypass signals: after a bulk load run `loket inzicht_bijwerken`
(the demo does this itself).

Definitions (the dashboard shows them too):
- FCR: questions with afhandeling in `Afhandeling.front_office()` (beantwoord, zelfstandig,
  doorverwezen) / all questions, per question (a contact with two questions counts twice).
- Self-service: questions about a product handled `zelfstandig` (online, no staff) / questions
  about a product.
- Channel mix and costs: contacts (each once), by Kanaal.soort.
- E-mail on time: e-mail contacts answered on or before the end of the N-th working day after the
  day of receipt (`plaatsgevonden_op`). The answer moment is the latest `afgehandeld_op` of the
  contact's contactverzoeken when it has any (none while one is open), else the moment the reply
  was registered (`created_at`) — unless every question stayed `niet_beantwoord`.
- Repeat: a question by the same party about the same product as a question of an earlier
  contact of that party within the window (7 days).
- Team of a contact: the first team (lowest id) of its medewerker; online contacts have no team.
- Zaken: closed zaken by einddatum; within servicenorm = einddatum <= einddatum_gepland; within the
  legal term = einddatum <= uiterlijke_einddatum_afdoening; `werkdagen` = working days from
  startdatum to einddatum (for the formula guarantees).
- Contactverzoeken: by deadline day; on time = verwerkt with afgehandeld_op <= deadline.
- Calls: by the day and half hour offered (Europe/Amsterdam).
- Customer journeys: closed zaken with an initiator by einddatum × product; the journey is the
  channel kinds of the initiator's questions about the zaak's product from 30 days before the
  startdatum until the end of the einddatum, in order (a contact with two questions about it
  counts twice), with the initiator's tags for the personas. A question marks the days of the
  zaken whose window holds it; a change of a party's tags shows after the next full rebuild.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, DateTimeField, Max, Min, When

from loket.accounts.models import Membership
from loket.cases.models import Zaak
from loket.contacts.constants import Afhandeling, ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import (
    Contactverzoek,
    ContactverzoekGebeurtenis,
    Klantcontact,
    Vraag,
)
from loket.core.bulk import insert_rows
from loket.core.calendar import get_calendar
from loket.core.models import Kanaal

AMS = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
BATCH = 5000

CONTACTEN, ZAKEN, VERZOEKEN, GESPREKKEN = "contacten", "zaken", "verzoeken", "gesprekken"
KLANTREIZEN = "klantreizen"
BRONNEN = (CONTACTEN, ZAKEN, VERZOEKEN, GESPREKKEN, KLANTREIZEN)


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in Europe/Amsterdam."""
    return (
        dt.datetime.combine(start, dt.time(0), tzinfo=AMS),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=AMS),
    )


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(AMS).date()


def _as_datetime(value) -> dt.datetime | None:
    """An aware datetime from a raw cursor row (SQLite gives naive UTC, PostgreSQL aware)."""
    if value is None:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _raw_rows(queryset) -> Iterable[tuple]:
    """values_list rows without Django's per-value converters (much faster for a million rows)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(20_000)
            if not rows:
                break
            yield from rows


def _setting(name: str, default):
    return getattr(settings, name, default)


def repeat_window_days() -> int:
    from loket.insights.selectors import norm_parameter

    return norm_parameter("herhaal", 7)


# --- contacts -----------------------------------------------------------------------------------
def _team_of_users() -> dict[int, int]:

    teams: dict[int, int] = {}
    for user_id, team_id in Membership.objects.order_by("-pk").values_list("user_id", "team_id"):
        teams[user_id] = team_id  # lowest pk wins (iterated last)
    return teams


class WorkingDayIndex:
    """Working days counted with one dict lookup: index[d] = working days in [origin, d)."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        calendar = get_calendar()
        self.start = start - dt.timedelta(days=400)
        self.end = end + dt.timedelta(days=400)
        self.index: dict[dt.date, int] = {}
        count = 0
        day = self.start
        while day <= self.end:
            self.index[day] = count
            if calendar.is_working_day(day):
                count += 1
            day += dt.timedelta(days=1)
        self.calendar = calendar

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (as calendar.working_days_between)."""
        if start in self.index and end in self.index:
            a = self.index[start] + (1 if self.calendar.is_working_day(start) else 0)
            return max(0, self.index[end] + (1 if self.calendar.is_working_day(end) else 0) - a)
        return self.calendar.working_days_between(start, end)


def _rebuild_contacts(start: dt.date, end: dt.date) -> None:
    from loket.insights.models import ContactDagTotaal
    from loket.insights.selectors import norm_parameter

    window = dt.timedelta(days=repeat_window_days())
    email_days = norm_parameter("email", 2)
    lo, hi = day_bounds(start, end)
    soort_of = dict(Kanaal.objects.values_list("pk", "soort"))
    email_kanalen = [pk for pk, soort in soort_of.items() if soort == "email"]
    team_of = _team_of_users()
    calendar = get_calendar()

    rows = _raw_rows(
        Vraag.objects.filter(
            klantcontact__plaatsgevonden_op__gte=lo - window, klantcontact__plaatsgevonden_op__lt=hi
        )
        # The reply moment matters for e-mail only: NULL for the rest spares a million conversions.
        .annotate(
            email_created=Case(
                When(klantcontact__kanaal_id__in=email_kanalen, then="klantcontact__created_at"),
                default=None,
                output_field=DateTimeField(),
            )
        )
        .values_list(
            "pk",
            "klantcontact_id",
            "klantcontact__partij_id",
            "product_id",
            "contactreden_id",
            "afhandeling",
            "klantcontact__kanaal_id",
            "klantcontact__plaatsgevonden_op",
            "klantcontact__medewerker_id",
            "email_created",
        )
    )
    vragen = []
    for pk, kc, partij, product, reden, afh, kanaal, moment, mdw, created in rows:
        vragen.append(
            (pk, kc, partij, product, reden, afh, kanaal, _as_datetime(moment), mdw, created)
        )

    # Repeat contacts: sort by party, product, moment.
    herhaal: set[int] = set()
    keyed = sorted(
        (v for v in vragen if v[2] is not None and v[3] is not None),
        key=lambda v: (v[2], v[3], v[7], v[0]),
    )
    previous = None
    for v in keyed:
        if (
            previous is not None
            and previous[2] == v[2]
            and previous[3] == v[3]
            and previous[1] != v[1]
            and v[7] - previous[7] <= window
        ):
            herhaal.add(v[0])
        previous = v

    # The first question of every contact, and the e-mail contacts' answer.
    first_of: dict[int, int] = {}
    all_unanswered: dict[int, bool] = {}
    for v in vragen:
        if v[1] not in first_of or v[0] < first_of[v[1]]:
            first_of[v[1]] = v[0]
        all_unanswered[v[1]] = (
            all_unanswered.get(v[1], True) and v[5] == Afhandeling.NIET_BEANTWOORD
        )
    verzoek_answer: dict[int, dt.datetime | None] = {}
    if email_kanalen:
        for kc, status, done in _raw_rows(
            Contactverzoek.objects.filter(
                klantcontact__kanaal_id__in=email_kanalen,
                klantcontact__plaatsgevonden_op__gte=lo,
                klantcontact__plaatsgevonden_op__lt=hi,
            ).values_list("klantcontact_id", "status", "afgehandeld_op")
        ):
            done = _as_datetime(done)
            if kc in verzoek_answer and verzoek_answer[kc] is None:
                continue
            if status != ContactverzoekStatus.VERWERKT or done is None:
                verzoek_answer[kc] = None
            else:
                current = verzoek_answer.get(kc)
                verzoek_answer[kc] = max(current, done) if current else done

    # The answers that close a contactverzoek by e-mail are contacts on the e-mail channel too,
    # but not e-mails to answer: left out of the e-mail norm.
    closing: set[int] = set()
    if email_kanalen:
        refs = [
            ref
            for ref in ContactverzoekGebeurtenis.objects.filter(
                soort=GebeurtenisSoort.AFGESLOTEN,
                op__gte=lo - dt.timedelta(days=1),
                op__lt=hi + dt.timedelta(days=1),
            ).values_list("detail__klantcontact", flat=True)
            if ref
        ]
        for start_ in range(0, len(refs), 900):
            closing.update(
                Klantcontact.objects.filter(
                    referentienummer__in=refs[start_ : start_ + 900],
                    kanaal_id__in=email_kanalen,
                ).values_list("pk", flat=True)
            )

    deadline_cache: dict[dt.date, dt.date] = {}
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for pk, kc, _partij, product, reden, afh, kanaal, moment, mdw, created in vragen:
        day = local_date(moment)
        if day < start or day > end:
            continue
        soort = soort_of.get(kanaal, "overig")
        team = team_of.get(mdw) if mdw else None
        entry = totals[(day, kanaal, soort, reden, product, afh, team)]
        entry[0] += 1
        if first_of[kc] == pk:
            entry[1] += 1
            if soort == "email" and kc not in closing:
                entry[4] += 1
                if kc in verzoek_answer:
                    answered = verzoek_answer[kc]
                elif all_unanswered[kc]:
                    answered = None
                else:
                    answered = _as_datetime(created)
                if answered is not None:
                    if day not in deadline_cache:
                        deadline_cache[day] = calendar.add_working_days(day, email_days)
                    if local_date(answered) <= deadline_cache[day]:
                        entry[2] += 1
        if pk in herhaal:
            entry[3] += 1

    ContactDagTotaal.objects.filter(datum__gte=start, datum__lte=end).delete()
    insert_rows(
        ContactDagTotaal,
        [
            "datum",
            "week",
            "maand",
            "kanaal_id",
            "kanaalsoort",
            "contactreden_id",
            "product_id",
            "afhandeling",
            "team_id",
            "vragen",
            "contacten",
            "op_tijd",
            "herhaal",
            "emails",
        ],
        (
            (day, week_of(day), month_of(day), kanaal, soort, reden, product, afh, team, *v)
            for (day, kanaal, soort, reden, product, afh, team), v in totals.items()
        ),
    )


# --- zaken --------------------------------------------------------------------------------------
def _rebuild_zaken(start: dt.date, end: dt.date) -> None:
    from loket.insights.models import ZaakDagTotaal

    index = WorkingDayIndex(start, end)
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for eind, zaaktype, product, team, begin, gepland, uiterlijk in _raw_rows(
        Zaak.objects.filter(einddatum__gte=start, einddatum__lte=end).values_list(
            "einddatum",
            "zaaktype_id",
            "zaaktype__product_id",
            "team_id",
            "startdatum",
            "einddatum_gepland",
            "uiterlijke_einddatum_afdoening",
        )
    ):
        eind, begin = _as_date(eind), _as_date(begin)
        gepland, uiterlijk = _as_date(gepland), _as_date(uiterlijk)
        werkdagen = index.between(begin, eind) if eind >= begin else 0
        entry = totals[(eind, zaaktype, product, team, werkdagen)]
        entry[0] += 1
        entry[1] += eind <= gepland
        entry[2] += eind <= uiterlijk
    ZaakDagTotaal.objects.filter(datum__gte=start, datum__lte=end).delete()
    insert_rows(
        ZaakDagTotaal,
        [
            "datum",
            "week",
            "maand",
            "zaaktype_id",
            "product_id",
            "team_id",
            "werkdagen",
            "aantal",
            "binnen_servicenorm",
            "binnen_termijn",
        ],
        (
            (day, week_of(day), month_of(day), zaaktype, product, team, werkdagen, *v)
            for (day, zaaktype, product, team, werkdagen), v in totals.items()
        ),
    )


# --- customer journeys -------------------------------------------------------------------------
JOURNEY_LEAD_DAYS = 30
JOURNEY_STEP = {"click": "online", "call": "telefoon", "face": "balie", "email": "e-mail"}
# Below this many initiators the contacts are read per party (an index lookup each 900);
# above it one scan of the period's questions about the products is cheaper.
_JOURNEY_PER_PARTY = 20_000


def _tags_key(value) -> str:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return ",".join(sorted({str(t) for t in value or []}))


def _journey_contacts(zaken: list[tuple], lo: dt.datetime, hi: dt.datetime) -> dict:
    """(partij, product) -> [(moment, channel kind)] of the questions in [lo, hi)."""
    soort_of = dict(Kanaal.objects.values_list("pk", "soort"))
    products = sorted({z[1] for z in zaken})
    partijen = sorted({z[0] for z in zaken})
    base = Vraag.objects.filter(
        product__in=products,
        klantcontact__plaatsgevonden_op__gte=lo,
        klantcontact__plaatsgevonden_op__lt=hi,
        klantcontact__partij__isnull=False,
    )
    if len(partijen) <= _JOURNEY_PER_PARTY:
        querysets = [
            base.filter(klantcontact__partij__in=partijen[i : i + 900])
            for i in range(0, len(partijen), 900)
        ]
    else:
        querysets = [base]
    wanted = set(partijen)
    contacts: dict[tuple[int, int], list] = defaultdict(list)
    for queryset in querysets:
        for partij, product, moment, kanaal in _raw_rows(
            queryset.values_list(
                "klantcontact__partij_id",
                "product_id",
                "klantcontact__plaatsgevonden_op",
                "klantcontact__kanaal_id",
            )
        ):
            if partij in wanted:
                contacts[(partij, product)].append(
                    (_as_datetime(moment), soort_of.get(kanaal, "overig"))
                )
    for items in contacts.values():
        items.sort()
    return contacts


def _rebuild_klantreizen(start: dt.date, end: dt.date) -> None:
    from loket.insights.models import KlantreisDagTotaal
    from loket.parties.models import Partij

    KlantreisDagTotaal.objects.filter(datum__gte=start, datum__lte=end).delete()
    zaken = [
        (partij, product, _as_date(begin), _as_date(eind))
        for partij, product, begin, eind in _raw_rows(
            Zaak.objects.filter(
                einddatum__gte=start,
                einddatum__lte=end,
                initiator__isnull=False,
                zaaktype__product__isnull=False,
            ).values_list("initiator_id", "zaaktype__product_id", "startdatum", "einddatum")
        )
    ]
    if not zaken:
        return
    lead = dt.timedelta(days=JOURNEY_LEAD_DAYS)
    lo, hi = day_bounds(min(min(z[2], z[3]) for z in zaken) - lead, end)
    contacts = _journey_contacts(zaken, lo, hi)
    partijen = sorted({z[0] for z in zaken})
    tags: dict[int, str] = {}
    for i in range(0, len(partijen), 900):
        for pk, value in _raw_rows(
            Partij.objects.filter(pk__in=partijen[i : i + 900]).values_list("pk", "tags")
        ):
            tags[pk] = _tags_key(value)
    totals: dict[tuple, int] = defaultdict(int)
    for partij, product, begin, eind in zaken:
        a, b = day_bounds(begin - lead, eind)
        reis = [s for m, s in contacts.get((partij, product), ()) if a <= m < b]
        stappen = [JOURNEY_STEP.get(s, s) for s in reis] or ["geen contact"]
        patroon = " → ".join([*stappen, "zaak afgerond"])[:500]
        totals[(eind, product, patroon, len(reis), tags.get(partij, ""))] += 1
    insert_rows(
        KlantreisDagTotaal,
        ["datum", "week", "maand", "product_id", "patroon", "contacten", "tags", "aantal"],
        (
            (day, week_of(day), month_of(day), product, patroon, n, tag, aantal)
            for (day, product, patroon, n, tag), aantal in totals.items()
        ),
    )


def mark_journeys(*, partij_id: int | None, product_id: int | None, moment) -> None:
    """A question about a product changes the journeys of the party's zaken of that product
    whose window (30 days before the start until the end) holds its moment."""
    if partij_id is None or product_id is None or moment is None:
        return
    day = local_date(moment)
    mark_days(
        KLANTREIZEN,
        Zaak.objects.filter(
            initiator_id=partij_id,
            zaaktype__product_id=product_id,
            einddatum__gte=day,
            startdatum__lte=day + dt.timedelta(days=JOURNEY_LEAD_DAYS),
        ).values_list("einddatum", flat=True),
    )


# --- contactverzoeken ---------------------------------------------------------------------------
def _rebuild_verzoeken(start: dt.date, end: dt.date) -> None:
    from loket.insights.models import ContactverzoekDagTotaal

    lo, hi = day_bounds(start, end)
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for deadline, team, product, kanaal, status, done in _raw_rows(
        Contactverzoek.objects.filter(deadline__gte=lo, deadline__lt=hi).values_list(
            "deadline",
            "team_id",
            "vraag__product_id",
            "klantcontact__kanaal_id",
            "status",
            "afgehandeld_op",
        )
    ):
        deadline, done = _as_datetime(deadline), _as_datetime(done)
        entry = totals[(local_date(deadline), team, product, kanaal)]
        entry[0] += 1
        if status == ContactverzoekStatus.VERWERKT:
            entry[1] += done is not None and done <= deadline
        else:
            entry[2] += 1
    ContactverzoekDagTotaal.objects.filter(datum__gte=start, datum__lte=end).delete()
    insert_rows(
        ContactverzoekDagTotaal,
        [
            "datum",
            "week",
            "maand",
            "team_id",
            "product_id",
            "kanaal_id",
            "aantal",
            "op_tijd",
            "open",
        ],
        (
            (day, week_of(day), month_of(day), team, product, kanaal, *v)
            for (day, team, product, kanaal), v in totals.items()
        ),
    )


# --- calls --------------------------------------------------------------------------------------
def _rebuild_gesprekken(start: dt.date, end: dt.date) -> None:
    from loket.insights.models import Gesprek, GesprekDagTotaal
    from loket.insights.selectors import norm_parameter

    target = norm_parameter("serviceniveau", 30)
    short = _setting("LOKET_INSIGHTS_KORT_VERLATEN_SECONDEN", 5)
    lo, hi = day_bounds(start, end)
    totals: dict[tuple, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, 0, 0.0])
    for wachtrij, offered, answered, abandoned, ended in _raw_rows(
        Gesprek.objects.filter(aangeboden_op__gte=lo, aangeboden_op__lt=hi).values_list(
            "wachtrij", "aangeboden_op", "beantwoord_op", "verlaten_op", "beeindigd_op"
        )
    ):
        offered = _as_datetime(offered).astimezone(AMS)
        answered, abandoned, ended = (
            _as_datetime(answered),
            _as_datetime(abandoned),
            _as_datetime(ended),
        )
        e = totals[(offered.date(), offered.hour * 2 + offered.minute // 30, wachtrij)]
        e[0] += 1
        if answered is not None:
            wait = (answered - offered).total_seconds()
            e[1] += 1
            e[2] += wait <= target
            e[5] += max(0.0, wait)
            if ended is not None:
                e[6] += 1
                e[7] += max(0.0, (ended - answered).total_seconds())
        elif abandoned is not None:
            e[3] += 1
            e[4] += (abandoned - offered).total_seconds() <= short
    GesprekDagTotaal.objects.filter(datum__gte=start, datum__lte=end).delete()
    insert_rows(
        GesprekDagTotaal,
        [
            "datum",
            "week",
            "maand",
            "halfuur",
            "wachtrij",
            "aangeboden",
            "beantwoord",
            "binnen_norm",
            "verlaten",
            "kort_verlaten",
            "wachttijd_totaal",
            "afgehandeld",
            "afhandeltijd_totaal",
        ],
        (
            (day, week_of(day), month_of(day), slot, wachtrij, *v)
            for (day, slot, wachtrij), v in totals.items()
        ),
    )


REBUILD = {
    CONTACTEN: _rebuild_contacts,
    ZAKEN: _rebuild_zaken,
    VERZOEKEN: _rebuild_verzoeken,
    GESPREKKEN: _rebuild_gesprekken,
    KLANTREIZEN: _rebuild_klantreizen,
}


def _ranges(days: list[dt.date], max_gap: int = 3) -> list[tuple[dt.date, dt.date]]:
    """Group sorted days into ranges; days close together share one rebuild."""
    ranges: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if ranges and (day - ranges[-1][1]).days <= max_gap:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [(a, b) for a, b in ranges]


def mark_days(bron: str, days: Iterable[dt.date]) -> None:
    from loket.insights.models import VerouderdeDag

    VerouderdeDag.objects.bulk_create(
        [VerouderdeDag(bron=bron, datum=day) for day in set(days) if day is not None],
        ignore_conflicts=True,
    )


def mark_contact_day(moment: dt.datetime | None) -> None:
    """A contact on this day changes that day and the repeat counts of the days after it."""
    if moment is None:
        return
    day = local_date(moment)
    mark_days(CONTACTEN, [day + dt.timedelta(days=i) for i in range(repeat_window_days() + 1)])


@transaction.atomic
def rebuild_marked() -> int:
    """Rebuild every marked day; returns how many (source, day) pairs were rebuilt."""
    from loket.insights.models import VerouderdeDag

    marked = list(VerouderdeDag.objects.select_for_update().values_list("pk", "bron", "datum"))
    if not marked:
        return 0
    by_source: dict[str, list[dt.date]] = defaultdict(list)
    for _pk, bron, day in marked:
        by_source[bron].append(day)
    for bron, days in by_source.items():
        if bron in REBUILD:
            for a, b in _ranges(days):
                REBUILD[bron](a, b)
    VerouderdeDag.objects.filter(pk__in=[pk for pk, _b, _d in marked]).delete()
    return len(marked)


@transaction.atomic
def rebuild_all(*, bronnen: Iterable[str] = BRONNEN) -> dict[str, int]:
    """Rebuild the summaries of every day that has data (after bulk loads)."""

    from loket.insights.models import (
        ContactDagTotaal,
        ContactverzoekDagTotaal,
        Gesprek,
        GesprekDagTotaal,
        KlantreisDagTotaal,
        VerouderdeDag,
        ZaakDagTotaal,
    )

    spans = {
        CONTACTEN: (Klantcontact, "plaatsgevonden_op", ContactDagTotaal),
        ZAKEN: (Zaak, "einddatum", ZaakDagTotaal),
        VERZOEKEN: (Contactverzoek, "deadline", ContactverzoekDagTotaal),
        GESPREKKEN: (Gesprek, "aangeboden_op", GesprekDagTotaal),
        KLANTREIZEN: (Zaak, "einddatum", KlantreisDagTotaal),
    }
    counts = {}
    for bron in bronnen:
        model, field, summary = spans[bron]
        span = model.objects.aggregate(lo=Min(field), hi=Max(field))
        summary.objects.all().delete()
        if span["lo"] is None:
            counts[bron] = 0
            continue
        lo, hi = span["lo"], span["hi"]
        lo = local_date(lo) if isinstance(lo, dt.datetime) else lo
        hi = local_date(hi) if isinstance(hi, dt.datetime) else hi
        REBUILD[bron](lo, hi)
        VerouderdeDag.objects.filter(bron=bron).delete()
        counts[bron] = summary.objects.count()
    return counts
