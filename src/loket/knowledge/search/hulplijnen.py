"""Safety lines for questions that signal danger (issue 23).

A question about violence at home, a child being hurt or thoughts of suicide must show the
safety line first, whatever article ranks first: a ranking can be wrong, this must not be. The
signals are a short, reviewed list of phrases (not the ranking's vocabulary), matched on the
normalised question; the lines are the national numbers every Dutch municipality refers to.
A false alarm costs one line of text; a miss can cost more, so the phrases lean to recall.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Hulplijn:
    naam: str
    nummer: str
    tekst: str


NOODNUMMER = Hulplijn("Direct gevaar", "112", "Is er nu gevaar? Bel 112.")
VEILIG_THUIS = Hulplijn(
    "Veilig Thuis",
    "0800-2000",
    "Huiselijk geweld, kindermishandeling of ouderenmishandeling: bel Veilig Thuis, gratis en "
    "dag en nacht, 0800-2000 (ook anoniem).",
)
ZELFMOORDPREVENTIE = Hulplijn(
    "113 Zelfmoordpreventie",
    "0800-0113",
    "Denkt u aan zelfdoding, of maakt u zich zorgen om iemand? Bel 113 Zelfmoordpreventie: "
    "113 of gratis 0800-0113, dag en nacht.",
)

# Violence or abuse at home, of a child or of an elderly person; forced marriage, honour.
_GEWELD = re.compile(
    r"\b("
    r"slaat|slaan|sloeg|geslagen|schopt|schoppen|gestompt|stompt|wurgt|gewurgd|"
    r"mishandel\w*|huiselijk geweld|geweld(dadig\w*)?|"
    r"blauwe plekken|blauwe plek|"
    r"bedreig\w*|dreigt (me|mij|ons|haar|hem|de kinderen)|doodsbang|"
    r"bang voor (mijn|m'n|haar|zijn) (man|vrouw|ex|partner|vriend|vriendin|vader|moeder|zoon)|"
    r"sluit (me|mij|haar|hem) op|opgesloten|"
    r"seksueel misbruik\w*|misbruik(t|en)? (me|mij|haar|hem|ons|mijn \w+)|"
    r"(me|mij|haar|hem|ons) misbruik(t|en)|aangerand\w*|verkracht\w*|"
    r"uithuwelijk\w*|gedwongen (te )?trouwen|gedwongen huwelijk|eergerelateerd\w*|eerwraak|"
    r"loverboy\w*|tekeergaan|tekeer"
    r")\b"
)
# Thoughts of suicide, said the way people say it.
_ZELFDODING = re.compile(
    r"\b("
    r"zelfmoord\w*|zelfdoding|suicid\w*|"
    r"niet meer leven|wil(de)? dood|dood willen|niet meer willen leven|"
    r"wil (er )?niet meer zijn|einde aan (mijn|m'n|haar|zijn) leven|"
    r"mezelf (iets )?aandoen|zichzelf (iets )?aandoen|van kant maken|"
    r"het leven niet meer zien zitten|zie het niet meer zitten|"
    r"liever dood|wou dat (ik|ze|hij) dood was|dood wil|"
    r"(er )?een eind(e)? aan (willen )?maken|geen zin meer in (het|mijn|haar|zijn) leven"
    r")\b"
)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w' ]+", " ", text).split())


# What the search should also look for when a question signals danger: the words of the help,
# which the citizen rarely uses ("mijn man slaat me" names no product; it means Veilig Thuis).
BETEKENIS_GEWELD = "huiselijk geweld veilig thuis"
BETEKENIS_ZELFDODING = "zelfdoding 113 zelfmoordpreventie"


def betekenissen(vraag: str) -> tuple[str, ...]:
    """The meanings of the danger a question signals, as search terms (see the engine)."""
    tekst = _normalise(vraag or "")
    found = []
    if tekst and _GEWELD.search(tekst):
        found.append(BETEKENIS_GEWELD)
    if tekst and _ZELFDODING.search(tekst):
        found.append(BETEKENIS_ZELFDODING)
    return tuple(found)


def hulplijnen(vraag: str) -> list[Hulplijn]:
    """The safety lines a question calls for, most urgent first; empty for most questions."""
    tekst = _normalise(vraag or "")
    if not tekst:
        return []
    lines: list[Hulplijn] = []
    if _GEWELD.search(tekst):
        lines.append(VEILIG_THUIS)
    if _ZELFDODING.search(tekst):
        lines.append(ZELFMOORDPREVENTIE)
    if lines:
        lines.insert(0, NOODNUMMER)
    return lines
