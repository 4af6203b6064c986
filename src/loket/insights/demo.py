"""Demo data for insight: persona tags, a year of telephone calls and their events, e-mail reply
times, contactverzoeken for the questions routed to the back office, satisfaction surveys,
product page visits; then the daily summaries. Deterministic (builder.rng); bulk inserts only.

Calls are derived from the telephone klantcontacten (each answered call is one contact; some
callers hang up in the queue first and call again), so the telephone KPIs and the contacts agree.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections import defaultdict
from pathlib import Path

from django.db import connection
from django.db.models import Case, F, When
from django.db.models.functions import Mod
from django.db.models.lookups import LessThan
from django.utils import timezone

from loket.accounts.models import Membership
from loket.cases.models import Zaak
from loket.contacts.constants import Afhandeling, ContactverzoekStatus
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.core.bulk import insert_rows
from loket.core.models import Kanaal
from loket.insights.benchmark import benchmark_import
from loket.insights.models import Gesprek, Paginabezoek, Tevredenheidsmeting
from loket.insights.services import TEVREDENHEID_KANALEN, samenvattingen_recompute
from loket.insights.summaries import AMS, _as_datetime, _raw_rows
from loket.messaging.models import Toestemming
from loket.parties.models import Partij

BATCH = 5000
BENCHMARK_DIR = Path(__file__).resolve().parent / "data" / "benchmark"
WACHTRIJEN = [("Algemeen", 70), ("Burgerzaken", 18), ("Belastingen", 7), ("Zorg en welzijn", 5)]


def build(builder, summary) -> dict | None:

    rng = builder.rng
    counts = {}
    timings = {}

    def timed(name, fn):
        started = time.perf_counter()
        result = fn()
        timings[name] = round(time.perf_counter() - started, 1)
        return result

    counts["persona-kenmerken"] = timed("kenmerken", lambda: _tags(builder))
    counts["telefoongesprekken"], counts["telefoniegebeurtenissen"] = timed(
        "telefonie", lambda: _calls(builder, rng)
    )
    timed("e-mail", _email_reply_times)
    counts["contactverzoeken (demo)"] = timed(
        "contactverzoeken", lambda: _contactverzoeken(builder, rng)
    )
    counts["tevredenheidsmetingen"], counts["paginabezoeken"] = timed(
        "metingen", lambda: _surveys_and_visits(builder, rng)
    )
    timed("dagtotalen", samenvattingen_recompute)
    counts["benchmark: maanden van buurgemeenten"] = timed(
        "benchmark", lambda: _benchmark_neighbours(builder.today)
    )
    counts["inzicht: seconden per onderdeel"] = timings
    return counts


def _benchmark_neighbours(today: dt.date) -> int:
    """Import the two fictitious neighbours' exports (data/benchmark/*.json). Their twelve months
    are moved onto the demo's last twelve full months, so the comparison fills at once."""
    laatste = today.replace(day=1) - dt.timedelta(days=1)
    n = 0
    for path in sorted(BENCHMARK_DIR.glob("*.json")):
        export = json.loads(path.read_text(encoding="utf-8"))
        maanden = sorted(export["maanden"], key=lambda m: m["maand"])
        maand = laatste.replace(day=1)
        for m in reversed(maanden):
            m["maand"] = f"{maand:%Y-%m}"
            maand = (maand - dt.timedelta(days=1)).replace(day=1)
        export["maanden"] = maanden
        export["periode"] = {"van": maanden[0]["maand"], "tot": maanden[-1]["maand"]}
        n += len(benchmark_import(data=json.dumps(export), bron=path.name))
    return n


def _insert_objects(model, objects: list) -> int:
    """Insert unsaved instances with multi-row statements (core.bulk.insert_rows): much faster
    than bulk_create for tens of thousands of rows."""

    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = []
    for obj in objects:
        row = []
        for f in fields:
            value = getattr(obj, f.attname)
            if value is None and (
                getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
            ):
                value = now
            row.append(value)
        rows.append(tuple(row))
    return insert_rows(model, [f.attname for f in fields], rows)


