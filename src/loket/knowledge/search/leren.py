"""Learning from use (issue 23): which article people chose for the same question.

The judgements are `ZoekKeuze` rows: an agent gave an article's answer in a saved contact, or a
citizen said an article reached from a search helped (or did not). For a new search with the
same words (the same stems, in any order) the articles chosen move up, those that did not help
move down. Guards, so use teaches without one person steering it:

- one person counts once per question and article (their latest judgement), however often they
  click; a shift needs at least MIN_MENSEN different people in its direction;
- a judgement weighs less as it ages (half every HALFWAARDE) and is forgotten after TERMIJN;
- the shift is a share of the best result's score (STAP per person, at most MAX_MENSEN people),
  so the search itself still decides among the rest;
- the redactie sees what was learned and can reject a pair (`afgewezen`).

Pure functions: the rows come from the selectors, the key from the analyser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from loket.knowledge.search.analyzer import analyse, tokens

HALFWAARDE = dt.timedelta(days=90)
TERMIJN = dt.timedelta(days=365)
MIN_MENSEN = 2
STAP = 0.25
MAX_MENSEN = 4
# Longer texts (an agent's summary of a call) are not learned from: they rarely repeat and may
# hold personal details.
MAX_WOORDEN = 8


def leer_sleutel(zoekvraag: str) -> str:
    """The stems of a question, sorted and unique: "Paspoort verlopen?" and "verlopen paspoort"
    share a key. Empty when the question must not be learned from: no content words, more than
    MAX_WOORDEN, or any digit (a BSN, a phone number, a house number)."""
    if any(ch.isdigit() for ch in zoekvraag or ""):
        return ""
    if len(tokens(zoekvraag or "")) > MAX_WOORDEN * 2:
        return ""
    stems = sorted(set(analyse(zoekvraag or "")))
    if not stems or len(stems) > MAX_WOORDEN:
        return ""
    return " ".join(stems)[:200]


def wie_hash(bron: str, ident: str) -> str:
    """A one-way token for a person (user id or IP address), to count people, not find them:
    an HMAC keyed with the installation's SECRET_KEY, so a table of all IP addresses or user ids
    does not reverse it."""
    from django.conf import settings

    return hmac.new(
        settings.SECRET_KEY.encode(), f"loket-zoekkeuze:{bron}:{ident}".encode(), hashlib.sha256
    ).hexdigest()


@dataclass
class Leerstand:
    """What use taught about one article for one question."""

    artikel_id: int
    mensen_voor: int = 0
    mensen_tegen: int = 0
    voor: float = 0.0  # decayed weight of the people it helped
    tegen: float = 0.0  # and of those it did not
    laatst: dt.datetime | None = None

    @property
    def verschuiving(self) -> float:
        """The shift as a share of the best score: positive moves up, negative down, 0 while
        fewer than MIN_MENSEN people agree."""
        netto = self.voor - self.tegen
        if netto > 0 and self.mensen_voor >= MIN_MENSEN:
            return STAP * min(netto, MAX_MENSEN)
        if netto < 0 and self.mensen_tegen >= MIN_MENSEN:
            return -STAP * min(-netto, MAX_MENSEN)
        return 0.0


def leerstanden(
    rows: Iterable[tuple[int, str, bool, dt.datetime]], *, now: dt.datetime
) -> dict[int, Leerstand]:
    """Per article, from rows (artikel_id, wie, geholpen, gekozen_op): each person's latest
    judgement, weighted by its age."""
    latest: dict[tuple[int, str], tuple[bool, dt.datetime]] = {}
    for artikel_id, wie, geholpen, gekozen_op in rows:
        if now - gekozen_op > TERMIJN:
            continue
        key = (artikel_id, wie)
        if key not in latest or gekozen_op > latest[key][1]:
            latest[key] = (geholpen, gekozen_op)
    standen: dict[int, Leerstand] = {}
    for (artikel_id, _wie), (geholpen, gekozen_op) in latest.items():
        stand = standen.setdefault(artikel_id, Leerstand(artikel_id))
        weight = 0.5 ** (max((now - gekozen_op) / HALFWAARDE, 0.0))
        if geholpen:
            stand.mensen_voor += 1
            stand.voor += weight
        else:
            stand.mensen_tegen += 1
            stand.tegen += weight
        if stand.laatst is None or gekozen_op > stand.laatst:
            stand.laatst = gekozen_op
    return standen
