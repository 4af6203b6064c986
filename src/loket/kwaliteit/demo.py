"""The Zeventerpen demo's quality monitoring (issue 20): the sample and signals of the last two
full months drawn as the worker does, most of them reviewed by the KCC's teamleider on the
rubric with feedback, each agent with a skill of their own (so juistheid differs per month and
team, around the 90% norm), the rest left open in the queue; and one training scenario made
from a weak review. Deterministic (builder.rng); the reviews go through the services."""

from __future__ import annotations

import datetime as dt

from loket.accounts.models import User
from loket.kwaliteit.constants import JUISTHEID_CODE, BeoordelingStatus, Oordeel
from loket.kwaliteit.models import Beoordeling
from loket.kwaliteit.services import (
    KwaliteitError,
    beoordeling_record,
    maand_start,
    oefenscenario_create,
    rubriek_actief,
    steekproef_draw,
)

# At most this many reviews recorded per month (the rest stay open, as in a real queue).
PER_MAAND = 90
FEEDBACK_GOED = (
    "Helder antwoord, goed geregistreerd. Mooi dat je de inwoner op de website wees.",
    "Correct en vriendelijk afgehandeld; de contactreden klopt.",
    "Goed doorgevraagd naar de situatie voordat je antwoordde.",
)
FEEDBACK_MATIG = (
    "Het antwoord miste de kosten: noem ze altijd, ze staan in het kennisartikel.",
    "De termijn die je noemde klopt niet met het artikel; lees de korte versie nog eens na.",
    "Hier had een terugbelverzoek voor de vakafdeling gemoeten in plaats van een doorverwijzing.",
    "Vergeet het proactieve aanbod niet: het rijbewijs van deze inwoner verliep binnenkort.",
)


def _oordeel(rng, kans: float) -> int:
    r = rng.random()
    if r < kans:
        return Oordeel.VOLDOET
    return Oordeel.DEELS if r < kans + (1 - kans) / 2 else Oordeel.VOLDOET_NIET


def build(builder, summary) -> dict:
    rng = builder.rng
    reviewer = User.objects.filter(username="teamleider").first()
    if reviewer is None:
        return {}
    criteria = list(rubriek_actief().criteria.filter(actief=True).order_by("volgorde"))
    deze_maand = maand_start(builder.today)
    maanden = [maand_start(deze_maand - dt.timedelta(days=1))]
    maanden.insert(0, maand_start(maanden[0] - dt.timedelta(days=1)))
    vaardigheid: dict[int, float] = {}
    gemaakt = beoordeeld = 0
    zwak: list[tuple[int, int, Beoordeling]] = []
    for maand in maanden:
        gemaakt += steekproef_draw(maand=maand, per_kanaal=2)
        open_ = list(
            Beoordeling.objects.filter(maand=maand, status=BeoordelingStatus.OPEN)
            .exclude(medewerker=reviewer)
            .order_by("pk")
        )
        rng.shuffle(open_)
        # The older month is done; of the last one a fifth is still in the queue.
        klaar_deel = 1.0 if maand == maanden[0] else 0.8
        for beoordeling in open_[: min(PER_MAAND, round(len(open_) * klaar_deel))]:
            kans = vaardigheid.setdefault(beoordeling.medewerker_id, rng.uniform(0.78, 0.98))
            oordelen: dict = {}
            for criterium in criteria:
                if criterium.code != JUISTHEID_CODE and rng.random() < 0.15:
                    oordelen[criterium] = None  # n.v.t.
                else:
                    oordelen[criterium] = _oordeel(rng, kans)
            goed = all(o in (None, Oordeel.VOLDOET) for o in oordelen.values())
            feedback = rng.choice(FEEDBACK_GOED if goed else FEEDBACK_MATIG)
            klaar = beoordeling_record(
                beoordeling=beoordeling, reviewer=reviewer, oordelen=oordelen, feedback=feedback
            )
            beoordeeld += 1
            if klaar.score is not None:
                zwak.append((klaar.score, klaar.pk, klaar))
    counts = {
        "kwaliteit: in de wachtrij gezet": gemaakt,
        "kwaliteit: beoordeeld": beoordeeld,
    }
    # The weakest review whose contact was answered from an article becomes a scenario.
    for _score, _pk, beoordeling in sorted(zwak, key=lambda z: (z[0], z[1]))[:20]:
        try:
            oefenscenario_create(beoordeling=beoordeling, user=reviewer)
        except KwaliteitError:
            continue  # no article to train on
        counts["kwaliteit: oefenscenario uit een beoordeling"] = 1
        break
    return counts
