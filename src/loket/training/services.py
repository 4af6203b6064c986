"""Writes of the training app: the simulation (sandbox sessions) and its scoring.

A session stores the trainee's actions, the conversation and the registration in training tables
only. Nothing here creates a Klantcontact, Contactverzoek, Zaak or audit entry; the oefenklant is
sandbox data, so reading it is no read of a real person's data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from loket.accounts.models import User
from loket.catalogue.models import Organisatie, Product
from loket.contacts.constants import Afhandeling
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.knowledge.models import ArtikelVersie, Kennisartikel
from loket.training.constants import (
    MAX_PUNTEN,
    TOETS_KORT,
    TOETS_MEERKEUZE,
    TOETS_PRINCIPES,
    ActieSoort,
    Criterium,
    SessieStatus,
    Spreker,
    ToetsVraagSoort,
)
from loket.training.kennistoets import OPTIES, is_goed, vragen_genereren
from loket.training.models import (
    Gespreksregel,
    Kennistoets,
    Oefenklant,
    ToetsVraag,
    TrainingActie,
    TrainingSessie,
)
from loket.training.scenarios import Scenario, klanten_data, principes_data, scenario_get

HERHAAL_VENSTER = dt.timedelta(seconds=60)  # a retried start within this window is the same one
ZOEK_MIN = 3  # shorter searches are not recorded as an action
TEKST_MAX = 1000

# The customer's reactions when the scenario has no line of its own for the moment.
REACTIE_VRAAG = "Dat heb ik eigenlijk al verteld. Wat kunt u voor mij doen?"
REACTIE_ANTWOORD = "Dank u, dat is duidelijk."
REACTIE_FOUT = "Hm, ik geloof niet dat dat over mijn vraag gaat."
REACTIE_STURING = {True: "Goed, dan doe ik het zo.", False: "Moet dat echt via {kanaal}?"}
REACTIE_AANBOD = {
    True: "Goed dat u dat zegt, daar had ik nog niet aan gedacht!",
    False: "Nee, daar heb ik nu geen behoefte aan.",
}


# --- the oefenklant (sandbox customer) -----------------------------------------------------------


def oefenklant_get(*, ref: str) -> Oefenklant:
    """The sandbox customer of a reference, created or refreshed from data/klanten.json."""
    try:
        data = klanten_data()[ref]
    except KeyError:
        raise DomainError(f"De oefenklant '{ref}' bestaat niet.", field="klant") from None
    klant, _ = Oefenklant.objects.update_or_create(
        ref=ref,
        defaults={"naam": data["naam"], "persona": data.get("persona", ""), "gegevens": data},
    )
    return klant


def _stable_int(text: str, modulo: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % modulo


def klantbeeld_resolve(*, data: dict, vandaag: dt.date) -> dict:
    """The oefenklant's klantbeeld with real dates for this session (offsets from today)."""
    jaren = int(data.get("geboren_jaren_geleden", 40))
    dagen_extra = _stable_int(data["ref"], 360) + 3  # a stable birthday, not today
    geboren = dt.date(vandaag.year - jaren, 1, 1) + dt.timedelta(days=dagen_extra)
    if geboren > vandaag.replace(year=vandaag.year - jaren):
        geboren = geboren.replace(year=geboren.year - 1)
    documenten = [
        {
            "soort": d["soort"],
            "geldig_tot": (vandaag + dt.timedelta(days=d["verloopt_over_dagen"])).isoformat(),
            "verlopen": d["verloopt_over_dagen"] < 0,
            "verloopt_binnenkort": 0 <= d["verloopt_over_dagen"] <= 90,
        }
        for d in data.get("documenten", [])
    ]
    contacten = [
        {**c, "datum": (vandaag - dt.timedelta(days=c["dagen_geleden"])).isoformat()}
        for c in sorted(data.get("contacten", []), key=lambda c: c["dagen_geleden"])
    ]
    zaken = [
        {**z, "startdatum": (vandaag - dt.timedelta(days=z["dagen_geleden"])).isoformat()}
        for z in data.get("zaken", [])
    ]
    return {
        "naam": data["naam"],
        "geboortedatum": geboren.isoformat(),
        "leeftijd": jaren,
        "adres": data.get("adres", ""),
        "postcode": data.get("postcode", ""),
        "woonplaats": data.get("woonplaats", ""),
        "telefoon": data.get("telefoon", ""),
        "email": data.get("email", ""),
        "voorkeurskanaal": data.get("voorkeurskanaal", ""),
        "persona": data.get("persona", ""),
        "documenten": documenten,
        "contacten": contacten,
        "zaken": zaken,
        "producten": data.get("producten", []),
        "notities": data.get("notities", []),
    }


