"""Reads for the knowledge base: search results with the published version they render."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from rapidfuzz import fuzz

from loket.catalogue.models import Organisatie, Product
from loket.core.errors import DomainError
from loket.knowledge.constants import KANAAL_VARIANTEN
from loket.knowledge.models import ArtikelVersie, Kennisartikel, Synoniem, ZoekKeuze, ZoekLog
from loket.knowledge.search.analyzer import analyse, tokens
from loket.knowledge.search.engine import SYNONYMS_FILE, search
from loket.knowledge.search.hulplijnen import Hulplijn, hulplijnen
from loket.knowledge.search.leren import TERMIJN, Leerstand, leer_sleutel, leerstanden


@dataclass
class Antwoord:
    """One search result as every channel renders it: the same published version."""

    soort: str  # "artikel" or "product"
    titel: str
    tekst: str
    score: float
    producten: list[Product] = field(default_factory=list)
    versie: ArtikelVersie | None = None
    uitleg: list[dict] = field(default_factory=list)
    # Where the citizen is referred to when another body handles it ("Regelt u bij …").
    organisatie: Organisatie | None = None

    @property
    def regelt_u_bij(self) -> str:
        return self.organisatie.verwijstekst if self.organisatie else ""


def verwijs_organisatie(
    *, versie: ArtikelVersie | None, producten: list[Product]
) -> Organisatie | None:
    """The organisation of an answer: the one frozen in the version, else the products' own when
    none of them is the municipality's (a product-only hit of a national product)."""
    if versie is not None and versie.organisatie_id:
        return versie.organisatie
    if producten and not any(p.is_gemeente for p in producten):
        return next((p.organisatie for p in producten if p.organisatie_id), None)
    return None


@dataclass
class Zoekresultaat:
    q: str
    antwoorden: list[Antwoord]
    melding: str
    ingekort: bool
    # Shown above every answer when the question signals danger (search/hulplijnen.py).
    hulplijnen: list[Hulplijn] = field(default_factory=list)


# Below this keyword score the best result is a guess: the query is logged for redacteuren.
LOW_CONFIDENCE = 4.0


def kennis_search(
    *, q: str, kanaal: str = "web", limit: int = 10, prefix: bool = False, uitleg: bool = False
) -> Zoekresultaat:
    """Search and render each result in the channel's variant of the published version.

    Finished queries (not as-you-type prefixes) without a result or with a low-confidence best
    result are logged in ZoekLog for the redactie."""
    if kanaal not in KANAAL_VARIANTEN:
        raise DomainError(
            f"Onbekend kanaal '{kanaal}'; kies uit {', '.join(KANAAL_VARIANTEN)}.", field="kanaal"
        )
    if not 1 <= limit <= 50:
        raise DomainError("Het aantal resultaten moet tussen 1 en 50 liggen.", field="limit")
    result = search(q, limit=limit, prefix=prefix, explain=uitleg, learned=geleerd_voor(q))
    if result.query and not prefix:
        top = result.hits[0].keyword_score if result.hits else None
        if top is None or top < LOW_CONFIDENCE:
            ZoekLog.objects.create(
                q=result.query, kanaal=kanaal, aantal_resultaten=len(result.hits), top_score=top
            )
    version_ids = [
        h.document.payload["versie_id"] for h in result.hits if h.document.kind == "artikel"
    ]
    versions = {
        v.pk: v
        for v in ArtikelVersie.objects.filter(pk__in=version_ids).select_related(
            "artikel", "organisatie"
        )
    }
    names = {name for h in result.hits for name in h.document.products}
    products = {
        p.upl_naam: p
        for p in Product.objects.filter(upl_naam__in=names).select_related("organisatie")
    }
    antwoorden = []
    for hit in result.hits:
        linked = [products[n] for n in hit.document.products if n in products]
        if hit.document.kind == "artikel":
            versie = versions.get(hit.document.payload["versie_id"])
            if versie is None:
                continue
            tekst = getattr(versie, KANAAL_VARIANTEN[kanaal]) or versie.antwoord
            antwoorden.append(
                Antwoord(
                    "artikel",
                    versie.vraag,
                    tekst,
                    hit.score,
                    linked,
                    versie,
                    _uitleg(hit),
                    verwijs_organisatie(versie=versie, producten=linked),
                )
            )
        else:
            product = linked[0] if linked else None
            if product is None:
                continue
            antwoorden.append(
                Antwoord(
                    "product",
                    product.naam,
                    product.samenvatting,
                    hit.score,
                    linked,
                    None,
                    _uitleg(hit),
                    verwijs_organisatie(versie=None, producten=linked),
                )
            )
    return Zoekresultaat(
        q=result.query,
        antwoorden=antwoorden,
        melding=result.message,
        ingekort=result.truncated,
        hulplijnen=hulplijnen(result.query),
    )


