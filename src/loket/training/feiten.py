"""Key facts of a knowledge answer and of a trainee's own words: costs and terms, by value.

A fact is an amount in euro ("€ 84,50", "€84.50", "84,50 euro", "75 euro 80", "dertig euro") or
a term ("5 werkdagen", "binnen drie dagen", "2 weken"). Two facts are the same when their kind,
unit and value are equal: "€ 75,80" and "75 euro 80" are one fact; "€ 57,80" is another.

`tekst_score` scores a free-text answer against the published version of an article: the
key facts of the short answer (samenvatting) must be there with the right value; a stated cost
or term whose value the article does not have is wrong; the article's content words tell whether
the answer is about the question at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags

from loket.knowledge.search.analyzer import analyse

BEDRAG = "bedrag"
TERMIJN = "termijn"
EURO = "euro"

GETALWOORDEN = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "veertien": 14,
    "vijftien": 15,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
}
EENHEDEN = {
    "werkdag": "werkdagen",
    "werkdagen": "werkdagen",
    "dag": "dagen",
    "dagen": "dagen",
    "week": "weken",
    "weken": "weken",
    "maand": "maanden",
    "maanden": "maanden",
    "jaar": "jaar",
    "uur": "uur",
    "uren": "uur",
}
ENKELVOUD = {"werkdagen": "werkdag", "dagen": "dag", "weken": "week", "maanden": "maand"}
_WOORD = "|".join(sorted(GETALWOORDEN, key=len, reverse=True))
_EENHEID = "|".join(sorted(EENHEDEN, key=len, reverse=True))
_GETAL = rf"(?:\d+|{_WOORD})"
# "€ 1.084,50", "€84.50", "€ 30,-"
_EURO_VOOR = r"€\s?(?P<e1>\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](?P<e1c>\d{2}|-{1,2}))?(?![\d])"
# "84,50 euro", "75 euro 80", "dertig euro"
_EURO_NA = (
    rf"(?<![\d.,])(?P<e2>{_GETAL})(?:[,.](?P<e2c>\d{{2}}))?\s?(?:euro|eur)\b"
    rf"(?:\s(?:en\s)?(?P<e2cent>\d{{1,2}})(?:\scent)?\b(?!\s*(?:{_EENHEID})\b))?"
)
_TERM = rf"(?<![\d.,€])(?P<t>{_GETAL})\s(?P<eenheid>{_EENHEID})\b"
FEIT_RE = re.compile(rf"{_EURO_VOOR}|{_EURO_NA}|{_TERM}", re.IGNORECASE)
# Words that say nothing about the topic of a demo answer.
GEEN_ONDERWERP = frozenset(analyse("demobedrag demotermijn demoregel demodata demo Zeventerpen"))
ONDERWERP_MIN = 0.3  # share of the short answer's content words that makes an answer on topic
ONDERWERP_WOORDEN = 3  # ... or this many of them
BASIS_AANDEEL = 0.4  # an on-topic answer without the key facts still earns this share


@dataclass(frozen=True)
class Feit:
    soort: str  # BEDRAG or TERMIJN
    eenheid: str  # EURO or a unit from EENHEDEN
    waarde: Decimal

    @property
    def label(self) -> str:
        if self.soort == BEDRAG:
            if self.waarde == self.waarde.to_integral_value():
                return f"€ {int(self.waarde)}"
            return "€ " + f"{self.waarde:.2f}".replace(".", ",")
        waarde = self.waarde.normalize()
        eenheid = ENKELVOUD.get(self.eenheid, self.eenheid) if waarde == 1 else self.eenheid
        return f"{waarde:f}".replace(".", ",") + f" {eenheid}"


def _getal(text: str) -> Decimal | None:
    text = text.lower()
    if text in GETALWOORDEN:
        return Decimal(GETALWOORDEN[text])
    try:
        return Decimal(text.replace(".", ""))
    except InvalidOperation:
        return None


def _cent(text: str | None) -> Decimal:
    if not text or text.startswith("-"):
        return Decimal(0)
    return Decimal(text.ljust(2, "0")) / 100


def feiten(text: str) -> list[Feit]:
    """The costs and terms in a text (HTML allowed), in order, each once."""
    text = " ".join(strip_tags(re.sub(r"<[^>]+>", " ", text or "")).split())
    gevonden: list[Feit] = []
    for feit, _start, _end in feit_plaatsen(text):
        if feit not in gevonden:
            gevonden.append(feit)
    return gevonden


def feit_plaatsen(text: str) -> list[tuple[Feit, int, int]]:
    """Every cost and term in a plain text with where it stands (start, end)."""
    gevonden: list[tuple[Feit, int, int]] = []
    for match in FEIT_RE.finditer(text):
        groups = match.groupdict()
        if groups["e1"] is not None:
            euro = _getal(groups["e1"])
            feit = None if euro is None else Feit(BEDRAG, EURO, euro + _cent(groups["e1c"]))
        elif groups["e2"] is not None:
            euro = _getal(groups["e2"])
            cent = _cent(groups["e2c"] or groups["e2cent"])
            feit = None if euro is None else Feit(BEDRAG, EURO, euro + cent)
        else:
            aantal = _getal(groups["t"])
            eenheid = EENHEDEN[groups["eenheid"].lower()]
            feit = None if aantal is None else Feit(TERMIJN, eenheid, aantal)
        if feit is not None:
            gevonden.append((feit, match.start(), match.end()))
    return gevonden


@dataclass(frozen=True)
class Kern:
    """What an answer must contain, taken from one published article version."""

    artikel: str  # slug
    titel: str
    feiten: tuple[Feit, ...]  # the key facts: those of the short answer
    alle_feiten: frozenset[Feit]  # every cost and term anywhere in the version
    woorden: frozenset[str]  # the short answer's content words (stemmed)


def kern_from_versie(versie) -> Kern:
    """The key facts and words of a published ArtikelVersie (its short answer first)."""
    kort = next(
        (t for t in (versie.samenvatting, versie.telefoonscript, versie.kort) if (t or "").strip()),
        "",
    )
    alles = " ".join(
        t or "" for t in (versie.samenvatting, versie.telefoonscript, versie.kort, versie.antwoord)
    )
    return Kern(
        artikel=versie.artikel.slug,
        titel=versie.vraag,
        feiten=tuple(feiten(kort)),
        alle_feiten=frozenset(feiten(alles)),
        woorden=frozenset(analyse(kort)) - GEEN_ONDERWERP,
    )


@dataclass
class TekstOordeel:
    """A trainee's own words judged against one article."""

    artikel: str
    aandeel: float  # 0..1: the share of the answer criterion this text earns
    op_onderwerp: bool
    genoemd: list[Feit] = field(default_factory=list)
    gemist: list[Feit] = field(default_factory=list)
    fout: list[tuple[Feit, list[Feit]]] = field(default_factory=list)  # (said, the article's)

    @property
    def is_fout(self) -> bool:
        return bool(self.fout)

    def uitleg(self) -> str:
        """What was wrong or missing, in Dutch."""
        delen = []
        for gezegd, juist in self.fout:
            wat = "zijn de kosten" if gezegd.soort == BEDRAG else "is de termijn"
            delen.append(
                f"u noemde {gezegd.label}, maar volgens het kennisartikel {wat} "
                f"{' of '.join(f.label for f in juist)}"
            )
        if self.gemist:
            delen.append("u noemde niet: " + ", ".join(f.label for f in self.gemist))
        if not self.op_onderwerp and not self.fout:
            delen.append("uw antwoord noemt de kern van het kennisartikel niet")
        return "; ".join(delen)


