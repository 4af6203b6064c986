"""Demo data for proactive service: the default rules, a first daily scan, a few life events."""

from __future__ import annotations

import datetime as dt

from loket.messaging.models import BerichtKanaal, BerichtSoort
from loket.messaging.services import bericht_queue
from loket.parties.models import Partij
from loket.proactive.models import Regel, Signaal
from loket.proactive.services import (
    levensgebeurtenis_signal,
    signalen_compute,
    standaardregels_load,
)


def build(builder, summary) -> dict | None:

    standaardregels_load()
    if not Regel.objects.exists():
        return None
    scan = signalen_compute(datum=builder.today)

    # A few residents moved within Zeventerpen last week (the Flits verhuismelding normally
    # reports this); their follow-up offers are in the outbox.
    # Adults only, and as many signals as planned: a mover who already applied for one of the
    # offered products gets no offer, so the next candidate takes his place (the count must
    # not depend on the day the demo is built).
    rng = builder.rng
    ids = builder.person_partij_ids
    wanted = min(len(ids), max(3, builder.scale.persons // 400))
    cutoff = builder.today - dt.timedelta(days=366 * 18)
    adults = [pk for pk, born in zip(ids, builder.person_birthdates, strict=True) if born <= cutoff]
    candidates = rng.sample(adults, k=min(len(adults), wanted * 4))
    found = Partij.objects.in_bulk(candidates)
    movers = 0
    for offset, partij in enumerate(found[pk] for pk in candidates if pk in found):
        if movers >= wanted:
            break
        if levensgebeurtenis_signal(
            partij=partij,
            gebeurtenis="verhuizing",
            sleutel=f"demo-verhuizing-{partij.pk}",
            datum=builder.today - dt.timedelta(days=1 + offset % 7),
        ):
            movers += 1
    # One message with a mistyped address: the beheer page shows how a failure looks.
    if ids:
        bericht_queue(
            sleutel="demo:typfout",
            onderwerp="Bevestiging van uw afspraak",
            tekst="U heeft een afspraak gemaakt voor het ophalen van uw paspoort.",
            soort=BerichtSoort.BEVESTIGING,
            partij=Partij.objects.get(pk=ids[0]),
            kanaal=BerichtKanaal.EMAIL,
            adres="j.jansen@voorbeeld",
        )
    return {
        "proactieve_regels": Regel.objects.count(),
        "proactieve_signalen": Signaal.objects.count(),
        "proactief_scan_seconden": scan.seconden,
    }