# --- a session -------------------------------------------------------------------------------


def _next_regel(sessie: TrainingSessie) -> int:
    return (sessie.regels.aggregate(m=Max("volgnummer"))["m"] or 0) + 1


def _next_actie(sessie: TrainingSessie) -> int:
    return (sessie.acties.aggregate(m=Max("volgnummer"))["m"] or 0) + 1


def _say(sessie: TrainingSessie, spreker: str, tekst: str, nu: dt.datetime) -> Gespreksregel:
    return Gespreksregel.objects.create(
        sessie=sessie, volgnummer=_next_regel(sessie), spreker=spreker, tekst=tekst, tijdstip=nu
    )


@transaction.atomic
def sessie_start(
    *, medewerker: User, scenario: str, nu: dt.datetime | None = None
) -> TrainingSessie:
    """Start a scenario: the sandbox customer is resolved and says the opening line."""
    gekozen = scenario_get(slug=scenario)
    nu = nu or timezone.now()
    # A retried "Start" (double click, reload) returns the session just started.
    herhaald = (
        TrainingSessie.objects.filter(
            medewerker=medewerker,
            scenario=gekozen.slug,
            status=SessieStatus.BEZIG,
            gestart_op__gte=nu - HERHAAL_VENSTER,
            acties__isnull=True,
        )
        .order_by("-gestart_op")
        .first()
    )
    if herhaald is not None:
        return herhaald
    klant = oefenklant_get(ref=gekozen.klant)
    sessie = TrainingSessie.objects.create(
        medewerker=medewerker,
        scenario=gekozen.slug,
        scenario_titel=gekozen.titel,
        domein=gekozen.domein,
        kanaal=gekozen.kanaal,
        oefenklant=klant,
        klantbeeld=klantbeeld_resolve(data=klant.gegevens, vandaag=timezone.localdate(nu)),
        gestart_op=nu,
    )
    _say(sessie, Spreker.KLANT, gekozen.opening, nu)
    return sessie


def _lock_open(sessie: TrainingSessie, medewerker: User) -> TrainingSessie:
    sessie = TrainingSessie.objects.select_for_update().get(pk=sessie.pk)
    if sessie.medewerker_id != medewerker.pk:
        raise DomainError("Deze trainingsessie is van een andere medewerker.", field="sessie")
    if sessie.status != SessieStatus.BEZIG:
        raise DomainError("Deze trainingsessie is al afgerond.", field="sessie")
    return sessie


def _reactie(sessie: TrainingSessie, scenario: Scenario, soort: str) -> str | None:
    """The customer's next scripted line for this moment, if any (marks it as shown)."""
    for index in range(sessie.beurten_getoond, len(scenario.beurten)):
        beurt = scenario.beurten[index]
        if beurt.na in (soort, "actie"):
            sessie.beurten_getoond = index + 1
            sessie.save(update_fields=["beurten_getoond", "updated_at"])
            return beurt.tekst
    return None