def _tags(builder) -> int:
    """Segment tags on parties, for the personas (starter, oudere/zorg, gezin, ondernemer)."""

    rng = builder.rng
    today = builder.today
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for pk, birth in zip(builder.person_partij_ids, builder.person_birthdates, strict=True):
        age = (today - birth).days / 365.25
        tags: list[str] = []
        if 20 <= age < 35 and rng.random() < 0.35:
            tags.append("starter")
        if 28 <= age < 48 and rng.random() < 0.4:
            tags.append("gezin")
        if age >= 75:
            tags.append("oudere")
            if rng.random() < 0.45:
                tags.append("zorg")
        if tags:
            groups[tuple(tags)].append(pk)
    groups[("ondernemer",)].extend(builder.company_partij_ids)
    tagged = 0
    for tags, ids in groups.items():
        for start in range(0, len(ids), BATCH):
            tagged += Partij.objects.filter(pk__in=ids[start : start + BATCH]).update(
                tags=list(tags)
            )
    return tagged


def _calls(builder, rng) -> tuple[int, int]:

    telefoon = builder.kanalen.get("telefoon")
    if telefoon is None:
        return 0, 0
    queues = [q for q, _ in WACHTRIJEN]
    weights = [w for _, w in WACHTRIJEN]
    rows = _raw_rows(
        Klantcontact.objects.filter(kanaal=telefoon)
        .order_by("pk")
        .values_list("pk", "plaatsgevonden_op", "duur")
    )
    columns = [
        "gesprek_id",
        "wachtrij",
        "aangeboden_op",
        "beantwoord_op",
        "verlaten_op",
        "beeindigd_op",
    ]
    pending: list[tuple] = []
    made = 0
    for pk, moment, duur in rows:
        moment = _as_datetime(moment)
        if isinstance(duur, int | float):  # SQLite stores durations as microseconds
            duur = dt.timedelta(microseconds=duur)
        local = moment.astimezone(AMS)
        # Busier on Monday and in the morning: longer waits.
        busy = 1.0 + (0.8 if local.weekday() == 0 else 0.0) + (0.7 if 9 <= local.hour < 11 else 0.0)
        wait = min(rng.expovariate(1 / (14 * busy)), 600)
        queue = rng.choices(queues, weights)[0]
        if rng.random() < 0.05 * busy:
            # A caller who hung up in the queue earlier and called again.
            offered = moment - dt.timedelta(minutes=rng.randint(5, 40), seconds=wait)
            patience = rng.expovariate(1 / 70) if rng.random() < 0.85 else rng.uniform(0, 5)
            abandoned = offered + dt.timedelta(seconds=patience)
            pending.append((f"demo-{pk}-v", queue, offered, None, abandoned, None))
        answered = moment
        ended = (
            answered
            + (duur or dt.timedelta(seconds=240))
            + dt.timedelta(seconds=rng.randint(20, 90))
        )
        pending.append(
            (f"demo-{pk}", queue, answered - dt.timedelta(seconds=wait), answered, None, ended)
        )
        if len(pending) >= BATCH:
            made += insert_rows(Gesprek, columns, pending)
            pending = []
    made += insert_rows(Gesprek, columns, pending)
    # The events the telephony platform would have posted, derived in the database.
    events = 0
    with connection.cursor() as cursor:
        for soort, column in (
            ("aangeboden", "aangeboden_op"),
            ("beantwoord", "beantwoord_op"),
            ("verlaten", "verlaten_op"),
            ("beeindigd", "beeindigd_op"),
        ):
            cursor.execute(
                "INSERT INTO insights_telefoniegebeurtenis (gesprek_id, soort, tijdstip, ontvangen_op) "
                f"SELECT id, %s, {column}, {column} FROM insights_gesprek WHERE {column} IS NOT NULL",
                [soort],
            )
            events += cursor.rowcount
    return made, events


