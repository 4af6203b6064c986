"""Item statistics of the kennistoets (classical test theory), so weak questions can be fixed.

An item is one question as asked: its text, its article version and its options. Every test is
different (questions are drawn from the knowledge base), so an answer is compared with the rest
of its own test: the share of the OTHER questions of that test answered correctly (the rest
score; an item does not correlate with itself).

- p-value: the share of answers that were correct (difficulty; high is easy).
- Discrimination, point-biserial (corrected item-rest correlation):
  r = (M1 − M0) / s · √(p·q), with M1 and M0 the mean rest score of those who answered the item
  right and wrong, s the (population) standard deviation of the rest scores, q = 1 − p.
- Discrimination, upper-lower index: rank the answers by rest score; the upper and lower 27%
  (at least one answer each) are compared: D = p(upper) − p(lower).

An item with fewer than MIN_ANTWOORDEN answers gets no figures.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

MIN_ANTWOORDEN = 5
GROEP = 0.27
TE_MAKKELIJK = 0.9
TE_MOEILIJK = 0.3
ONDERSCHEIDT_SLECHT = 0.2


@dataclass(frozen=True)
class Antwoord:
    toets: Hashable
    item: Hashable
    goed: bool


@dataclass
class ItemCijfers:
    item: Hashable
    n: int
    p: float | None = None
    r_pb: float | None = None
    d: float | None = None
    signalen: list[str] = field(default_factory=list)


def _signalen(cijfers: ItemCijfers) -> list[str]:
    if cijfers.p is None:
        return [f"te weinig antwoorden (minder dan {MIN_ANTWOORDEN})"]
    signalen = []
    if cijfers.r_pb is not None and cijfers.r_pb < 0:
        signalen.append("betere medewerkers maken deze vraag vaker fout: controleer het antwoord")
    elif cijfers.r_pb is not None and cijfers.r_pb < ONDERSCHEIDT_SLECHT:
        signalen.append("onderscheidt slecht: maak de foute antwoorden aannemelijker")
    if cijfers.p >= TE_MAKKELIJK:
        signalen.append("te makkelijk")
    elif cijfers.p <= TE_MOEILIJK:
        signalen.append("te moeilijk of onduidelijk")
    return signalen


def item_cijfers(antwoorden: Iterable[Antwoord]) -> dict[Hashable, ItemCijfers]:
    """p-value, point-biserial and upper-lower index of every item in these answers."""
    antwoorden = list(antwoorden)
    per_toets: dict[Hashable, list[bool]] = defaultdict(list)
    for a in antwoorden:
        per_toets[a.toets].append(a.goed)
    per_item: dict[Hashable, list[tuple[float, bool, str]]] = defaultdict(list)
    for a in antwoorden:
        toets = per_toets[a.toets]
        if len(toets) < 2:
            continue
        rest = (sum(toets) - a.goed) / (len(toets) - 1)
        per_item[a.item].append((rest, a.goed, str(a.toets)))
    uitkomst = {}
    for item, rijen in per_item.items():
        cijfers = ItemCijfers(item=item, n=len(rijen))
        if len(rijen) >= MIN_ANTWOORDEN:
            n = len(rijen)
            p = sum(goed for _, goed, _ in rijen) / n
            cijfers.p = p
            rests = [rest for rest, _, _ in rijen]
            gemiddeld = sum(rests) / n
            s = math.sqrt(sum((r - gemiddeld) ** 2 for r in rests) / n)
            if 0 < p < 1 and s > 0:
                m1 = sum(r for r, goed, _ in rijen if goed) / sum(1 for _, g, _ in rijen if g)
                m0 = sum(r for r, goed, _ in rijen if not goed) / sum(
                    1 for _, g, _ in rijen if not g
                )
                cijfers.r_pb = (m1 - m0) / s * math.sqrt(p * (1 - p))
            groep = max(1, round(GROEP * n))
            geordend = sorted(rijen, key=lambda rij: (-rij[0], rij[2]))
            boven, onder = geordend[:groep], geordend[-groep:]
            cijfers.d = sum(g for _, g, _ in boven) / groep - sum(g for _, g, _ in onder) / groep
        cijfers.signalen = _signalen(cijfers)
        uitkomst[item] = cijfers
    return uitkomst