def tekst_score(tekst: str, kern: Kern, *, onderwerp_zeker: bool = False) -> TekstOordeel:
    """Score a free-text answer against an article's key facts (by value) and content words.

    `onderwerp_zeker`: the trainee gave this article and typed what they said; the topic is
    then known and only the facts are checked."""
    gezegd = feiten(tekst)
    fout = []
    for feit in gezegd:
        zelfde_soort = [
            f for f in kern.alle_feiten if f.soort == feit.soort and f.eenheid == feit.eenheid
        ]
        if zelfde_soort and feit not in kern.alle_feiten:
            juist = [f for f in kern.feiten if f.soort == feit.soort and f.eenheid == feit.eenheid]
            fout.append((feit, juist or sorted(zelfde_soort, key=lambda f: f.waarde)))
    genoemd = [f for f in kern.feiten if f in gezegd]
    gemist = [f for f in kern.feiten if f not in gezegd]
    woorden = set(analyse(tekst))
    raak = len(woorden & kern.woorden)
    op_onderwerp = (
        onderwerp_zeker
        or bool(kern.feiten and not gemist)
        or raak >= min(ONDERWERP_WOORDEN, len(kern.woorden) or 1)
        or (bool(kern.woorden) and raak / len(kern.woorden) >= ONDERWERP_MIN)
    )
    if fout or not op_onderwerp:
        aandeel = 0.0
    elif kern.feiten:
        aandeel = BASIS_AANDEEL + (1 - BASIS_AANDEEL) * len(genoemd) / len(kern.feiten)
    else:
        aandeel = 1.0
    return TekstOordeel(
        artikel=kern.artikel,
        aandeel=aandeel,
        op_onderwerp=op_onderwerp,
        genoemd=genoemd,
        gemist=gemist,
        fout=fout,
    )


def tekst_score_best(tekst: str, kernen: list[Kern]) -> TekstOordeel | None:
    """The best judgement of a text over several good articles (None without articles)."""
    oordelen = [tekst_score(tekst, kern) for kern in kernen]
    if not oordelen:
        return None
    # A wrong value counts even if another article would have fitted: the customer heard it.
    goed = [o for o in oordelen if o.op_onderwerp and not o.is_fout]
    if goed:
        return max(goed, key=lambda o: o.aandeel)
    fout = [o for o in oordelen if o.is_fout]
    return fout[0] if fout else oordelen[0]
