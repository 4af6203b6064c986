"""Demo data for the counter: locations, appointments, the counter's history and today's queue.
Runs before selfservice's demo, so the seeded sequence is drawn in the order it was when both
were one app."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.utils import timezone

from loket.balie.models import (
    Afspraak,
    Locatie,
    TicketStatus,
    Wachtrijticket,
)
from loket.balie.selectors import tijdsloten

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


def build(builder, summary) -> dict:
    locaties = _locaties(builder)
    afspraken = _afspraken(builder, locaties[0])
    tickets = _wachtrij(builder, locaties[0])
    return {
        "balielocaties": len(locaties),
        "afspraken": afspraken,
        "wachtrijtickets": tickets,
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