@transaction.atomic
def sessie_actie(
    *,
    sessie: TrainingSessie,
    medewerker: User,
    soort: str,
    tekst: str = "",
    versie: ArtikelVersie | None = None,
    kanaal: Kanaal | None = None,
    product: Product | None = None,
    nu: dt.datetime | None = None,
) -> TrainingActie:
    """The trainee asks, answers, steers or offers; the customer reacts in the conversation."""
    sessie = _lock_open(sessie, medewerker)
    scenario = scenario_get(slug=sessie.scenario)
    nu = nu or timezone.now()
    tekst = (tekst or "").strip()
    if len(tekst) > TEKST_MAX:
        raise DomainError(f"Gebruik hoogstens {TEKST_MAX} tekens.", field="tekst")
    goed: bool | None = None
    if soort == ActieSoort.VRAAG:
        if not tekst:
            raise DomainError("Typ wat u de klant vraagt.", field="tekst")
        gegevens: dict = {"tekst": tekst}
        regel = tekst
    elif soort == ActieSoort.ANTWOORD:
        if versie is None:
            raise DomainError(
                "Kies eerst een antwoord in de kennisbank (‘Gebruik dit antwoord’).", field="versie"
            )
        goed = versie.artikel.slug in scenario.goed.artikelen
        gegevens = {
            "artikel": versie.artikel.slug,
            "versie": versie.nummer,
            "titel": versie.vraag,
            "tekst": tekst,
        }
        regel = tekst or versie.telefoonscript or versie.samenvatting or versie.vraag
    elif soort == ActieSoort.STURING:
        if kanaal is None:
            raise DomainError("Kies het kanaal waar u de klant naartoe verwijst.", field="kanaal")
        goed = kanaal.code in scenario.goed.kanaalsturing
        gegevens = {"kanaal": kanaal.code, "naam": kanaal.naam, "tekst": tekst}
        regel = tekst or f"Dit kunt u ook regelen via {kanaal.naam.lower()}."
    elif soort == ActieSoort.AANBOD:
        if product is None:
            raise DomainError("Kies het product dat u de klant aanbiedt.", field="product")
        goed = product.upl_naam in scenario.goed.proactief
        gegevens = {"product": product.upl_naam, "naam": product.naam, "tekst": tekst}
        regel = tekst or f"Ik zie nog iets dat u misschien wilt regelen: {product.naam.lower()}."
    else:
        raise DomainError(
            "Kies wat u doet: vragen, antwoorden, sturen of aanbieden.", field="soort"
        )
    actie = TrainingActie.objects.create(
        sessie=sessie, volgnummer=_next_actie(sessie), soort=soort, gegevens=gegevens, tijdstip=nu
    )
    _say(sessie, Spreker.MEDEWERKER, regel, nu)
    if soort == ActieSoort.ANTWOORD and not goed:
        reactie = scenario.bij_fout_antwoord or REACTIE_FOUT
    elif soort in (ActieSoort.VRAAG, ActieSoort.ANTWOORD):
        reactie = _reactie(sessie, scenario, soort) or (
            REACTIE_VRAAG if soort == ActieSoort.VRAAG else REACTIE_ANTWOORD
        )
    elif soort == ActieSoort.STURING:
        assert kanaal is not None  # refused above
        reactie = REACTIE_STURING[bool(goed)].format(kanaal=kanaal.naam.lower())
    else:
        reactie = REACTIE_AANBOD[bool(goed)]
    _say(sessie, Spreker.KLANT, reactie, nu)
    return actie


@transaction.atomic
def sessie_zoeken(
    *, sessie: TrainingSessie, medewerker: User, q: str, nu: dt.datetime | None = None
) -> TrainingActie | None:
    """Record a knowledge search; typing on (a longer version of the last query) updates it."""
    q = " ".join((q or "").split())[:200]
    if len(q) < ZOEK_MIN or sessie.status != SessieStatus.BEZIG:
        return None
    if sessie.medewerker_id != medewerker.pk:
        raise DomainError("Deze trainingsessie is van een andere medewerker.", field="sessie")
    # Searches arrive as the trainee types; one at a time per session keeps volgnummers unique.
    sessie = TrainingSessie.objects.select_for_update().get(pk=sessie.pk)
    nu = nu or timezone.now()
    laatste = sessie.acties.order_by("-volgnummer").first()
    if laatste is not None and laatste.soort == ActieSoort.ZOEKEN:
        vorige = laatste.gegevens.get("q", "")
        if q.startswith(vorige) or vorige.startswith(q):
            laatste.gegevens = {"q": q}
            laatste.tijdstip = nu
            laatste.save(update_fields=["gegevens", "tijdstip"])
            return laatste
    return TrainingActie.objects.create(
        sessie=sessie,
        volgnummer=_next_actie(sessie),
        soort=ActieSoort.ZOEKEN,
        gegevens={"q": q},
        tijdstip=nu,
    )


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