def _email_reply_times() -> None:
    """Bulk-inserted contacts all got created_at = now; give e-mails a realistic reply moment
    (the KCC registers the contact when it answers): most within hours, some days later."""

    bucket = Mod("pk", 20)
    # Other contacts are registered while they take place.
    Klantcontact.objects.exclude(kanaal__soort="email").update(created_at=F("plaatsgevonden_op"))
    Klantcontact.objects.filter(kanaal__soort="email").update(
        created_at=Case(
            When(LessThan(bucket, 12), then=F("plaatsgevonden_op") + dt.timedelta(hours=3)),
            When(LessThan(bucket, 16), then=F("plaatsgevonden_op") + dt.timedelta(hours=26)),
            When(LessThan(bucket, 18), then=F("plaatsgevonden_op") + dt.timedelta(days=2, hours=2)),
            default=F("plaatsgevonden_op") + dt.timedelta(days=5),
        )
    )


def _contactverzoeken(builder, rng) -> int:
    """A contactverzoek for each question routed as 'contactverzoek': older ones handled (most
    before the deadline), the last few days' still open."""

    team_for_product: dict[int | None, int] = {}
    for zaaktype in builder.zaaktypen.values():
        if zaaktype.product_id and zaaktype.team_id:
            team_for_product[zaaktype.product_id] = zaaktype.team_id
    kcc = builder.teams.get("kcc") or next(iter(builder.teams.values()))
    calendar = builder.calendar
    now = getattr(builder, "now", None) or dt.datetime.combine(
        builder.today, dt.time(12), tzinfo=AMS
    )
    # The five most recent stay open whatever the dice say: a work queue is never empty on
    # the day the demo is built (a quiet week or a weekend would otherwise leave none).
    recent = list(
        Vraag.objects.filter(afhandeling=Afhandeling.CONTACTVERZOEK)
        .order_by("-klantcontact__plaatsgevonden_op")
        .values_list("klantcontact__plaatsgevonden_op", flat=True)[:5]
    )
    open_from = recent[-1] if recent else now
    pending: list[Contactverzoek] = []
    made = 0
    deadline_cache: dict[dt.datetime, dt.datetime] = {}
    for vraag_id, kc_id, partij_id, product_id, moment in _raw_rows(
        Vraag.objects.filter(afhandeling=Afhandeling.CONTACTVERZOEK)
        .order_by("pk")
        .values_list(
            "pk",
            "klantcontact_id",
            "klantcontact__partij_id",
            "product_id",
            "klantcontact__plaatsgevonden_op",
        )
    ):
        moment = _as_datetime(moment)
        hour_key = moment.replace(minute=0, second=0, microsecond=0)
        if hour_key not in deadline_cache:
            deadline_cache[hour_key] = calendar.add_working_hours(hour_key, 16)
        deadline = deadline_cache[hour_key]
        done = None
        status = ContactverzoekStatus.TE_VERWERKEN
        if moment < open_from and (deadline < now - dt.timedelta(days=2) or rng.random() < 0.5):
            status = ContactverzoekStatus.VERWERKT
            late = rng.random() < 0.12
            hours = rng.uniform(1, 30) if late else rng.uniform(0.5, 14)
            done = (
                min(calendar.add_working_hours(moment, hours), now)
                if not late
                else deadline + dt.timedelta(hours=hours)
            )
            done = min(done, now)
            if done < moment:
                done = moment
        pending.append(
            Contactverzoek(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                klantcontact_id=kc_id,
                vraag_id=vraag_id,
                partij_id=partij_id,
                team_id=team_for_product.get(product_id, kcc.pk),
                gevraagde_handeling="Klant terugbellen over de vraag.",
                deadline=deadline,
                status=status,
                afgehandeld_op=done,
                resultaat="Teruggebeld en uitgelegd." if done else "",
                # Created with the contact that asked for it, not at the moment of the build.
                created_at=moment,
            )
        )
        if len(pending) >= BATCH:
            made += _insert_objects(Contactverzoek, pending)
            pending = []
    if pending:
        made += _insert_objects(Contactverzoek, pending)
    return made


