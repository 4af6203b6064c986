"""Demo data for self-service: the standard forms, counter locations, appointments, the counter's
history and today's queue, and submissions behind the history's web contacts (the scale's
contact count stays exact: no extra klantcontacten are made here)."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.db.models import F
from django.utils import timezone

from loket.contacts.constants import Afhandeling
from loket.contacts.models import Vraag
from loket.selfservice.models import (
    Afspraak,
    Inzending,
    InzendingStatus,
    Locatie,
    Route,
    TicketStatus,
    Wachtrijticket,
)
from loket.selfservice.services import formulieren_standaard_laden

BATCH = 2000
# Products handled at the counter (by appointment) in Zeventerpen.
BALIE_PRODUCTEN = [
    "paspoort",
    "identiteitskaart",
    "rijbewijs",
    "verhuismelding",
    "brp-uittreksel",
    "huwelijk",
    "geboorteaangifte",
    "overlijdensaangifte",
]
HISTORIC_PER_SCALE = {600: 150, 8_000: 1_500, 100_000: 8_000}


def build(builder, summary) -> dict:
    team = builder.teams.get("burgerzaken")
    formulieren = formulieren_standaard_laden(team=team)
    locaties = _locaties(builder)
    afspraken = _afspraken(builder, locaties[0])
    tickets = _wachtrij(builder, locaties[0])
    historisch = _historie(builder, formulieren)
    return {
        "formulieren": len(formulieren),
        "balielocaties": len(locaties),
        "afspraken": afspraken,
        "wachtrijtickets": tickets,
        "inzendingen": historisch,
    }


def _locaties(builder) -> list[Locatie]:
    producten = [builder.products[n] for n in BALIE_PRODUCTEN if n in builder.products]
    stadhuis = Locatie.objects.create(
        slug="stadhuis",
        naam="Stadhuis Zeventerpen",
        adres="Markt 1, 8431 AA Zeventerpen",
        openingstijden={
            "0": ["08:30", "17:00"],
            "1": ["08:30", "17:00"],
            "2": ["08:30", "17:00"],
            "3": ["08:30", "20:00"],
            "4": ["08:30", "12:30"],
        },
        slotduur_minuten=15,
        balies_voor_afspraken=3,
        open_balies=2,
        gemiddelde_behandelduur_minuten=8,
    )
    servicepunt = Locatie.objects.create(
        slug="servicepunt-oost",
        naam="Servicepunt Oosterterp",
        adres="Dorpsstraat 12, Oosterterp",
        openingstijden={"1": ["09:00", "12:00"], "3": ["13:00", "16:00"]},
        slotduur_minuten=20,
        balies_voor_afspraken=1,
        open_balies=1,
        gemiddelde_behandelduur_minuten=10,
    )
    stadhuis.producten.set(producten)
    servicepunt.producten.set(producten[:4])
    return [stadhuis, servicepunt]


def _afspraken(builder, locatie: Locatie) -> int:
    """Booked slots over the coming two weeks: about half the capacity."""
    from loket.selfservice.selectors import tijdsloten

    rng = builder.rng
    producten = list(locatie.producten.all())
    partij_ids = builder.person_partij_ids
    rows = []
    now = timezone.now()
    for offset in range(1, 15):
        day = builder.today + dt.timedelta(days=offset)
        for slot in tijdsloten(locatie=locatie, datum=day, now=now):
            for _ in range(locatie.balies_voor_afspraken):
                if rng.random() < 0.5:
                    rows.append(
                        Afspraak(
                            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                            locatie=locatie,
                            product=rng.choice(producten),
                            start=slot.start,
                            eind=slot.eind,
                            partij_id=rng.choice(partij_ids) if partij_ids else None,
                            naam="Demo-inwoner",
                            email="afspraak@voorbeeld.example",
                            token=secrets.token_urlsafe(24),
                            idempotency_key=f"demo:{uuid.UUID(int=rng.getrandbits(128))}",
                        )
                    )
    Afspraak.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


HISTORY_DAYS = 90
VISITORS_PER_DAY = 30


def _wachtrij(builder, locatie: Locatie) -> int:
    """The counter's last 90 working days (for the insight layer: helped within 15 minutes?)
    and today's queue at the town hall: helped visitors and a queue long enough to signal."""
    rng = builder.rng
    now = timezone.now()
    producten = list(locatie.producten.all())
    rows = []
    tz = timezone.get_current_timezone()
    for offset in range(HISTORY_DAYS, 0, -1):
        day = builder.today - dt.timedelta(days=offset)
        if not builder.calendar.is_working_day(day):
            continue
        opening = dt.datetime.combine(day, dt.time(8, 30), tzinfo=tz)
        for n in range(1, VISITORS_PER_DAY + rng.randint(-8, 8)):
            arrived = opening + dt.timedelta(minutes=rng.randint(0, 7 * 60))
            # Mostly within the guarantee; busy mornings now and then are not.
            wait = rng.choices([rng.randint(0, 14), rng.randint(15, 40)], [85, 15])[0]
            called = arrived + dt.timedelta(minutes=wait)
            rows.append(
                Wachtrijticket(
                    locatie=locatie,
                    datum=day,
                    volgnummer=n,
                    product=rng.choice(producten),
                    token=secrets.token_urlsafe(16),
                    status=TicketStatus.AFGEHANDELD,
                    aangekomen_op=arrived,
                    opgeroepen_op=called,
                    afgehandeld_op=called + dt.timedelta(minutes=rng.randint(4, 14)),
                    balie=rng.randint(1, 2),
                )
            )
    for n in range(1, 19):
        helped = n <= 12
        arrived = now - dt.timedelta(minutes=(19 - n) * 6 + rng.randint(0, 3))
        opgeroepen = arrived + dt.timedelta(minutes=rng.randint(2, 9)) if helped else None
        rows.append(
            Wachtrijticket(
                locatie=locatie,
                datum=timezone.localdate(),
                volgnummer=n,
                product=rng.choice(producten),
                token=secrets.token_urlsafe(16),
                status=TicketStatus.AFGEHANDELD if helped else TicketStatus.WACHTEND,
                aangekomen_op=arrived,
                opgeroepen_op=opgeroepen,
                afgehandeld_op=opgeroepen + dt.timedelta(minutes=rng.randint(5, 12))
                if opgeroepen
                else None,
                balie=rng.randint(1, 2) if helped else None,
            )
        )
    Wachtrijticket.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _historie(builder, formulieren) -> int:
    """Submissions behind the history's web contacts about the forms' products (light)."""
    if not formulieren:
        return 0
    per_product = {f.product_id: f for f in formulieren}
    limit = HISTORIC_PER_SCALE.get(builder.scale.persons, 1_500)
    vragen = list(
        Vraag.objects.filter(
            klantcontact__kanaal__code="website",
            klantcontact__partij__isnull=False,
            product_id__in=list(per_product),
            afhandeling__in=[Afhandeling.ZELFSTANDIG, Afhandeling.ZAAK],
        )
        .order_by("klantcontact_id")
        .values_list(
            "klantcontact_id",
            "product_id",
            "afhandeling",
            F("klantcontact__partij_id"),
            F("klantcontact__plaatsgevonden_op"),
        )[:limit]
    )
    from loket.cases.models import Zaak

    zaak_van = dict(
        Zaak.objects.filter(klantcontact_id__in=[v[0] for v in vragen]).values_list(
            "klantcontact_id", "pk"
        )
    )
    rows = []
    rng = builder.rng
    seen: set[int] = set()
    for contact_id, product_id, afhandeling, partij_id, op in vragen:
        if contact_id in seen:
            continue
        seen.add(contact_id)
        formulier = per_product[product_id]
        flits = bool(formulier.automatisering) and afhandeling == Afhandeling.ZELFSTANDIG
        rows.append(
            Inzending(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                formulier=formulier,
                partij_id=partij_id,
                idempotency_key=f"demo:{contact_id}",
                gegevens={"demo": True},
                status=InzendingStatus.AFGEHANDELD if flits else InzendingStatus.IN_BEHANDELING,
                route=Route.FLITS if flits else Route.BACKOFFICE,
                klantcontact_id=contact_id,
                zaak_id=zaak_van.get(contact_id),
                ingediend_op=op,
                afgehandeld_op=op + dt.timedelta(seconds=rng.randint(1, 20)) if flits else None,
                verwerkpogingen=1,
            )
        )
    Inzending.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
