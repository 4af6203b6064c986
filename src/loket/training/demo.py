"""Demo training history for Zeventerpen: scored simulation sessions and kennistoetsen of the KCC
staff over the last half year, so the employee and team results have something to show.

Deterministic (builder.rng) and independent of the scale: a few hundred rows, well under a second.
Each employee has a skill; proactive offers are the team's weak spot and improve over time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random

from django.utils import timezone

from loket.contacts.constants import Afhandeling
from loket.knowledge.models import ArtikelVersie, Kennisartikel
from loket.training.constants import (
    TOETS_KORT,
    TOETS_MEERKEUZE,
    TOETS_PRINCIPES,
    ActieSoort,
    SessieStatus,
    Spreker,
    ToetsVraagSoort,
)
from loket.training.kennistoets import AFLEIDER_FEIT, artikel_infos, vragen_genereren
from loket.training.models import (
    Gespreksregel,
    Kennistoets,
    ToetsVraag,
    TrainingActie,
    TrainingSessie,
)
from loket.training.scenarios import principes_data, scenario_list
from loket.training.services import (
    artikel_kernen,
    artikel_producten,
    klantbeeld_resolve,
    oefenklant_get,
    scenario_namen,
    scenario_score,
)

SESSIES_PER_MEDEWERKER = 6
TOETSEN_PER_MEDEWERKER = 3
DAGEN = 180


def _moment(builder, rng: random.Random, dagen_geleden: int) -> dt.datetime:
    dag = builder.today - dt.timedelta(days=dagen_geleden)
    return timezone.make_aware(
        dt.datetime.combine(dag, dt.time(rng.randint(9, 16), rng.randint(0, 59)))
    )


def _acties(scenario, rng: random.Random, skill: float, proactief: float) -> list[dict]:
    goed = scenario.goed
    acties = [{"soort": ActieSoort.ZOEKEN, "gegevens": {"q": scenario.titel.lower()[:40]}}]
    artikel = goed.artikelen[0] if rng.random() < skill else "afvalkalender-ophaaldagen"
    antwoord: dict = {"artikel": artikel}
    # The customer's next line after a fitting answer (as sessie_actie records it).
    beurt = next((i for i, b in enumerate(scenario.beurten) if b.na in ("antwoord", "actie")), None)
    if artikel in goed.artikelen and beurt is not None:
        antwoord["beurt"] = beurt
    acties.append({"soort": ActieSoort.ANTWOORD, "gegevens": antwoord})
    if "beurt" in antwoord and rng.random() < skill:
        # A follow-up question answered from the same article.
        acties.append({"soort": ActieSoort.ANTWOORD, "gegevens": {"artikel": artikel}})
    if goed.kanaalsturing and rng.random() < skill:
        acties.append({"soort": ActieSoort.STURING, "gegevens": {"kanaal": goed.kanaalsturing[0]}})
    elif not goed.kanaalsturing and rng.random() > skill:
        acties.append({"soort": ActieSoort.STURING, "gegevens": {"kanaal": "website"}})
    if goed.proactief and rng.random() < proactief:
        acties.append({"soort": ActieSoort.AANBOD, "gegevens": {"product": goed.proactief[0]}})
    return acties


def _registratie(scenario, rng: random.Random, skill: float) -> dict:
    goed = scenario.goed
    afhandeling = goed.afhandeling[0]
    if rng.random() > skill:
        afhandeling = (
            Afhandeling.CONTACTVERZOEK
            if afhandeling != Afhandeling.CONTACTVERZOEK
            else Afhandeling.BEANTWOORD
        )
    return {
        "kanaal": scenario.kanaal,
        "inhoud": "",
        "vragen": [
            {
                "vraagtekst": scenario.opening[:200],
                "contactreden": list(goed.contactreden)
                if rng.random() < skill + 0.05
                else ["Overig", "Klacht"],
                "afhandeling": afhandeling,
                "product": goed.product if rng.random() < skill + 0.05 else "",
                "antwoord": "",
                "artikel": goed.artikelen[0],
                "versie": 1,
                "team": goed.team if afhandeling == Afhandeling.CONTACTVERZOEK else "",
                "gevraagde_handeling": "Terugbellen" if afhandeling == "contactverzoek" else "",
                "terugbelnummer": "",
                "email": "",
                "organisatie": goed.organisatie if afhandeling == "doorverwezen" else "",
            }
        ],
    }


def _moeilijkheid(vraag) -> float:
    """A stable difficulty per question (logit scale), a little higher for a question whose
    wrong options are other costs or terms of the same kind."""
    basis = int(hashlib.sha256(vraag.vraag.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return (basis * 2.4 - 1.6) + (0.4 if vraag.juist.get("afleiders") == AFLEIDER_FEIT else 0)


def _toets_antwoord(vraag, vaardigheid: float, rng: random.Random) -> tuple[bool, str]:
    """A simulated answer (a Rasch model): whoever does not know the answer of a multiple-choice
    question guesses among the options; a short answer is not guessed."""
    theta = (vaardigheid - 0.75) * 8
    kent = rng.random() < 1 / (1 + math.exp(-1.7 * (theta - _moeilijkheid(vraag))))
    if vraag.soort == ToetsVraagSoort.MEERKEUZE:
        index = vraag.juist["optie"]
        gekozen = index if kent else rng.randrange(len(vraag.opties))
        return gekozen == index, str(gekozen)
    if kent:
        return True, str(vraag.juist.get("getal") or vraag.juist["woorden"][0])
    return False, "0" if "getal" in vraag.juist else "weet ik niet"


def build(builder, summary) -> dict | None:
    staff = sorted(getattr(builder, "kcc_staff", []) or [])
    if not staff:
        return None
    rng = random.Random(builder.rng.random())
    scenarios = scenario_list()
    info = {s.slug: (artikel_producten(s), scenario_namen(s), artikel_kernen(s)) for s in scenarios}
    klanten = {s.klant: oefenklant_get(ref=s.klant) for s in scenarios}
    versies = list(
        ArtikelVersie.objects.filter(
            pk__in=Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).values(
                "gepubliceerde_versie"
            )
        )
        .select_related("artikel")
        .order_by("pk")
    )
    infos = artikel_infos(versies)
    sessies, details = [], []
    toetsen, toets_vragen = [], []
    for user_id in staff:
        skill = rng.uniform(0.55, 0.95)
        for _n in range(SESSIES_PER_MEDEWERKER):
            dagen = rng.randint(1, DAGEN)
            groei = (DAGEN - dagen) / DAGEN * 0.25  # people learn: later sessions go better
            scenario = rng.choice(scenarios)
            acties = _acties(scenario, rng, min(0.98, skill + groei), 0.1 + groei * 2)
            registratie = _registratie(scenario, rng, min(0.98, skill + groei))
            seconden = int(scenario.norm_seconden * rng.uniform(0.6, 1.8))
            producten, namen, kernen = info[scenario.slug]
            uitslag = scenario_score(
                scenario=scenario,
                acties=acties,
                registratie=registratie,
                seconden=seconden,
                artikel_producten=producten,
                namen=namen,
                kernen=kernen,
            )
            start = _moment(builder, rng, dagen)
            klant = klanten[scenario.klant]
            sessies.append(
                TrainingSessie(
                    medewerker_id=user_id,
                    scenario=scenario.slug,
                    scenario_titel=scenario.titel,
                    domein=scenario.domein,
                    kanaal=scenario.kanaal,
                    oefenklant=klant,
                    klantbeeld=klantbeeld_resolve(data=klant.gegevens, vandaag=start.date()),
                    status=SessieStatus.AFGEROND,
                    gestart_op=start,
                    afgerond_op=start + dt.timedelta(seconds=seconden),
                    registratie=registratie,
                    scores=uitslag.scores,
                    feedback=uitslag.feedback,
                    totaal=uitslag.totaal,
                    seconden=seconden,
                )
            )
            details.append((scenario, [*acties, {"soort": "registratie", "gegevens": registratie}]))
        for _ in range(TOETSEN_PER_MEDEWERKER):
            dagen = rng.randint(1, DAGEN)
            groei = (DAGEN - dagen) / DAGEN * 0.2
            vragen = vragen_genereren(
                versies=versies,
                principes=principes_data(),
                meerkeuze=TOETS_MEERKEUZE,
                kort=TOETS_KORT,
                principe=TOETS_PRINCIPES,
                rng=rng,
                infos=infos,
            )
            start = _moment(builder, rng, dagen)
            toets = Kennistoets(
                medewerker_id=user_id,
                gestart_op=start,
                afgerond_op=start + dt.timedelta(minutes=rng.randint(6, 20)),
                aantal_vragen=len(vragen),
            )
            regels = []
            for nummer, vraag in enumerate(vragen, start=1):
                juist, antwoord = _toets_antwoord(vraag, skill + groei, rng)
                regels.append(
                    ToetsVraag(
                        volgnummer=nummer,
                        soort=vraag.soort,
                        onderwerp=vraag.onderwerp[:80],
                        vraag=vraag.vraag,
                        opties=vraag.opties,
                        juist=vraag.juist,
                        uitleg=vraag.uitleg,
                        artikel=vraag.versie.artikel if vraag.versie else None,
                        versie=vraag.versie,
                        antwoord=antwoord,
                        is_goed=juist,
                    )
                )
            toets.aantal_goed = sum(1 for r in regels if r.is_goed)
            toetsen.append(toets)
            toets_vragen.append(regels)
    TrainingSessie.objects.bulk_create(sessies, batch_size=500)
    regels_rows, acties_rows = [], []
    for sessie, (scenario, acties) in zip(sessies, details, strict=True):
        regels_rows.append(
            Gespreksregel(
                sessie=sessie,
                volgnummer=1,
                spreker=Spreker.KLANT,
                tekst=scenario.opening,
                tijdstip=sessie.gestart_op,
            )
        )
        acties_rows += [
            TrainingActie(
                sessie=sessie,
                volgnummer=i,
                soort=actie["soort"],
                gegevens=actie["gegevens"],
                tijdstip=sessie.gestart_op + dt.timedelta(seconds=20 * i),
            )
            for i, actie in enumerate(acties, start=1)
        ]
    Gespreksregel.objects.bulk_create(regels_rows, batch_size=1000)
    TrainingActie.objects.bulk_create(acties_rows, batch_size=1000)
    Kennistoets.objects.bulk_create(toetsen, batch_size=500)
    rows = []
    for toets, regels in zip(toetsen, toets_vragen, strict=True):
        for regel in regels:
            regel.toets = toets
            rows.append(regel)
    ToetsVraag.objects.bulk_create(rows, batch_size=1000)
    return {"trainingsessies": len(sessies), "kennistoetsen": len(toetsen)}