def _uitleg(hit: Any) -> list[dict]:
    """Why a result ranks: the matched index terms and their share, plus the semantic score and
    what use taught."""
    parts = [{"term": term, "bijdrage": value} for term, value in hit.explanation]
    if hit.semantic_score:
        parts.append({"term": "(betekenis, embeddings)", "bijdrage": round(hit.semantic_score, 3)})
    if hit.learned:
        parts.append({"term": "(geleerd uit gebruik)", "bijdrage": round(hit.learned, 3)})
    return parts


# --- learning from use (issue 23; search/leren.py) ----------------------------------------------


def _keuzes(**filters):
    """The judgements still in use: within the term, not rejected by the redactie (a rejected
    pair's later judgements are stored rejected too, see zoekkeuze_register)."""
    now = timezone.now()
    rows = ZoekKeuze.objects.filter(
        afgewezen=False, gekozen_op__gte=now - TERMIJN, **filters
    ).values_list("sleutel", "artikel_id", "wie", "geholpen", "gekozen_op", "zoekvraag")
    return now, rows


def geleerd_voor(q: str) -> dict[str, float]:
    """What use taught for this question: per article document key its shift as a share of the
    best score (search/leren.py). Empty for a question not learned from, and while fewer than
    two people agree. One indexed query."""
    sleutel = leer_sleutel(" ".join((q or "").split())[:500])
    if not sleutel:
        return {}
    now, rows = _keuzes(sleutel=sleutel)
    standen = leerstanden(((a, wie, ok, op) for _s, a, wie, ok, op, _q in rows), now=now)
    return {
        f"artikel:{a}": stand.verschuiving for a, stand in standen.items() if stand.verschuiving
    }


@dataclass
class GeleerdeVraag:
    """For the redactie: a question and an article use taught something about."""

    sleutel: str
    zoekvraag: str  # the latest wording
    artikel: Kennisartikel
    stand: Leerstand


def geleerde_vragen(*, limit: int = 100) -> list[GeleerdeVraag]:
    """The pairs use taught most about (people, then most recent), with whether they already
    shift the ranking, for the redactie's page "Geleerd uit gebruik"."""
    now, rows = _keuzes()
    per_sleutel: dict[str, list[tuple]] = {}
    wording: dict[str, tuple] = {}
    for s, a, wie, ok, op, zoekvraag in rows.iterator():
        per_sleutel.setdefault(s, []).append((a, wie, ok, op))
        if s not in wording or op > wording[s][0]:
            wording[s] = (op, zoekvraag)
    pairs = [
        (s, stand)
        for s, sleutel_rows in per_sleutel.items()
        for stand in leerstanden(sleutel_rows, now=now).values()
    ]
    pairs.sort(
        key=lambda p: (p[1].mensen_voor + p[1].mensen_tegen, p[1].laatst or now), reverse=True
    )
    pairs = pairs[:limit]
    artikelen = Kennisartikel.objects.in_bulk([stand.artikel_id for _, stand in pairs])
    return [
        GeleerdeVraag(s, wording[s][1], artikelen[stand.artikel_id], stand)
        for s, stand in pairs
        if stand.artikel_id in artikelen
    ]


