"""The conversation scenarios of the KCC simulation: data (data/scenarios.json), read once.

A scenario names its customer by reference (data/klanten.json), the knowledge articles by slug,
products by UPL name, channels by code, teams and organisations by slug and the contactreden by
(hoofdreden, subreden) name. `scenario_references_check` checks every reference against the
loaded data; the test suite runs it.

Beside them play the scenarios a teamleider made from a reviewed contact (issue 20,
kwaliteit.Oefenscenario, anonymised there): `praktijk_scenarios` turns each into a Scenario,
with the domain and the oefenklant of a JSON scenario on the same product (else the same
article, else PRAKTIJK_DOMEIN and PRAKTIJK_KLANT). They are rows, read on every call:
`scenario_get` finds them by slug, `scenario_list(praktijk=True)` lists them too.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from loket.accounts.models import Team
from loket.catalogue.models import Organisatie, Product
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.knowledge.models import Kennisartikel
from loket.kwaliteit.models import Oefenscenario
from loket.kwaliteit.selectors import oefenscenario_list
from loket.training.constants import Domein, Moeilijkheid

DATA_DIR = Path(__file__).resolve().parent / "data"
SCENARIOS_PATH = DATA_DIR / "scenarios.json"
KLANTEN_PATH = DATA_DIR / "klanten.json"
PRINCIPES_PATH = DATA_DIR / "principes.json"
BEURT_MOMENTEN = {"vraag", "antwoord", "actie"}
# A scenario from practice without a JSON scenario on its product or article.
PRAKTIJK_DOMEIN = Domein.BURGERZAKEN
PRAKTIJK_KLANT = "peter-de-vries"
PRAKTIJK_KENMERK = "uit de praktijk"


@dataclass(frozen=True)
class Beurt:
    """A follow-up line of the customer; shown after the trainee asks (vraag), answers
    (antwoord) or does anything at all (actie)."""

    na: str
    tekst: str


@dataclass(frozen=True)
class GoedeAfhandeling:
    artikelen: tuple[str, ...]
    product: str
    kanaalsturing: tuple[str, ...]  # empty: no steering fits
    proactief: tuple[str, ...]  # UPL names; empty: no offer fits
    afhandeling: tuple[str, ...]  # the first is the preferred one
    contactreden: tuple[str, str]
    uitleg: str
    team: str = ""
    organisatie: str = ""


@dataclass(frozen=True)
class Scenario:
    slug: str
    titel: str
    domein: str
    moeilijkheid: str
    kenmerken: tuple[str, ...]
    klant: str
    kanaal: str
    opening: str
    beurten: tuple[Beurt, ...]
    goed: GoedeAfhandeling
    norm_seconden: int
    bij_fout_antwoord: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def domein_label(self) -> str:
        return str(Domein(self.domein).label)

    @property
    def moeilijkheid_label(self) -> str:
        return str(Moeilijkheid(self.moeilijkheid).label)


def _parse(raw: dict) -> Scenario:
    goed = raw["goed"]
    return Scenario(
        slug=raw["slug"],
        titel=raw["titel"],
        domein=raw["domein"],
        moeilijkheid=raw["moeilijkheid"],
        kenmerken=tuple(raw.get("kenmerken", [])),
        klant=raw["klant"],
        kanaal=raw["kanaal"],
        opening=raw["opening"],
        beurten=tuple(Beurt(na=b["na"], tekst=b["tekst"]) for b in raw.get("beurten", [])),
        goed=GoedeAfhandeling(
            artikelen=tuple(goed["artikelen"]),
            product=goed["product"],
            kanaalsturing=tuple(goed.get("kanaalsturing") or []),
            proactief=tuple(goed.get("proactief") or []),
            afhandeling=tuple(goed["afhandeling"]),
            contactreden=tuple(goed["contactreden"]),
            uitleg=goed["uitleg"],
            team=goed.get("team", ""),
            organisatie=goed.get("organisatie", ""),
        ),
        norm_seconden=int(raw.get("norm_seconden", 240)),
        bij_fout_antwoord=raw.get("bij_fout_antwoord", ""),
    )


@functools.cache
def _scenarios() -> dict[str, Scenario]:
    raw = json.loads(SCENARIOS_PATH.read_text(encoding="utf-8"))
    return {item["slug"]: _parse(item) for item in raw}


@functools.cache
def klanten_data() -> dict[str, dict]:
    raw = json.loads(KLANTEN_PATH.read_text(encoding="utf-8"))
    return {item["ref"]: item for item in raw}


@functools.cache
def principes_data() -> list[dict]:
    return json.loads(PRINCIPES_PATH.read_text(encoding="utf-8"))


def _verwant(product: str, artikel: str) -> Scenario | None:
    """The JSON scenario on the same product, else one with the same article."""
    scenarios = sorted(_scenarios().values(), key=lambda s: s.slug)
    for s in scenarios:
        if product and s.goed.product == product:
            return s
    for s in scenarios:
        if artikel in s.goed.artikelen:
            return s
    return None


def praktijk_scenario(o: Oefenscenario) -> Scenario:
    """A kwaliteit.Oefenscenario as a playable Scenario: the customer asks the contact's
    questions; the right handling is the article and registration of the contact; the
    explanation after the call gives the reviewer's findings."""
    verwant = _verwant(o.product, o.artikel)
    beurten = [Beurt(na="antwoord", tekst=f"En ik heb nog een vraag: {v}") for v in o.vervolg]
    beurten.append(Beurt(na="actie", tekst="Dank u wel, dan weet ik genoeg."))
    uitleg = "Dit scenario komt uit een beoordeeld klantcontact (geanonimiseerd)."
    if o.bevindingen:
        uitleg += " " + o.bevindingen
    return Scenario(
        slug=o.slug,
        titel=o.titel,
        domein=verwant.domein if verwant else PRAKTIJK_DOMEIN,
        moeilijkheid=Moeilijkheid.GEVORDERD,
        kenmerken=(PRAKTIJK_KENMERK,),
        klant=verwant.klant if verwant else PRAKTIJK_KLANT,
        kanaal=o.kanaal,
        opening=o.opening,
        beurten=tuple(beurten),
        goed=GoedeAfhandeling(
            artikelen=(o.artikel,),
            product=o.product,
            kanaalsturing=verwant.goed.kanaalsturing if verwant else (),
            proactief=(),
            afhandeling=(o.afhandeling,),
            contactreden=(o.hoofdreden, o.contactreden) if o.hoofdreden else (o.contactreden, ""),
            uitleg=uitleg,
            team=o.team,
            organisatie=o.organisatie,
        ),
        norm_seconden=verwant.norm_seconden if verwant else 240,
    )


