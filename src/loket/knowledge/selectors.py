"""Reads for the knowledge base: search results with the published version they render."""

from __future__ import annotations

from dataclasses import dataclass, field

from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.knowledge.constants import KANAAL_VARIANTEN
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.search.engine import search


@dataclass
class Antwoord:
    """One search result as every channel renders it: the same published version."""

    soort: str  # "artikel" or "product"
    titel: str
    tekst: str
    score: float
    producten: list[Product] = field(default_factory=list)
    versie: ArtikelVersie | None = None


@dataclass
class Zoekresultaat:
    q: str
    antwoorden: list[Antwoord]
    melding: str
    ingekort: bool


def kennis_zoeken(
    *, q: str, kanaal: str = "web", limit: int = 10, prefix: bool = False
) -> Zoekresultaat:
    if kanaal not in KANAAL_VARIANTEN:
        raise DomainError(
            f"Onbekend kanaal '{kanaal}'; kies uit {', '.join(KANAAL_VARIANTEN)}.", field="kanaal"
        )
    if not 1 <= limit <= 50:
        raise DomainError("Het aantal resultaten moet tussen 1 en 50 liggen.", field="limit")
    result = search(q, limit=limit, prefix=prefix)
    version_ids = [
        h.document.payload["versie_id"] for h in result.hits if h.document.kind == "artikel"
    ]
    versions = {
        v.pk: v for v in ArtikelVersie.objects.filter(pk__in=version_ids).select_related("artikel")
    }
    names = {name for h in result.hits for name in h.document.products}
    products = {p.upl_naam: p for p in Product.objects.filter(upl_naam__in=names)}
    antwoorden = []
    for hit in result.hits:
        linked = [products[n] for n in hit.document.products if n in products]
        if hit.document.kind == "artikel":
            versie = versions.get(hit.document.payload["versie_id"])
            if versie is None:
                continue
            tekst = getattr(versie, KANAAL_VARIANTEN[kanaal]) or versie.antwoord
            antwoorden.append(Antwoord("artikel", versie.vraag, tekst, hit.score, linked, versie))
        else:
            product = linked[0] if linked else None
            if product is None:
                continue
            antwoorden.append(
                Antwoord("product", product.naam, product.samenvatting, hit.score, linked)
            )
    return Zoekresultaat(
        q=result.query, antwoorden=antwoorden, melding=result.message, ingekort=result.truncated
    )
