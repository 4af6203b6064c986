"""The kennistoets: questions generated from the published knowledge base, checked automatically.

- Multiple choice: an article's question with its short answer (samenvatting) as the right
  option; the distractors are the short answers of other articles in the same category.
- Short answer (cloze): a sentence of an article with a number (a cost or a term) left out; the
  answer is checked by value ("84,50", "€ 84.50" and "84.5" are the same).
- The service principles (data/principes.json): one answer on every channel, ask only once, the
  80% front-office norm, the service formulas Flits/Direct/Vlot/Maatwerk, channel steering.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags

from loket.knowledge.models import ArtikelVersie
from loket.training.constants import PRINCIPES_ONDERWERP, ToetsVraagSoort

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


def meerkeuze_vraag(versie: ArtikelVersie, anderen: list[ArtikelVersie], rng) -> Vraag | None:
    juist = (versie.samenvatting or "").strip()
    afleiders = []
    for ander in anderen:
        tekst = (ander.samenvatting or "").strip()
        if tekst and tekst != juist and tekst not in afleiders:
            afleiders.append(tekst)
        if len(afleiders) == OPTIES - 1:
            break
    if not juist or len(afleiders) < OPTIES - 1:
        return None
    opties = [juist, *afleiders]
    rng.shuffle(opties)
    return Vraag(
        soort=ToetsVraagSoort.MEERKEUZE,
        onderwerp=versie.artikel.categorie or "Algemeen",
        vraag=f"Een klant vraagt: ‘{versie.vraag}’ Welk antwoord is juist?",
        opties=opties,
        juist={"optie": opties.index(juist)},
        uitleg=juist,
        versie=versie,
    )


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
) -> list[Vraag]:
    """Pick the questions of one test: spread over categories, no article twice."""
    per_categorie: dict[str, list[ArtikelVersie]] = {}
    for versie in versies:
        per_categorie.setdefault(versie.artikel.categorie or "Algemeen", []).append(versie)
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
            categorie = versie.artikel.categorie or "Algemeen"
            if versie.pk in gebruikt or (ronde == 0 and categorie in categorieen_gezien):
                continue
            anderen = [v for v in per_categorie[categorie] if v.pk != versie.pk]
            rng.shuffle(anderen)
            if len(anderen) < OPTIES - 1:
                rest = [v for v in versies if v.pk != versie.pk and v not in anderen]
                rng.shuffle(rest)
                anderen += rest
            vraag = meerkeuze_vraag(versie, anderen, rng)
            if vraag is not None:
                gekozen.append(vraag)
                gebruikt.add(versie.pk)
                categorieen_gezien.add(categorie)
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
