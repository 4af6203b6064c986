"""Registration and scoring of a training session, and closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.catalogue.models import Organisatie, Product
from loket.contacts.constants import Afhandeling
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.knowledge.models import Kennisartikel
from loket.training.constants import (
    MAX_PUNTEN,
    ActieSoort,
    Criterium,
    SessieStatus,
)
from loket.training.models import (
    TrainingActie,
    TrainingSessie,
)
from loket.training.scenarios import Scenario, scenario_get
from loket.training.services.sessie import _lock_open, _next_actie

# --- registration and scoring --------------------------------------------------------------


@dataclass
class VraagRegistratie:
    """One question as registered in the sandbox: the fields of the real registration form."""

    vraagtekst: str
    contactreden: tuple[str, str]  # (hoofdreden, subreden) names
    afhandeling: str
    product: str = ""  # UPL name
    antwoord: str = ""
    artikel: str = ""  # slug of the version given
    versie: int | None = None
    team: str = ""
    gevraagde_handeling: str = ""
    terugbelnummer: str = ""
    email: str = ""
    organisatie: str = ""


@dataclass
class Registratie:
    kanaal: str
    vragen: list[VraagRegistratie] = field(default_factory=list)
    inhoud: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def registratie_check(registratie: Registratie) -> None:
    """The rules of the real registration, checked on the sandbox registration."""
    if not registratie.vragen:
        raise DomainError("Registreer minstens één vraag van de klant.", field="vragen")
    for index, vraag in enumerate(registratie.vragen):
        where = f"vragen.{index}."
        if not vraag.vraagtekst.strip():
            raise DomainError("Vul de vraag van de klant in.", field=where + "vraagtekst")
        if vraag.afhandeling not in Afhandeling.values:
            raise DomainError("Kies een afhandeling.", field=where + "afhandeling")
        if vraag.afhandeling == Afhandeling.CONTACTVERZOEK:
            if not vraag.team:
                raise DomainError(
                    "Kies het team dat het contactverzoek oppakt.", field=where + "team"
                )
            if not vraag.gevraagde_handeling.strip():
                raise DomainError(
                    "Beschrijf wat de backoffice moet doen.", field=where + "gevraagde_handeling"
                )
        if vraag.afhandeling == Afhandeling.DOORVERWEZEN and not vraag.organisatie:
            raise DomainError(
                "Kies de organisatie waarnaar u doorverwijst.", field=where + "doorverwezen_naar"
            )


@dataclass
class Beoordeling:
    scores: dict[str, int]
    feedback: list[dict]

    @property
    def totaal(self) -> int:
        return sum(self.scores.values())


def _labels(codes: Iterable[str], namen: dict[str, str]) -> str:
    return ", ".join(namen.get(c, c) for c in codes) or "—"


def _main_vraag(scenario: Scenario, vragen: list[dict], producten: set[str]) -> dict:
    for vraag in vragen:
        if vraag.get("artikel") in scenario.goed.artikelen:
            return vraag
    for vraag in vragen:
        if vraag.get("product") in producten:
            return vraag
    return vragen[0]


def scenario_score(
    *,
    scenario: Scenario,
    acties: list[dict],
    registratie: dict,
    seconden: int,
    artikel_producten: set[str] | frozenset[str] = frozenset(),
    namen: dict[str, str] | None = None,
) -> Beoordeling:
    """Score one handled scenario on the six criteria and explain each score.

    `acties` are {"soort", "gegevens"} dicts in order; `registratie` is Registratie.as_dict();
    `artikel_producten` the UPL names linked to the scenario's good articles (a product that
    fits the question); `namen` gives labels for codes (channels, products, teams, organisations).
    """
    namen = namen or {}
    goed = scenario.goed
    scores: dict[str, int] = {}
    feedback: list[dict] = []

    def geef(criterium: str, punten: int, tekst: str) -> None:
        scores[criterium] = max(0, min(punten, MAX_PUNTEN[criterium]))
        feedback.append(
            {
                "criterium": criterium,
                "label": str(Criterium(criterium).label),
                "punten": scores[criterium],
                "max": MAX_PUNTEN[criterium],
                "goed": scores[criterium] == MAX_PUNTEN[criterium],
                "tekst": tekst,
            }
        )

    def soort(s: str) -> list[dict]:
        return [a["gegevens"] for a in acties if a["soort"] == s]

    vragen = registratie.get("vragen") or []
    hoofd = _main_vraag(scenario, vragen, {goed.product, *artikel_producten}) if vragen else {}

    # 1. The answer: the article given to the customer (or linked in the registration).
    gegeven = [a["artikel"] for a in soort(ActieSoort.ANTWOORD)]
    if not gegeven:
        gegeven = [v["artikel"] for v in vragen if v.get("artikel")]
    juiste = [a for a in gegeven if a in goed.artikelen]
    goed_artikel = _labels(goed.artikelen[:1], namen)
    if juiste and len(juiste) == len(gegeven):
        geef(Criterium.ANTWOORD, 30, f"Goed: u gaf het juiste antwoord ({goed_artikel}).")
    elif juiste:
        geef(
            Criterium.ANTWOORD,
            20,
            f"U gaf eerst een antwoord dat niet bij de vraag past ({_labels(gegeven[:1], namen)}) "
            f"en daarna het juiste ({goed_artikel}). Zoek eerst goed; één juist antwoord "
            "voorkomt verwarring.",
        )
    elif gegeven:
        geef(
            Criterium.ANTWOORD,
            0,
            f"Het antwoord ({_labels(gegeven, namen)}) past niet bij de vraag. Het juiste "
            f"kennisartikel is: {goed_artikel}.",
        )
    else:
        geef(
            Criterium.ANTWOORD,
            0,
            f"U gaf geen antwoord uit de kennisbank. Het juiste kennisartikel is: {goed_artikel}.",
        )

    # 2. Channel steering.
    gestuurd = [s["kanaal"] for s in soort(ActieSoort.STURING)]
    if goed.kanaalsturing:
        beste = _labels(goed.kanaalsturing, namen)
        if any(k in goed.kanaalsturing for k in gestuurd):
            geef(Criterium.KANAALSTURING, 15, f"Goed: u wees de klant op {beste}.")
        elif gestuurd:
            geef(
                Criterium.KANAALSTURING,
                0,
                f"U verwees naar {_labels(gestuurd, namen)}; voor deze vraag en klant past "
                f"{beste} beter.",
            )
        else:
            geef(
                Criterium.KANAALSTURING,
                0,
                f"U stuurde de klant niet naar een ander kanaal. Deze vraag regelt de klant de "
                f"volgende keer zelf via {beste}: zeg dat.",
            )
    elif gestuurd:
        geef(
            Criterium.KANAALSTURING,
            0,
            f"U verwees naar {_labels(gestuurd, namen)}, maar hier past geen kanaalsturing: "
            "help deze klant op het kanaal waar hij of zij nu is.",
        )
    else:
        geef(
            Criterium.KANAALSTURING,
            15,
            "Goed: u hielp de klant op dit kanaal en stuurde niet onnodig door.",
        )

    # 3. Proactivity.
    aangeboden = [s["product"] for s in soort(ActieSoort.AANBOD)]
    if goed.proactief:
        past = _labels(goed.proactief, namen)
        if any(p in goed.proactief for p in aangeboden):
            geef(Criterium.PROACTIEF, 15, f"Goed: u deed een passend aanbod ({past}).")
        elif aangeboden:
            geef(
                Criterium.PROACTIEF,
                0,
                f"Uw aanbod ({_labels(aangeboden, namen)}) past niet bij deze klant; kijk in "
                f"het klantbeeld. Wat past: {past}.",
            )
        else:
            geef(
                Criterium.PROACTIEF,
                0,
                f"U deed geen proactief aanbod. Het klantbeeld of de levensgebeurtenis vroeg "
                f"erom: {past}.",
            )
    elif aangeboden:
        geef(
            Criterium.PROACTIEF,
            0,
            f"U bood {_labels(aangeboden, namen)} aan, maar hier past geen aanbod.",
        )
    else:
        geef(Criterium.PROACTIEF, 15, "Goed: hier paste geen aanbod en u deed er ook geen.")

    # 4. Handling and handoff.
    verwacht = goed.afhandeling[0]
    verwacht_label = str(Afhandeling(verwacht).label)
    onnodig = [
        v
        for v in vragen
        if v.get("afhandeling") == Afhandeling.CONTACTVERZOEK
        and Afhandeling.CONTACTVERZOEK not in goed.afhandeling
    ]
    afhandeling = hoofd.get("afhandeling", "")
    if not vragen:
        geef(Criterium.OVERDRACHT, 0, "Er is geen afhandeling geregistreerd.")
    elif onnodig:
        geef(
            Criterium.OVERDRACHT,
            0,
            f"Onnodig contactverzoek: deze vraag handelt de frontoffice zelf af "
            f"({verwacht_label}). Een contactverzoek laat de klant wachten en geeft de "
            "backoffice extra werk.",
        )
    elif afhandeling not in goed.afhandeling:
        label = Afhandeling(afhandeling).label if afhandeling in Afhandeling.values else "—"
        geef(
            Criterium.OVERDRACHT,
            0,
            f"U registreerde ‘{label}’; de juiste afhandeling is ‘{verwacht_label}’.",
        )
    elif afhandeling == Afhandeling.CONTACTVERZOEK and hoofd.get("team") != goed.team:
        geef(
            Criterium.OVERDRACHT,
            12,
            f"Een contactverzoek klopt, maar het hoort bij team "
            f"{namen.get(goed.team, goed.team)}, niet bij "
            f"{namen.get(hoofd.get('team', ''), hoofd.get('team') or '—')}.",
        )
    elif afhandeling == Afhandeling.DOORVERWEZEN and hoofd.get("organisatie") != goed.organisatie:
        geef(
            Criterium.OVERDRACHT,
            12,
            f"Doorverwijzen klopt, maar naar {namen.get(goed.organisatie, goed.organisatie)}, "
            f"niet naar {namen.get(hoofd.get('organisatie', ''), hoofd.get('organisatie') or '—')}.",
        )
    else:
        geef(Criterium.OVERDRACHT, 20, f"Goed: juiste afhandeling ({verwacht_label}).")

    # 5. Registration: reason, product, question, article, channel.
    if not vragen:
        geef(Criterium.REGISTRATIE, 0, "Het contact is niet geregistreerd.")
    else:
        punten, missen = 0, []
        if tuple(hoofd.get("contactreden") or ()) == tuple(goed.contactreden):
            punten += 4
        else:
            missen.append(f"contactreden ‘{' › '.join(goed.contactreden)}’")
        if hoofd.get("product") in {goed.product, *artikel_producten}:
            punten += 3
        else:
            missen.append(f"product ‘{namen.get(goed.product, goed.product)}’")
        if (hoofd.get("vraagtekst") or "").strip():
            punten += 1
        else:
            missen.append("de vraag in de woorden van de klant")
        if hoofd.get("artikel"):
            punten += 1
        else:
            missen.append("het gegeven kennisartikel (‘Gebruik dit antwoord’)")
        if registratie.get("kanaal") == scenario.kanaal:
            punten += 1
        else:
            missen.append(f"kanaal ‘{namen.get(scenario.kanaal, scenario.kanaal)}’")
        tekst = (
            "Goed: het contact is volledig en juist geregistreerd."
            if not missen
            else "Registreer ook goed: " + "; ".join(missen) + "."
        )
        geef(Criterium.REGISTRATIE, punten, tekst)

    # 6. Time: full points within the norm, none at three times the norm.
    norm = max(scenario.norm_seconden, 1)
    if seconden <= norm:
        geef(Criterium.TIJD, 10, f"Binnen de norm van {norm // 60}:{norm % 60:02d} minuten.")
    else:
        over = min(1.0, (seconden - norm) / (2 * norm))
        geef(
            Criterium.TIJD,
            round(10 * (1 - over)),
            f"U deed er {seconden // 60}:{seconden % 60:02d} minuten over; de norm is "
            f"{norm // 60}:{norm % 60:02d}.",
        )
    return Beoordeling(scores=scores, feedback=feedback)


def scenario_namen(scenario: Scenario) -> dict[str, str]:
    """Display names for the codes a scenario's feedback mentions."""

    goed = scenario.goed
    namen: dict[str, str] = {}
    namen.update(dict(Kanaal.objects.values_list("code", "naam")))
    for product in Product.objects.filter(upl_naam__in=[goed.product, *goed.proactief]):
        namen[product.upl_naam] = product.naam
    namen.update(dict(Team.objects.values_list("slug", "name")))
    namen.update(dict(Organisatie.objects.values_list("slug", "naam")))
    namen.update(
        dict(Kennisartikel.objects.filter(slug__in=goed.artikelen).values_list("slug", "vraag"))
    )
    return namen