def beoordelen(
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
    from loket.accounts.models import Team

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
def sessie_afronden(
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
    uitslag = beoordelen(
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


# --- the kennistoets ------------------------------------------------------------------------


def _gepubliceerde_versies() -> list[ArtikelVersie]:
    return list(
        ArtikelVersie.objects.filter(
            pk__in=Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).values(
                "gepubliceerde_versie"
            )
        )
        .select_related("artikel")
        .order_by("pk")
    )


@transaction.atomic
def toets_start(
    *, medewerker: User, seed: int | None = None, nu: dt.datetime | None = None
) -> Kennistoets:
    """A new kennistoets generated from the published knowledge base and the principles."""
    import random

    versies = _gepubliceerde_versies()
    if len(versies) < OPTIES:
        raise DomainError(
            "De kennisbank heeft nog te weinig gepubliceerde artikelen voor een kennistoets.",
            field="kennisbank",
        )
    nu = nu or timezone.now()
    herhaald = Kennistoets.objects.filter(
        medewerker=medewerker, afgerond_op__isnull=True, gestart_op__gte=nu - HERHAAL_VENSTER
    ).first()
    if herhaald is not None:
        return herhaald  # a retried "Start" returns the test just generated
    rng = random.Random(seed)
    vragen = vragen_genereren(
        versies=versies,
        principes=principes_data(),
        meerkeuze=TOETS_MEERKEUZE,
        kort=TOETS_KORT,
        principe=TOETS_PRINCIPES,
        rng=rng,
    )
    toets = Kennistoets.objects.create(
        medewerker=medewerker, gestart_op=nu, aantal_vragen=len(vragen)
    )
    ToetsVraag.objects.bulk_create(
        ToetsVraag(
            toets=toets,
            volgnummer=nummer,
            soort=vraag.soort,
            onderwerp=vraag.onderwerp[:80],
            vraag=vraag.vraag,
            opties=vraag.opties,
            juist=vraag.juist,
            uitleg=vraag.uitleg,
            artikel=vraag.versie.artikel if vraag.versie else None,
            versie=vraag.versie,
        )
        for nummer, vraag in enumerate(vragen, start=1)
    )
    return toets


@transaction.atomic
def toets_beantwoorden(
    *,
    toets: Kennistoets,
    medewerker: User,
    antwoorden: dict[int, str],
    nu: dt.datetime | None = None,
) -> Kennistoets:
    """Check every answer (all questions must be answered) and record the result once."""
    toets = Kennistoets.objects.select_for_update().get(pk=toets.pk)
    if toets.medewerker_id != medewerker.pk:
        raise DomainError("Deze kennistoets is van een andere medewerker.", field="toets")
    if toets.is_afgerond:
        raise DomainError("Deze kennistoets is al ingeleverd.", field="toets")
    vragen = list(toets.vragen.order_by("volgnummer"))
    open_vragen = [v.volgnummer for v in vragen if not (antwoorden.get(v.volgnummer) or "").strip()]
    if open_vragen:
        raise DomainError(
            f"Beantwoord vraag {open_vragen[0]}.",
            field=f"vraag_{open_vragen[0]}",
            errors={f"vraag_{n}": ["Beantwoord deze vraag."] for n in open_vragen},
        )
    goed = 0
    for vraag in vragen:
        vraag.antwoord = antwoorden[vraag.volgnummer].strip()[:500]
        if vraag.soort == ToetsVraagSoort.MEERKEUZE and not (
            vraag.antwoord.isdigit() and int(vraag.antwoord) < len(vraag.opties)
        ):
            raise DomainError(
                f"Kies een van de antwoorden bij vraag {vraag.volgnummer}.",
                field=f"vraag_{vraag.volgnummer}",
            )
        vraag.is_goed = is_goed(soort=vraag.soort, juist=vraag.juist, antwoord=vraag.antwoord)
        goed += vraag.is_goed
    ToetsVraag.objects.bulk_update(vragen, ["antwoord", "is_goed"])
    toets.aantal_goed = goed
    toets.afgerond_op = nu or timezone.now()
    toets.save(update_fields=["aantal_goed", "afgerond_op", "updated_at"])
    return toets
