"""A training session: the oefenklant (sandbox customer), actions, searches and the customer's
reactions."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from loket.accounts.models import User
from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.knowledge.models import ArtikelVersie, Kennisartikel
from loket.training.constants import (
    ActieSoort,
    SessieStatus,
    Spreker,
)
from loket.training.feiten import Kern, kern_from_versie, tekst_score_best
from loket.training.models import (
    Gespreksregel,
    Oefenklant,
    TrainingActie,
    TrainingSessie,
)
from loket.training.scenarios import Scenario, klanten_data, scenario_get

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


def _reactie(sessie: TrainingSessie, scenario: Scenario, soort: str) -> tuple[int, str] | None:
    """The customer's next scripted line for this moment, if any (marks it as shown): its index
    in the scenario's lines and its text."""
    for index in range(sessie.beurten_getoond, len(scenario.beurten)):
        beurt = scenario.beurten[index]
        if beurt.na in (soort, "actie"):
            sessie.beurten_getoond = index + 1
            sessie.save(update_fields=["beurten_getoond", "updated_at"])
            return index, beurt.tekst
    return None


def artikel_kernen(scenario: Scenario) -> dict[str, Kern]:
    """The key facts and words of the published version of each good article of a scenario."""
    artikelen = Kennisartikel.objects.filter(
        slug__in=scenario.goed.artikelen, gepubliceerde_versie__isnull=False
    ).select_related("gepubliceerde_versie__artikel")
    return {
        a.slug: kern_from_versie(a.gepubliceerde_versie)
        for a in artikelen
        if a.gepubliceerde_versie is not None
    }


def _antwoord_goed(scenario: Scenario, versie: ArtikelVersie | None, tekst: str) -> bool:
    """Whether the customer hears a fitting answer: a good article, and no wrong cost or term
    in the trainee's own words (checked by value against the good articles)."""
    if versie is not None and versie.artikel.slug not in scenario.goed.artikelen:
        return False
    if not tekst:
        return True
    kernen = list(artikel_kernen(scenario).values())
    if versie is not None:
        kernen = [k for k in kernen if k.artikel == versie.artikel.slug] or kernen
    oordeel = tekst_score_best(tekst, kernen)
    return oordeel is None or not oordeel.is_fout


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
        if versie is None and not tekst:
            raise DomainError(
                "Typ uw antwoord of kies een antwoord in de kennisbank (‘Gebruik dit antwoord’).",
                field="tekst",
            )
        goed = _antwoord_goed(scenario, versie, tekst)
        if versie is None:
            gegevens = {"artikel": "", "versie": None, "titel": "", "tekst": tekst}
            regel = tekst
        else:
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
        beurt = _reactie(sessie, scenario, soort)
        if beurt is not None:
            # The line the customer says next: a follow-up question must get an answer.
            actie.gegevens = {**gegevens, "beurt": beurt[0]}
            actie.save(update_fields=["gegevens"])
        reactie = (
            beurt[1]
            if beurt
            else (REACTIE_VRAAG if soort == ActieSoort.VRAAG else REACTIE_ANTWOORD)
        )
    elif soort == ActieSoort.STURING:
        assert kanaal is not None  # refused above
        reactie = REACTIE_STURING[bool(goed)].format(kanaal=kanaal.naam.lower())
    else:
        reactie = REACTIE_AANBOD[bool(goed)]
    _say(sessie, Spreker.KLANT, reactie, nu)
    return actie


@transaction.atomic
def sessie_search(
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
