"""Registration and scoring of a training session, and closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
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
from loket.training.feiten import Kern, tekst_score, tekst_score_best
from loket.training.models import (
    TrainingActie,
    TrainingSessie,
)
from loket.training.scenarios import Scenario, scenario_get
from loket.training.services.sessie import _lock_open, _next_actie, artikel_kernen
from loket.training.vervolg import vervolgvragen

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


def _antwoord_oordeel(
    gegevens: dict, goed: tuple[str, ...], kernen: dict[str, Kern]
) -> tuple[float, bool, str]:
    """One answer given to the customer: (share of the answer points, wrong?, explanation)."""
    artikel = gegevens.get("artikel") or ""
    tekst = (gegevens.get("tekst") or "").strip()
    if artikel and artikel not in goed:
        return 0.0, True, "het kennisartikel past niet bij de vraag"
    if artikel and not tekst:
        return 1.0, False, ""  # the article's own script was read out
    if artikel:
        kern = kernen.get(artikel)
        oordeel = tekst_score(tekst, kern, onderwerp_zeker=True) if kern else None
    else:
        oordeel = tekst_score_best(tekst, [kernen[a] for a in goed if a in kernen])
    if oordeel is None:
        return (1.0 if artikel else 0.0), False, ""
    return oordeel.aandeel, oordeel.is_fout, oordeel.uitleg()


def scenario_score(
    *,
    scenario: Scenario,
    acties: list[dict],
    registratie: dict,
    seconden: int,
    artikel_producten: set[str] | frozenset[str] = frozenset(),
    namen: dict[str, str] | None = None,
    kernen: dict[str, Kern] | None = None,
) -> Beoordeling:
    """Score one handled scenario on the seven criteria and explain each score.

    `acties` are {"soort", "gegevens"} dicts in order; `registratie` is Registratie.as_dict();
    `artikel_producten` the UPL names linked to the scenario's good articles (a product that
    fits the question); `namen` gives labels for codes (channels, products, teams, organisations);
    `kernen` the key facts of the good articles' published versions (`artikel_kernen`), against
    which the trainee's own words are checked.

    No points for what did not happen: a criterion whose action is "leave it" (no steering, no
    offer, the right handling) or the time earns points only when the customer got an answer.
    """
    namen = namen or {}
    kernen = kernen or {}
    goed = scenario.goed
    scores: dict[str, int] = {}
    feedback: list[dict] = []

    def geef(criterium: str, punten: float, tekst: str) -> None:
        scores[criterium] = max(0, min(round(punten), MAX_PUNTEN[criterium]))
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
    goed_artikel = _labels(goed.artikelen[:1], namen)

    # 1. The answer the customer heard: an article (read out or in own words) or free text.
    top = MAX_PUNTEN[Criterium.ANTWOORD]
    oordelen = [_antwoord_oordeel(g, goed.artikelen, kernen) for g in soort(ActieSoort.ANTWOORD)]
    beantwoord = bool(oordelen)  # the customer got an answer (handled)
    beste = max(oordelen, key=lambda o: o[0], default=(0.0, False, ""))
    fouten = [o for o in oordelen if o[1]]
    if not oordelen:
        geef(
            Criterium.ANTWOORD,
            0,
            f"U gaf de klant geen antwoord. Het juiste kennisartikel is: {goed_artikel}.",
        )
    elif beste[0] == 0:
        waarom = next((o[2] for o in oordelen if o[2]), "het antwoord past niet bij de vraag")
        geef(
            Criterium.ANTWOORD,
            0,
            f"Uw antwoord klopt niet: {waarom}. Het juiste kennisartikel is: {goed_artikel}.",
        )
    elif fouten:
        geef(
            Criterium.ANTWOORD,
            top * beste[0] * 2 / 3,
            f"U gaf ook een onjuist antwoord ({fouten[0][2]}) naast het juiste "
            f"({goed_artikel}). Zoek eerst goed; één juist antwoord voorkomt verwarring.",
        )
    elif beste[0] < 1:
        geef(
            Criterium.ANTWOORD,
            top * beste[0],
            f"Uw antwoord in eigen woorden is onvolledig: {beste[2]}. Kijk in het "
            f"kennisartikel: {goed_artikel}.",
        )
    else:
        geef(Criterium.ANTWOORD, top, f"Goed: u gaf het juiste antwoord ({goed_artikel}).")
    antwoord_punten = scores[Criterium.ANTWOORD]

    # 2. Follow-up questions: each one the customer asked must get an answer.
    gesteld = vervolgvragen(
        beurten=scenario.beurten,
        acties=acties,
        afhandelingen=[v.get("afhandeling", "") for v in vragen],
    )
    open_vragen = [v for v in gesteld if not v.beantwoord]
    if not beantwoord:
        geef(
            Criterium.VERVOLGVRAGEN,
            0,
            "U gaf geen antwoord, dus de klant kwam niet toe aan de vragen die volgen.",
        )
    elif not gesteld:
        geef(
            Criterium.VERVOLGVRAGEN,
            MAX_PUNTEN[Criterium.VERVOLGVRAGEN],
            "Er kwam geen vervolgvraag.",
        )
    elif open_vragen:
        geef(
            Criterium.VERVOLGVRAGEN,
            MAX_PUNTEN[Criterium.VERVOLGVRAGEN] * (len(gesteld) - len(open_vragen)) / len(gesteld),
            "De klant vroeg nog: "
            + " ".join(f"‘{v.tekst}’" for v in open_vragen)
            + " Daar ging u niet op in. Luister naar de vervolgvraag en beantwoord die voor u "
            "afrondt.",
        )
    else:
        geef(
            Criterium.VERVOLGVRAGEN,
            MAX_PUNTEN[Criterium.VERVOLGVRAGEN],
            "Goed: u ging in op elke vervolgvraag van de klant.",
        )

    # 3. Channel steering.
    top = MAX_PUNTEN[Criterium.KANAALSTURING]
    gestuurd = [s["kanaal"] for s in soort(ActieSoort.STURING)]
    if goed.kanaalsturing:
        beste_kanaal = _labels(goed.kanaalsturing, namen)
        if any(k in goed.kanaalsturing for k in gestuurd):
            geef(Criterium.KANAALSTURING, top, f"Goed: u wees de klant op {beste_kanaal}.")
        elif gestuurd:
            geef(
                Criterium.KANAALSTURING,
                0,
                f"U verwees naar {_labels(gestuurd, namen)}; voor deze vraag en klant past "
                f"{beste_kanaal} beter.",
            )
        else:
            geef(
                Criterium.KANAALSTURING,
                0,
                f"U stuurde de klant niet naar een ander kanaal. Deze vraag regelt de klant de "
                f"volgende keer zelf via {beste_kanaal}: zeg dat.",
            )
    elif gestuurd:
        geef(
            Criterium.KANAALSTURING,
            0,
            f"U verwees naar {_labels(gestuurd, namen)}, maar hier past geen kanaalsturing: "
            "help deze klant op het kanaal waar hij of zij nu is.",
        )
    elif not beantwoord:
        geef(
            Criterium.KANAALSTURING,
            0,
            "Hier past geen kanaalsturing: de klant hoort op dit kanaal geholpen te worden, "
            "maar u gaf geen antwoord.",
        )
    else:
        geef(
            Criterium.KANAALSTURING,
            top,
            "Goed: u hielp de klant op dit kanaal en stuurde niet onnodig door.",
        )

    # 4. Proactivity.
    top = MAX_PUNTEN[Criterium.PROACTIEF]
    aangeboden = [s["product"] for s in soort(ActieSoort.AANBOD)]
    if goed.proactief:
        past = _labels(goed.proactief, namen)
        if any(p in goed.proactief for p in aangeboden):
            geef(Criterium.PROACTIEF, top, f"Goed: u deed een passend aanbod ({past}).")
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
    elif not beantwoord:
        geef(
            Criterium.PROACTIEF,
            0,
            "Hier paste geen aanbod, maar punten zijn er alleen als u de klant eerst hielp: u "
            "gaf geen antwoord.",
        )
    else:
        geef(Criterium.PROACTIEF, top, "Goed: hier paste geen aanbod en u deed er ook geen.")

    # 5. Handling and handoff.
    _overdracht(geef, scenario, vragen, hoofd, namen, beantwoord)

    # 6. Registration: reason, product, question, article, channel.
    gegeven = {str(g["artikel"]) for g in soort(ActieSoort.ANTWOORD) if g.get("artikel")}
    if beantwoord:
        gegeven |= set(goed.artikelen)  # answered in own words from a good article
    producten = {goed.product, *artikel_producten}
    _registratie_score(geef, scenario, registratie, hoofd, namen, gegeven, producten)

    # 7. Time: only for a call that was handled (an answer that scored); full points within
    # the norm, none at three times the norm.
    norm = max(scenario.norm_seconden, 1)
    top = MAX_PUNTEN[Criterium.TIJD]
    if not antwoord_punten:
        geef(
            Criterium.TIJD,
            0,
            "Geen tijdscore: de vraag van de klant is niet beantwoord. Snel ophangen is geen "
            "snelle afhandeling.",
        )
    elif seconden <= norm:
        geef(Criterium.TIJD, top, f"Binnen de norm van {norm // 60}:{norm % 60:02d} minuten.")
    else:
        over = min(1.0, (seconden - norm) / (2 * norm))
        geef(
            Criterium.TIJD,
            top * (1 - over),
            f"U deed er {seconden // 60}:{seconden % 60:02d} minuten over; de norm is "
            f"{norm // 60}:{norm % 60:02d}.",
        )
    return Beoordeling(scores=scores, feedback=feedback)


Geef = Callable[[str, float, str], None]


def _overdracht(
    geef: Geef,
    scenario: Scenario,
    vragen: list[dict],
    hoofd: dict,
    namen: dict[str, str],
    beantwoord: bool,
) -> None:
    goed = scenario.goed
    top = MAX_PUNTEN[Criterium.OVERDRACHT]
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
    elif not beantwoord and afhandeling in Afhandeling.front_office():
        label = str(Afhandeling(afhandeling).label)
        geef(
            Criterium.OVERDRACHT,
            0,
            f"U registreerde ‘{label}’, maar u gaf de klant geen antwoord: de vraag is niet "
            "afgehandeld.",
        )
    elif afhandeling == Afhandeling.CONTACTVERZOEK and hoofd.get("team") != goed.team:
        geef(
            Criterium.OVERDRACHT,
            top * 0.6,
            f"Een contactverzoek klopt, maar het hoort bij team "
            f"{namen.get(goed.team, goed.team)}, niet bij "
            f"{namen.get(hoofd.get('team', ''), hoofd.get('team') or '—')}.",
        )
    elif afhandeling == Afhandeling.DOORVERWEZEN and hoofd.get("organisatie") != goed.organisatie:
        geef(
            Criterium.OVERDRACHT,
            top * 0.6,
            f"Doorverwijzen klopt, maar naar {namen.get(goed.organisatie, goed.organisatie)}, "
            f"niet naar {namen.get(hoofd.get('organisatie', ''), hoofd.get('organisatie') or '—')}.",
        )
    else:
        geef(Criterium.OVERDRACHT, top, f"Goed: juiste afhandeling ({verwacht_label}).")


def _registratie_score(
    geef: Geef,
    scenario: Scenario,
    registratie: dict,
    hoofd: dict,
    namen: dict[str, str],
    gegeven: set[str],
    producten: set[str],
) -> None:
    goed = scenario.goed
    vragen = registratie.get("vragen") or []
    if not vragen:
        geef(Criterium.REGISTRATIE, 0, "Het contact is niet geregistreerd.")
        return
    punten, missen = 0, []
    if tuple(hoofd.get("contactreden") or ()) == tuple(goed.contactreden):
        punten += 4
    else:
        missen.append(f"contactreden ‘{' › '.join(goed.contactreden)}’")
    if hoofd.get("product") in producten:
        punten += 3
    else:
        missen.append(f"product ‘{namen.get(goed.product, goed.product)}’")
    if (hoofd.get("vraagtekst") or "").strip():
        punten += 1
    else:
        missen.append("de vraag in de woorden van de klant")
    if hoofd.get("artikel") and hoofd.get("artikel") in gegeven:
        punten += 1
    elif hoofd.get("artikel"):
        missen.append("alleen het kennisartikel dat u de klant ook gaf")
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
        kernen=artikel_kernen(scenario),
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
