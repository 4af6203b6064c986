"""The customer's follow-up questions in a training conversation, and whether they were answered.

A follow-up question is a scripted line of the customer (a `Beurt`) that asks something (has a
question mark) and that the customer actually said: the action that made the customer say it
records the line's index (`gegevens["beurt"]`). It is answered when a later action of the
trainee answers that kind of question:

- "how long / how much / when / what does it cost / do I get money back": only an answer
  (an article or the trainee's own words) answers it;
- "can I do it online / where / how do I make the appointment / can I see it myself": an answer
  or channel advice;
- any other question (a worry, "anything else?", "and the rest of my bills?"): an answer,
  channel advice or a proactive offer; a registered contactverzoek or zaak also answers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loket.contacts.constants import Afhandeling
from loket.training.constants import ActieSoort

ALLEEN_ANTWOORD = re.compile(
    r"\b(hoe ?lang|hoeveel|wanneer|wat kost|kost dat|kost het|terug|termijn|hoe laat)\b",
    re.IGNORECASE,
)
ANTWOORD_OF_KANAAL = re.compile(
    r"\b(online|site|website|internet|digitaal|zelf|afspraak|aanvragen|aanvraag|waar|bereik"
    r"|hoe (?:maak|vraag|regel|doe|kom))\w*",
    re.IGNORECASE,
)
REGELT_HET = {Afhandeling.CONTACTVERZOEK, Afhandeling.ZAAK}


def is_vraag(tekst: str) -> bool:
    return "?" in tekst


def antwoorden_op(tekst: str) -> frozenset[str]:
    """The kinds of action that answer this question."""
    if ALLEEN_ANTWOORD.search(tekst):
        return frozenset({ActieSoort.ANTWOORD})
    if ANTWOORD_OF_KANAAL.search(tekst):
        return frozenset({ActieSoort.ANTWOORD, ActieSoort.STURING})
    return frozenset({ActieSoort.ANTWOORD, ActieSoort.STURING, ActieSoort.AANBOD})


@dataclass
class Vervolgvraag:
    tekst: str
    beantwoord: bool


def vervolgvragen(*, beurten, acties: list[dict], afhandelingen: list[str]) -> list[Vervolgvraag]:
    """The follow-up questions the customer asked in this run and whether each was answered.

    `beurten` are the scenario's scripted lines (with `.tekst`); `acties` the trainee's actions
    in order ({"soort", "gegevens"}); `afhandelingen` the registered handling of each question."""
    vragen = []
    regelt = any(a in REGELT_HET for a in afhandelingen)
    for index, actie in enumerate(acties):
        beurt = (actie.get("gegevens") or {}).get("beurt")
        if beurt is None or not 0 <= beurt < len(beurten):
            continue
        tekst = beurten[beurt].tekst
        if not is_vraag(tekst):
            continue
        passend = antwoorden_op(tekst)
        beantwoord = any(a["soort"] in passend for a in acties[index + 1 :]) or (
            regelt and ActieSoort.AANBOD in passend
        )
        vragen.append(Vervolgvraag(tekst=tekst, beantwoord=beantwoord))
    return vragen