def product_antwoorden(*, product: Product) -> list[ArtikelVersie]:
    """The published versions of the articles about a product: what its product page shows."""
    return list(
        ArtikelVersie.objects.filter(
            pk__in=product.kennisartikelen.filter(gepubliceerde_versie__isnull=False).values(
                "gepubliceerde_versie"
            )
        )
        .select_related("artikel", "organisatie")
        .order_by("vraag")
    )


# --- which of an answer's products the question is about (issue 16, item 2) --------------------

FUZZY_MIN_RATIO = 88  # a typo ("pasport") still matches a word of 5+ letters
FUZZY_MIN_LENGTH = 5


def product_synoniemen() -> dict[str, list[str]]:
    """The citizens' words for each product (UPL name → synonyms), from the bundled list."""
    if not SYNONYMS_FILE.exists():
        return {}
    return _read_synonyms(SYNONYMS_FILE.stat().st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _read_synonyms(mtime: int) -> dict[str, list[str]]:
    synonyms: dict[str, list[str]] = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    return synonyms


def tekst_stems(text: str) -> frozenset[str]:
    """The stems of a text as the knowledge search sees them (normalised, no stopwords)."""
    return frozenset(analyse(text))


def stems_matched(wanted: frozenset[str], given: frozenset[str]) -> int:
    """How many of the `wanted` stems occur in `given`, exactly or as a near-typo."""
    count = 0
    for stem_ in wanted:
        if stem_ in given or (
            len(stem_) >= FUZZY_MIN_LENGTH
            and any(
                len(other) >= FUZZY_MIN_LENGTH and fuzz.ratio(stem_, other) >= FUZZY_MIN_RATIO
                for other in given
            )
        ):
            count += 1
    return count


def _with_synonyms(text: str) -> str:
    """The text plus the meaning of every citizen's word in it ("id kaart" → identiteitskaart)."""
    padded = f" {' '.join(tokens(text))} "
    meanings = [
        meaning
        for term, meaning in Synoniem.objects.filter(is_actief=True).values_list(
            "term", "betekenis"
        )
        if f" {' '.join(tokens(term))} " in padded
    ]
    return " ".join([text, *meanings])


def vraag_product_match(*, vraagtekst: str, producten: Sequence[Product]) -> Product | None:
    """The product among an answer's `producten` the customer's question is about.

    Each active product scores its citizen title and UPL name (2 points per stem the question
    has) and its best citizen synonym (the share of its stems the question has), with the
    project's Dutch analysis (stemming, synonyms, near-typos). The highest score wins, the
    municipality's own product on a tie. Without any match: the municipality's own product,
    else one another organisation handles (what the panel chose before)."""
    kiesbaar = [p for p in producten if p.is_actief]
    if not kiesbaar:
        return None
    vraag = tekst_stems(_with_synonyms(vraagtekst))
    synoniemen = product_synoniemen()
    best: tuple[float, bool] = (0.0, False)
    gekozen: Product | None = None
    for product in kiesbaar:
        naam = tekst_stems(f"{product.naam} {product.upl_naam}")
        varianten = [tekst_stems(s) for s in synoniemen.get(product.upl_naam, [])]
        score = 2.0 * stems_matched(naam, vraag) + max(
            (stems_matched(v, vraag) / len(v) for v in varianten if v), default=0.0
        )
        key = (score, product.is_gemeente)
        if score > 0 and key > best:
            best, gekozen = key, product
    if gekozen is not None:
        return gekozen
    return next((p for p in kiesbaar if p.is_gemeente), None) or next(
        (p for p in kiesbaar if p.organisatie_id), None
    )
