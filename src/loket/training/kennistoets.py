"""The kennistoets: questions generated from the published knowledge base, checked automatically.

- Multiple choice: an article's question with its short answer (samenvatting) as the right
  option. The distractors are of the same kind and domain, so the right option is not obvious:
  if the short answer holds a cost or a term, the same answer with another cost or term (of
  other articles in the same category, closest in size first; else plausible variants such as
  swapped digits); otherwise the short answers of the neighbouring articles of the same
  category (most words and products in common). An article's options are the same in every
  test, so its item statistics (selectors.item_statistiek) add up.
- Short answer (cloze): a sentence of an article with a number (a cost or a term) left out; the
  answer is checked by value ("84,50", "€ 84.50" and "84.5" are the same).
- The service principles (data/principes.json): one answer on every channel, ask only once, the
  80% front-office norm, the service formulas Flits/Direct/Vlot/Maatwerk, channel steering.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags

from loket.knowledge.models import ArtikelVersie
from loket.knowledge.search.analyzer import analyse
from loket.training.constants import PRINCIPES_ONDERWERP, ToetsVraagSoort
from loket.training.feiten import BEDRAG, Feit, feit_plaatsen, feiten

OPTIES = 4
# A cost ("€ 84,50") or a term ("5 werkdagen") in an article's text.
FEIT = re.compile(
    r"€\s?(?P<bedrag>\d{1,4}(?:[.,]\d{2})?)"
    r"|(?<![\d,.])(?P<getal>\d{1,3})\s(?P<eenheid>werkdagen|weken|dagen|maanden|jaar)\b"
)
GETAL = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass
class Vraag:
    soort: str
    onderwerp: str
    vraag: str
    juist: dict
    opties: list[str] = field(default_factory=list)
    uitleg: str = ""
    versie: ArtikelVersie | None = None


def _decimal(text: str) -> Decimal | None:
    match = GETAL.search(text.replace(" ", ""))
    if not match:
        return None
    try:
        return Decimal(match.group().replace(",", "."))
    except InvalidOperation:
        return None


def normaliseer(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s%]", " ", (text or "").lower()).split())


def is_goed(*, soort: str, juist: dict, antwoord: str) -> bool:
    """Check one answer: the option's index, a number by value, or the expected words."""
    antwoord = (antwoord or "").strip()
    if not antwoord:
        return False
    if soort == ToetsVraagSoort.MEERKEUZE:
        return antwoord == str(juist.get("optie"))
    if "getal" in juist:
        gegeven = _decimal(antwoord)
        return gegeven is not None and gegeven == Decimal(str(juist["getal"]))
    woorden = set(normaliseer(antwoord).split())
    return any(normaliseer(w) in woorden for w in juist.get("woorden", []))


def _zinnen(html: str) -> list[str]:
    # A list item or heading ends a sentence; every tag separates words.
    html = re.sub(r"</(li|h\d)>", ". ", html)
    tekst = " ".join(strip_tags(re.sub(r"<[^>]+>", " ", html)).split())
    tekst = re.sub(r"([.:!?])(\s*\.)+", r"\1", tekst)
    return [z.strip() for z in re.split(r"(?<=[.!?])\s+", tekst) if z.strip()]


def cloze(versie: ArtikelVersie) -> tuple[str, str, str] | None:
    """A sentence of the article with a cost (preferred) or a term left out:
    (sentence, answer, unit)."""
    zinnen = [z for z in _zinnen(versie.antwoord) if len(z) <= 260]
    for soort in ("bedrag", "getal"):
        for zin in zinnen:
            match = next((m for m in FEIT.finditer(zin) if m.group(soort)), None)
            if match is None:
                continue
            if soort == "bedrag":
                waarde = match.group("bedrag").replace(",", ".")
                return zin[: match.start()] + "€ …" + zin[match.end() :], waarde, "euro"
            eenheid = match.group("eenheid")
            return (
                zin[: match.start()] + f"… {eenheid}" + zin[match.end() :],
                match.group("getal"),
                eenheid,
            )
    return None


AFLEIDER_FEIT = "feit"  # the right short answer with another cost or term of the same kind
AFLEIDER_BUUR = "buurproduct"  # the short answer of a neighbouring article in the same domain
MAX_AFSTAND = math.log(3)  # a distractor from the domain is at most 3 times larger or smaller


@dataclass
class _Info:
    """What the generator reads of one published version, computed once per test."""

    versie: ArtikelVersie
    categorie: str
    kort: str  # the short answer as plain text
    feiten: list[Feit]  # costs and terms anywhere in the version
    woorden: frozenset[str]