# What citizens write in the survey's open question, per channel (the demo's open answers).
OPEN_ANTWOORDEN = {
    "goed": {
        "telefoon": [
            "Vriendelijk en snel geholpen aan de telefoon.",
            "Duidelijke uitleg, ik wist meteen wat ik moest meenemen.",
            "Kort gewacht en direct het goede antwoord.",
        ],
        "chat": [
            "Fijn dat dit via de chat kon, binnen een paar minuten geregeld.",
            "De medewerker in de chat stuurde meteen de juiste link.",
        ],
        "e-mail": [
            "Binnen twee dagen een helder antwoord per e-mail.",
            "Netjes beantwoord, met een link naar het formulier.",
        ],
        "balie": [
            "Aan de balie snel geholpen, de afspraak liep op tijd.",
            "Vriendelijke baliemedewerker, alles in één keer geregeld.",
        ],
        "zaak": [
            "De aanvraag was sneller klaar dan beloofd.",
            "Goed op de hoogte gehouden van de status.",
        ],
    },
    "slecht": {
        "telefoon": [
            "Lange wachttijd aan de telefoon, bijna twintig minuten.",
            "Ik werd doorverbonden en moest mijn verhaal opnieuw doen.",
            "Het antwoord klopte niet, ik moest later opnieuw bellen.",
        ],
        "chat": [
            "De chat begreep mijn vraag niet en verwees naar de website.",
            "Lang gewacht in de chat voordat er een medewerker kwam.",
        ],
        "e-mail": [
            "Pas na een week antwoord op mijn e-mail.",
            "Het antwoord ging niet over mijn vraag.",
        ],
        "balie": [
            "Lange wachttijd aan de balie ondanks mijn afspraak.",
            "Ik moest terugkomen omdat een document ontbrak; dat had men vooraf kunnen zeggen.",
        ],
        "zaak": [
            "De afhandeling duurde veel langer dan de termijn.",
            "Ik hoorde weken niets over mijn aanvraag.",
        ],
    },
}


