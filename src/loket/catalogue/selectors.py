"""Reads for the product catalogue."""

from __future__ import annotations

import uuid as uuid_lib

from django.db.models import Q, QuerySet

from loket.catalogue.models import Organisatie, Product
from loket.core.errors import DomainError

DOELGROEPEN = {"burger": "doelgroep_burger", "bedrijf": "doelgroep_bedrijf"}
OVERHEIDSLAGEN = {
    "gemeente": "is_gemeente",
    "rijk": "is_rijk",
    "provincie": "is_provincie",
    "waterschap": "is_waterschap",
}


def product_list(
    *,
    gemeente_only: bool = True,
    doelgroep: str | None = None,
    q: str | None = None,
    overheidslaag: str | None = None,
    include_inactive: bool = False,
    verwijsbaar: bool = False,
) -> QuerySet[Product]:
    """Products by UPL name. By default the municipality's own (active) products.

    `overheidslaag` (gemeente, rijk, provincie, waterschap) selects a layer instead of the
    municipal default; `verwijsbaar` adds to the municipal default the products of other bodies
    that are linked to the organisation handling them (what the KCC refers citizens to); `doelgroep` is burger or bedrijf; `q` searches the names and summary.
    """
    qs = Product.objects.select_related("organisatie", "dienstverleningsformule").prefetch_related(
        "levensgebeurtenissen"
    )
    if not include_inactive:
        qs = qs.filter(is_actief=True)
    if overheidslaag:
        if overheidslaag not in OVERHEIDSLAGEN:
            raise DomainError(
                f"Onbekende overheidslaag '{overheidslaag}'; kies uit {', '.join(OVERHEIDSLAGEN)}.",
                field="overheidslaag",
            )
        qs = qs.filter(**{OVERHEIDSLAGEN[overheidslaag]: True})
    elif gemeente_only and verwijsbaar:
        qs = qs.filter(Q(is_gemeente=True) | Q(organisatie__isnull=False))
    elif gemeente_only:
        qs = qs.filter(is_gemeente=True)
    if doelgroep:
        if doelgroep not in DOELGROEPEN:
            raise DomainError(
                f"Onbekende doelgroep '{doelgroep}'; kies uit burger of bedrijf.", field="doelgroep"
            )
        qs = qs.filter(**{DOELGROEPEN[doelgroep]: True})
    if q and q.strip():
        for word in q.split():
            qs = qs.filter(
                Q(upl_naam__icontains=word)
                | Q(titel__icontains=word)
                | Q(samenvatting__icontains=word)
            )
    return qs.order_by("upl_naam")


def product_get(*, uuid: uuid_lib.UUID | str) -> Product | None:
    """The product with this public UUID, or None (also for a malformed UUID)."""
    try:
        value = uuid if isinstance(uuid, uuid_lib.UUID) else uuid_lib.UUID(str(uuid))
    except ValueError:
        return None
    return (
        Product.objects.select_related("organisatie", "dienstverleningsformule")
        .prefetch_related("levensgebeurtenissen")
        .filter(uuid=value)
        .first()
    )


def organisatie_list(*, include_inactive: bool = False) -> QuerySet[Organisatie]:
    """The organisations the KCC refers citizens to, by name."""
    qs = Organisatie.objects.all()
    if not include_inactive:
        qs = qs.filter(is_actief=True)
    return qs.order_by("naam")


def product_list_by_upl(upl_namen: list[str]) -> list[Product]:
    """The products with these UPL names, in the order given (unknown names are left out)."""
    by_naam = {p.upl_naam: p for p in Product.objects.filter(upl_naam__in=list(upl_namen))}
    return [by_naam[naam] for naam in upl_namen if naam in by_naam]