def praktijk_scenarios() -> list[Scenario]:
    return [praktijk_scenario(o) for o in oefenscenario_list()]


def scenario_list(*, domein: str = "", praktijk: bool = False) -> list[Scenario]:
    """The simulation's scenarios (data/scenarios.json), with `praktijk` also those made from
    reviews (one query; without it no database is read, as the data checks expect)."""
    scenarios = list(_scenarios().values())
    if praktijk:
        scenarios += praktijk_scenarios()
    if domein:
        scenarios = [s for s in scenarios if s.domein == domein]
    order = {value: i for i, value in enumerate(Domein.values)}
    return sorted(scenarios, key=lambda s: (order.get(s.domein, 99), s.titel))


def scenario_get(*, slug: str) -> Scenario:
    try:
        return _scenarios()[slug]
    except KeyError:
        pass
    gevonden = oefenscenario_list().filter(slug=slug).first()
    if gevonden is None:
        raise DomainError(f"Het scenario '{slug}' bestaat niet.", field="scenario")
    return praktijk_scenario(gevonden)


def scenario_for_onderwerp(*, artikelen: list[str], producten: list[str]) -> list[Scenario]:
    """The JSON scenarios on a topic: those with one of the products first, then those with
    one of the articles (for "Mijn kwaliteit": train on what a review was about)."""
    scenarios = sorted(_scenarios().values(), key=lambda s: s.titel)
    op_product = [s for s in scenarios if s.goed.product in producten]
    op_artikel = [
        s
        for s in scenarios
        if s not in op_product and any(a in s.goed.artikelen for a in artikelen)
    ]
    return op_product + op_artikel