def _surveys_and_visits(builder, rng) -> tuple[int, int]:
    """Surveys after ~3% of staffed contacts on telefoon, chat, e-mail and balie (one per person)
    and ~3% of finished zaken (60% answer; CES where a product was involved; about a third with
    an open answer), and product
    page visits: some followed by a contact within a day (information that did not work)."""

    span = Klantcontact.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample = sorted({rng.randint(1, span) for _ in range(max(50, span // 30))}) if span else []
    team_of = {}
    for user_id, team_id in Membership.objects.order_by("-pk").values_list("user_id", "team_id"):
        team_of[user_id] = team_id
    contacts = {}
    for start in range(0, len(sample), 900):
        for pk, kanaal, mdw, partij, moment in Klantcontact.objects.filter(
            pk__in=sample[start : start + 900]
        ).values_list("pk", "kanaal_id", "medewerker_id", "partij_id", "plaatsgevonden_op"):
            contacts[pk] = (kanaal, mdw, partij, moment)
    products = {}
    for start in range(0, len(sample), 900):
        for kc, product in (
            Vraag.objects.filter(klantcontact_id__in=sample[start : start + 900])
            .order_by("-pk")
            .values_list("klantcontact_id", "product_id")
        ):
            products[kc] = product

    def score() -> int:
        return rng.choices([1, 2, 3, 4, 5], [4, 5, 11, 38, 42])[0]

    def moeite(csat: int) -> int:
        # Effort follows satisfaction, with spread: a 5 is mostly "easy" (6-7).
        return max(1, min(7, round(csat * 1.4 + rng.choice([-1, -1, 0, 0, 0, 1]))))

    def opmerking(csat: int, kanaal_code: str) -> str:
        # About one in three answers says something in words (what citizens write in practice).
        if rng.random() > 0.35:
            return ""
        return rng.choice(OPEN_ANTWOORDEN["goed" if csat >= 4 else "slecht"][kanaal_code])

    kanaal_codes = dict(Kanaal.objects.values_list("pk", "code"))

    def nps() -> int | None:
        if rng.random() < 0.2:
            return None
        return rng.choices(range(11), [1, 1, 1, 2, 2, 4, 6, 14, 22, 24, 23])[0]

    metingen, bezoeken = [], []
    gevraagd: set[int | None] = {None}  # anonymous contacts are never invited
    for pk in sample:
        if pk not in contacts:
            continue
        kanaal, mdw, partij, moment = contacts[pk]
        product = products.get(pk)
        code = kanaal_codes.get(kanaal, "")
        if mdw is not None and code in TEVREDENHEID_KANALEN and partij not in gevraagd:
            # One survey per person in the demo's span (the period between invitations).
            gevraagd.add(partij)
            answered = rng.random() < 0.6
            csat = score() if answered else None
            metingen.append(
                Tevredenheidsmeting(
                    token=uuid.UUID(int=rng.getrandbits(128)).hex,
                    klantcontact_id=pk,
                    partij_id=partij,
                    kanaal_id=kanaal,
                    product_id=product,
                    team_id=team_of.get(mdw),
                    uitgenodigd_op=moment,
                    ces_gevraagd=product is not None,
                    score=csat,
                    moeite=moeite(csat) if csat and product is not None else None,
                    opmerking=opmerking(csat, code) if csat else "",
                    beantwoord_op=moment + dt.timedelta(hours=rng.randint(1, 72))
                    if answered
                    else None,
                )
            )
        if partij and product and rng.random() < 0.25:
            # The customer read the product page before contacting us.
            bezoeken.append(
                Paginabezoek(
                    product_id=product,
                    partij_id=partij,
                    sessie=uuid.UUID(int=rng.getrandbits(128)).hex[:32],
                    bezocht_op=moment - dt.timedelta(minutes=rng.randint(10, 20 * 60)),
                )
            )
        if product and rng.random() < 0.8:
            # Visits not followed by a contact (most visitors find what they need).
            for _ in range(rng.randint(1, 4)):
                bezoeken.append(
                    Paginabezoek(
                        product_id=product,
                        partij_id=rng.choice(builder.person_partij_ids)
                        if rng.random() < 0.3
                        else None,
                        sessie=uuid.UUID(int=rng.getrandbits(128)).hex[:32],
                        bezocht_op=moment
                        - dt.timedelta(days=rng.randint(2, 30), minutes=rng.randint(0, 1440)),
                    )
                )
    zaken = list(
        Zaak.objects.filter(einddatum__isnull=False)
        .order_by("pk")
        .values_list("pk", "zaaktype__product_id", "team_id", "einddatum")[::33]
    )
    for pk, product, team, eind in zaken:
        answered = rng.random() < 0.6
        moment = dt.datetime.combine(eind, dt.time(10), tzinfo=AMS)
        csat = score() if answered else None
        metingen.append(
            Tevredenheidsmeting(
                token=uuid.UUID(int=rng.getrandbits(128)).hex,
                zaak_id=pk,
                product_id=product,
                team_id=team,
                uitgenodigd_op=moment,
                ces_gevraagd=True,
                score=csat,
                moeite=moeite(csat) if csat else None,
                opmerking=opmerking(csat, "zaak") if csat else "",
                aanbeveling=nps() if answered else None,
                beantwoord_op=moment + dt.timedelta(hours=rng.randint(2, 96)) if answered else None,
            )
        )
    _insert_objects(Tevredenheidsmeting, metingen)
    # Whoever the demo invited had agreed to the survey (messaging.Toestemming.tevredenheid).
    Toestemming.objects.bulk_create(
        [Toestemming(partij_id=p, tevredenheid=True) for p in sorted(gevraagd - {None})],
        batch_size=900,
        update_conflicts=True,
        unique_fields=["partij"],
        update_fields=["tevredenheid"],
    )
    _insert_objects(Paginabezoek, bezoeken)
    return len(metingen), len(bezoeken)