def artikel_producten(scenario: Scenario) -> set[str]:
    return set(
        Product.objects.filter(kennisartikelen__slug__in=scenario.goed.artikelen).values_list(
            "upl_naam", flat=True
        )
    )


@transaction.atomic
def sessie_finish(
    *,
    sessie: TrainingSessie,
    medewerker: User,
    registratie: Registratie,
    nu: dt.datetime | None = None,
) -> TrainingSessie:
    """Register the contact in the sandbox, hand over, and score the session."""
    sessie = _lock_open(sessie, medewerker)
    registratie_check(registratie)
    scenario = scenario_get(slug=sessie.scenario)
    nu = nu or timezone.now()
    seconden = max(0, int((nu - sessie.gestart_op).total_seconds()))
    data = registratie.as_dict()
    TrainingActie.objects.create(
        sessie=sessie,
        volgnummer=_next_actie(sessie),
        soort=ActieSoort.REGISTRATIE,
        gegevens=data,
        tijdstip=nu,
    )
    acties = [
        {"soort": a.soort, "gegevens": a.gegevens}
        for a in sessie.acties.exclude(soort=ActieSoort.REGISTRATIE).order_by("volgnummer")
    ]
    uitslag = scenario_score(
        scenario=scenario,
        acties=acties,
        registratie=data,
        seconden=seconden,
        artikel_producten=artikel_producten(scenario),
        namen=scenario_namen(scenario),
    )
    sessie.registratie = data
    sessie.scores = uitslag.scores
    sessie.feedback = uitslag.feedback
    sessie.totaal = uitslag.totaal
    sessie.seconden = seconden
    sessie.status = SessieStatus.AFGEROND
    sessie.afgerond_op = nu
    sessie.save()
    return sessie