def scenario_references_check() -> list[str]:
    """Every reference of every scenario checked against the loaded data; returns the problems.

    Needs the catalogue (UPL products, organisations), the knowledge base, the channels, the
    teams and the contactredenen in the database (as `loket demo` loads them)."""

    raw = json.loads(SCENARIOS_PATH.read_text(encoding="utf-8"))
    problems: list[str] = []
    slugs = [item.get("slug") for item in raw]
    problems += [f"dubbele slug {s}" for s in {s for s in slugs if slugs.count(s) > 1}]
    artikelen = set(
        Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).values_list(
            "slug", flat=True
        )
    )
    producten = set(Product.objects.values_list("upl_naam", flat=True))
    kanalen = set(Kanaal.objects.filter(is_actief=True).values_list("code", flat=True))
    teams = set(Team.objects.values_list("slug", flat=True))
    organisaties = set(Organisatie.objects.filter(is_actief=True).values_list("slug", flat=True))
    redenen = {
        (r.hoofdreden.naam, r.naam)
        for r in Contactreden.objects.filter(hoofdreden__isnull=False).select_related("hoofdreden")
        if r.hoofdreden is not None  # always: filtered on it
    }
    klanten = klanten_data()
    for item in raw:
        try:
            s = _parse(item)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{item.get('slug', '?')}: onvolledig ({exc})")
            continue
        where = s.slug
        if s.domein not in Domein.values:
            problems.append(f"{where}: onbekend domein {s.domein}")
        if s.moeilijkheid not in Moeilijkheid.values:
            problems.append(f"{where}: onbekende moeilijkheid {s.moeilijkheid}")
        if s.klant not in klanten:
            problems.append(f"{where}: onbekende oefenklant {s.klant}")
        if s.kanaal not in kanalen:
            problems.append(f"{where}: onbekend kanaal {s.kanaal}")
        if not s.beurten or any(b.na not in BEURT_MOMENTEN for b in s.beurten):
            problems.append(f"{where}: beurten ontbreken of hebben een onbekend moment")
        g = s.goed
        problems += [f"{where}: onbekend artikel {a}" for a in g.artikelen if a not in artikelen]
        if not g.artikelen:
            problems.append(f"{where}: geen kennisartikel")
        if g.product not in producten:
            problems.append(f"{where}: onbekend product {g.product}")
        problems += [f"{where}: onbekend kanaal {k}" for k in g.kanaalsturing if k not in kanalen]
        problems += [f"{where}: onbekend aanbod {p}" for p in g.proactief if p not in producten]
        for afhandeling in g.afhandeling:
            if afhandeling not in Afhandeling.values:
                problems.append(f"{where}: onbekende afhandeling {afhandeling}")
        if not g.afhandeling:
            problems.append(f"{where}: geen afhandeling")
        if Afhandeling.CONTACTVERZOEK in g.afhandeling and g.team not in teams:
            problems.append(f"{where}: contactverzoek zonder bestaand team ({g.team!r})")
        if Afhandeling.DOORVERWEZEN in g.afhandeling and g.organisatie not in organisaties:
            problems.append(f"{where}: doorverwijzing zonder bestaande organisatie")
        if g.organisatie and g.organisatie not in organisaties:
            problems.append(f"{where}: onbekende organisatie {g.organisatie}")
        if g.team and g.team not in teams:
            problems.append(f"{where}: onbekend team {g.team}")
        if tuple(g.contactreden) not in redenen:
            problems.append(f"{where}: onbekende contactreden {' › '.join(g.contactreden)}")
    return problems