def _info(versie: ArtikelVersie) -> _Info:
    kort = " ".join(strip_tags(versie.samenvatting or "").split())
    alles = " ".join(
        t or "" for t in (versie.samenvatting, versie.telefoonscript, versie.kort, versie.antwoord)
    )
    return _Info(
        versie=versie,
        categorie=versie.artikel.categorie or "Algemeen",
        kort=kort,
        feiten=feiten(alles),
        woorden=frozenset(analyse(f"{versie.vraag} {kort}")),
    )


def artikel_infos(versies: list[ArtikelVersie]) -> dict[int, _Info]:
    """What the generator reads of each version; a caller making many tests passes it along
    (a published version never changes)."""
    return {versie.pk: _info(versie) for versie in versies}


def _varianten(feit: Feit) -> list[Feit]:
    """Plausible wrong values of the same kind, when the domain has too few of its own:
    digits swapped (75,80 → 57,80), a quarter more or less, a term one up or double."""
    waarde = feit.waarde
    kandidaten: list[Decimal] = []
    if feit.soort == BEDRAG:
        cijfers = f"{waarde:.2f}".replace(".", "")
        heel, cent = cijfers[:-2], cijfers[-2:]
        if len(heel) == 2 and heel[0] != heel[1]:
            kandidaten.append(Decimal(f"{heel[::-1]}.{cent}"))
        kandidaten += [
            (waarde * Decimal("1.25")).quantize(Decimal("0.10")),
            (waarde * Decimal("0.75")).quantize(Decimal("0.10")),
            waarde + 10,
        ]
    else:
        kandidaten += [waarde * 2, waarde + 1, max(waarde - 1, Decimal(0)), waarde + 2]
    return [Feit(feit.soort, feit.eenheid, k) for k in kandidaten if k > 0 and k != waarde]


def feit_vraag(info: _Info, domein: list[_Info]) -> Vraag | None:
    """A question on an article's key fact: the options are its short answer with the right
    cost or term and with other ones of the same kind (other costs, other terms of the same
    domain first, closest in size; then plausible variants)."""
    plaatsen = feit_plaatsen(info.kort)
    if not plaatsen:
        return None
    feit, start, end = plaatsen[0]
    eigen = {f.waarde for f in info.feiten if f.soort == feit.soort and f.eenheid == feit.eenheid}
    pool: dict[Decimal, str] = {}
    for ander in domein:
        for f in ander.feiten:
            if f.soort == feit.soort and f.eenheid == feit.eenheid and f.waarde not in eigen:
                pool.setdefault(f.waarde, ander.versie.artikel.slug)

    def afstand(waarde: Decimal) -> tuple[float, Decimal]:
        return (abs(math.log(float(waarde) / float(feit.waarde))), waarde)

    gekozen = sorted((w for w in pool if w > 0 and afstand(w)[0] <= MAX_AFSTAND), key=afstand)[
        : OPTIES - 1
    ]
    bronnen = [pool[w] for w in gekozen]
    for variant in _varianten(feit):
        if len(gekozen) == OPTIES - 1:
            break
        if variant.waarde not in eigen and variant.waarde not in gekozen:
            gekozen.append(variant.waarde)
            bronnen.append("variant")
    if len(gekozen) < OPTIES - 1:
        return None
    waarden = [feit, *(Feit(feit.soort, feit.eenheid, w) for w in gekozen)]
    opties = [info.kort[:start] + f.label + info.kort[end:] for f in waarden]
    return Vraag(
        soort=ToetsVraagSoort.MEERKEUZE,
        onderwerp=info.categorie,
        vraag=f"Een klant vraagt: ‘{info.versie.vraag}’ Welk antwoord is juist?",
        opties=opties,
        juist={
            "optie": 0,
            "afleiders": AFLEIDER_FEIT,
            "feit": feit.label,
            "waarden": [f.label for f in waarden[1:]],
            "bronnen": bronnen,
        },
        uitleg=opties[0],
        versie=info.versie,
    )


def buur_vraag(info: _Info, domein: list[_Info]) -> Vraag | None:
    """A question whose wrong options are the short answers of the neighbouring articles in the
    same domain: those sharing the most words (and products) with this one."""
    if not info.kort:
        return None
    producten = set(info.versie.product_upl_namen or [])

    def nabijheid(ander: _Info) -> tuple[float, int]:
        samen = len(info.woorden & ander.woorden) / (len(info.woorden | ander.woorden) or 1)
        gedeeld = 0.5 if producten & set(ander.versie.product_upl_namen or []) else 0.0
        return (-(samen + gedeeld), ander.versie.pk)

    buren: list[_Info] = []
    for ander in sorted(domein, key=nabijheid):
        if ander.kort and ander.kort != info.kort and ander.kort not in {b.kort for b in buren}:
            buren.append(ander)
        if len(buren) == OPTIES - 1:
            break
    if len(buren) < OPTIES - 1:
        return None
    return Vraag(
        soort=ToetsVraagSoort.MEERKEUZE,
        onderwerp=info.categorie,
        vraag=f"Een klant vraagt: ‘{info.versie.vraag}’ Welk antwoord is juist?",
        opties=[info.kort, *(b.kort for b in buren)],
        juist={
            "optie": 0,
            "afleiders": AFLEIDER_BUUR,
            "bronnen": [b.versie.artikel.slug for b in buren],
        },
        uitleg=info.kort,
        versie=info.versie,
    )


