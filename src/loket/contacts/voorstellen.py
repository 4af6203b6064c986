"""Selectors: what to record for a question answered from the knowledge base (issue 16, item 2).

"Gebruik dit antwoord" fills the answer; this module proposes the product and the contactreden
to record with it, so the agent need not pick them from long lists. The agent can change both.
Reads only reference data and counts of earlier questions (no personal data).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from loket.catalogue.models import Product
from loket.contacts.models import Contactreden, Vraag
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.selectors import stems_matched, tekst_stems, vraag_product_match

# A contactreden whose name shares at least this share of its words with the question (or the
# article's question) is proposed on its words.
TEKST_MIN_DEKKING = 0.5

BRON_ANTWOORD = "antwoord"  # how earlier questions with this answer were registered
BRON_TEKST = "tekst"  # the words of the question and the answer
BRON_PRODUCT = "product"  # how earlier questions about this product were registered


@dataclass(frozen=True)
class RegistratieVoorstel:
    product: Product | None
    contactreden: Contactreden | None
    bron: str = ""  # where the contactreden comes from (BRON_*), "" when none

    @property
    def toelichting(self) -> str:
        return {
            BRON_ANTWOORD: "zo vaak vastgelegd bij dit antwoord",
            BRON_TEKST: "past bij de woorden van de vraag",
            BRON_PRODUCT: "zo vaak vastgelegd bij dit product",
        }.get(self.bron, "")


def _kiesbare_redenen() -> QuerySet[Contactreden]:
    """The subredenen an agent can choose (active, under an active hoofdreden)."""
    return Contactreden.objects.filter(
        is_actief=True, hoofdreden__isnull=False, hoofdreden__is_actief=True
    ).select_related("hoofdreden")


def _meest_gekozen(vragen: QuerySet[Vraag]) -> Contactreden | None:
    """The contactreden most often recorded for these questions (the lowest pk on a tie)."""
    row = (
        vragen.filter(contactreden__in=_kiesbare_redenen())
        .values("contactreden")
        .annotate(n=Count("pk"))
        .order_by("-n", "contactreden")
        .first()
    )
    return _kiesbare_redenen().get(pk=row["contactreden"]) if row else None


def _op_tekst(tekst: str, *, product: Product | None) -> Contactreden | None:
    """The contactreden whose name the text covers best (at least TEKST_MIN_DEKKING); on a tie
    the one recorded most often for the product."""
    woorden = tekst_stems(tekst)
    scores: list[tuple[float, Contactreden]] = []
    for reden in _kiesbare_redenen():
        naam = tekst_stems(reden.naam)
        if naam:
            dekking = stems_matched(naam, woorden) / len(naam)
            if dekking >= TEKST_MIN_DEKKING:
                scores.append((dekking, reden))
    if not scores:
        return None
    top = max(score for score, _ in scores)
    besten = [reden for score, reden in scores if score == top]
    if len(besten) > 1 and product is not None:
        gebruikt = dict(
            Vraag.objects.filter(product=product, contactreden__in=besten)
            .values_list("contactreden")
            .annotate(n=Count("pk"))
        )
        besten.sort(key=lambda r: (-gebruikt.get(r.pk, 0), r.volgorde, r.naam))
    return besten[0]


def contactreden_suggest(
    *, vraagtekst: str, versie: ArtikelVersie | None, product: Product | None
) -> tuple[Contactreden | None, str]:
    """The contactreden to propose for a question, and where it comes from (BRON_*).

    In this order: the reason most often recorded before with this answer (kennisartikel) and
    this product, then with this answer; else the reason whose name the question and the
    answer's question cover; else the reason most often recorded with this product; else none.
    """
    if versie is not None:
        eerder = Vraag.objects.filter(kennisartikel_versie__artikel_id=versie.artikel_id)
        if product is not None:
            reden = _meest_gekozen(eerder.filter(product=product))
            if reden is not None:
                return reden, BRON_ANTWOORD
        reden = _meest_gekozen(eerder)
        if reden is not None:
            return reden, BRON_ANTWOORD
    tekst = f"{vraagtekst} {versie.vraag if versie is not None else ''}"
    reden = _op_tekst(tekst, product=product)
    if reden is not None:
        return reden, BRON_TEKST
    if product is not None:
        reden = _meest_gekozen(Vraag.objects.filter(product=product))
        if reden is not None:
            return reden, BRON_PRODUCT
    return None, ""


def vraag_registratie_voorstel(*, versie: ArtikelVersie, vraagtekst: str) -> RegistratieVoorstel:
    """What to record with `versie` given as the answer to `vraagtekst`: the product among the
    answer's products the question is about, and the contactreden (contactreden_suggest)."""
    namen = list(versie.product_upl_namen or [])
    by_name = {
        p.upl_naam: p
        for p in Product.objects.filter(Q(upl_naam__in=namen)).select_related("organisatie")
    }
    product = vraag_product_match(
        vraagtekst=vraagtekst, producten=[by_name[n] for n in namen if n in by_name]
    )
    reden, bron = contactreden_suggest(vraagtekst=vraagtekst, versie=versie, product=product)
    return RegistratieVoorstel(product=product, contactreden=reden, bron=bron)
