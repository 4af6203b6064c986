"""The catalogue's part of the demo (runs first among the extensions): service formulas,
enriched products and life events (the portal's page feedback follows as its own extension)."""

from __future__ import annotations

from loket.catalogue.models import Product
from loket.catalogue.services import catalogus_enrich


def build(builder, summary) -> dict | None:
    result = catalogus_enrich()
    # The builder keeps its product map; refresh it so later extensions see the formulas.
    builder.products = {p.upl_naam: p for p in Product.objects.select_related("organisatie")}
    counts = {f"catalogus_{name}": count for name, count in result.as_counts().items()}
    return counts