def meerkeuze_vraag(info: _Info, domein: list[_Info], rng: random.Random) -> Vraag | None:
    """The multiple-choice question of an article: on its key fact if its short answer has a
    cost or term, else against its neighbours. The options are the same every time (an item
    keeps its statistics); only their order is shuffled."""
    vraag = feit_vraag(info, domein) or buur_vraag(info, domein)
    if vraag is None:
        return None
    juist = vraag.opties[0]
    rng.shuffle(vraag.opties)
    vraag.juist["optie"] = vraag.opties.index(juist)
    return vraag


def kort_vraag(versie: ArtikelVersie) -> Vraag | None:
    gevonden = cloze(versie)
    if gevonden is None:
        return None
    zin, waarde, eenheid = gevonden
    wat = "het bedrag in euro" if eenheid == "euro" else f"het aantal {eenheid}"
    return Vraag(
        soort=ToetsVraagSoort.KORT,
        onderwerp=versie.artikel.categorie or "Algemeen",
        vraag=f"Over ‘{versie.vraag}’ zegt de kennisbank: “{zin}” Vul {wat} in.",
        juist={"getal": waarde},
        uitleg=f"Het juiste antwoord is {waarde.replace('.', ',')}"
        f"{' euro' if eenheid == 'euro' else ' ' + eenheid}.",
        versie=versie,
    )


def principe_vraag(item: dict, rng) -> Vraag:
    if item["soort"] == "meerkeuze":
        opties = list(item["opties"])
        juist = opties[item["juist"]]
        rng.shuffle(opties)
        return Vraag(
            soort=ToetsVraagSoort.MEERKEUZE,
            onderwerp=PRINCIPES_ONDERWERP,
            vraag=item["vraag"],
            opties=opties,
            juist={"optie": opties.index(juist), "thema": item["thema"]},
            uitleg=item.get("uitleg", ""),
        )
    juist = {"getal": item["getal"]} if "getal" in item else {"woorden": item["woorden"]}
    return Vraag(
        soort=ToetsVraagSoort.KORT,
        onderwerp=PRINCIPES_ONDERWERP,
        vraag=item["vraag"],
        juist={**juist, "thema": item["thema"]},
        uitleg=item.get("uitleg", ""),
    )


def vragen_genereren(
    *,
    versies: list[ArtikelVersie],
    principes: list[dict],
    meerkeuze: int,
    kort: int,
    principe: int,
    rng: random.Random,
    infos: dict[int, _Info] | None = None,
) -> list[Vraag]:
    """Pick the questions of one test: spread over categories, no article twice."""
    infos = infos if infos is not None else artikel_infos(versies)
    per_categorie: dict[str, list[_Info]] = {}
    for info in infos.values():
        per_categorie.setdefault(info.categorie, []).append(info)
    gekozen: list[Vraag] = []
    gebruikt: set[int] = set()
    volgorde = list(versies)
    rng.shuffle(volgorde)
    categorieen_gezien: set[str] = set()
    # Two passes: first one question per category, then any.
    for ronde in (0, 1):
        for versie in volgorde:
            if sum(v.soort == ToetsVraagSoort.MEERKEUZE for v in gekozen) >= meerkeuze:
                break
            info = infos[versie.pk]
            if versie.pk in gebruikt or (ronde == 0 and info.categorie in categorieen_gezien):
                continue
            domein = [i for i in per_categorie[info.categorie] if i.versie.pk != versie.pk]
            vraag = meerkeuze_vraag(info, domein, rng)
            if vraag is not None:
                gekozen.append(vraag)
                gebruikt.add(versie.pk)
                categorieen_gezien.add(info.categorie)
    korte = 0
    for versie in volgorde:
        if korte >= kort:
            break
        if versie.pk in gebruikt:
            continue
        vraag = kort_vraag(versie)
        if vraag is not None:
            gekozen.append(vraag)
            gebruikt.add(versie.pk)
            korte += 1
    items = list(principes)
    rng.shuffle(items)
    # One question per theme first, so every principle is asked about.
    themas: set[str] = set()
    eerst: list[dict] = []
    for item in items:
        if item["thema"] not in themas:
            themas.add(item["thema"])
            eerst.append(item)
    overige = [i for i in items if i not in eerst]
    gekozen += [principe_vraag(item, rng) for item in (eerst + overige)[:principe]]
    return gekozen
