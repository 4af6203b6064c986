"""Reads for e-forms and submissions (appointments and the counter queue: loket.balie)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from loket.catalogue.models import Levensgebeurtenis
from loket.core.audit import audit_record
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.parties.selectors import ensure_may_view_person_data
from loket.selfservice.models import (
    Concept,
    Formulier,
    Inzending,
)

if TYPE_CHECKING:
    from loket.catalogue.models import Product
    from loket.parties.models import Partij


def formulier_for_product(product: Product) -> Formulier | None:
    """The active form of a product (the portal links "Regel het online" to it), or None."""
    return Formulier.objects.filter(product=product, is_actief=True).order_by("pk").first()


def formulier_get(*, slug: str) -> Formulier | None:
    return (
        Formulier.objects.select_related(
            "product__dienstverleningsformule", "contactreden", "zaaktype"
        )
        .filter(slug=slug, is_actief=True)
        .first()
    )


def formulier_list() -> QuerySet[Formulier]:
    return Formulier.objects.filter(is_actief=True).select_related("product").order_by("titel")


def inzending_list_for_partij(partij: Partij | None) -> QuerySet[Inzending]:
    """A citizen's own submissions, newest first (Mijn Loket)."""
    if partij is None:
        return Inzending.objects.none()
    return (
        Inzending.objects.filter(partij=partij)
        .select_related("formulier__product", "zaak__status__statustype")
        .order_by("-ingediend_op", "-pk")
    )


def inzending_get_for_partij(*, uuid: UUID | str, partij: Partij | None) -> Inzending | None:
    return inzending_list_for_partij(partij).filter(uuid=uuid).first()


def inzending_for_retry(*, idempotency_key: str, partij: Partij | None) -> Inzending | None:
    """The submission a retried (double-clicked, resent) submit with this key already stored, when
    it is this visitor's: the same partij, or anonymous for an anonymous visitor. Another's key
    finds nothing here (the service refuses it), so a key never reads someone else's submission."""
    if not idempotency_key:
        return None
    stored = (
        Inzending.objects.select_related("formulier__product", "partij")
        .filter(idempotency_key=idempotency_key)
        .first()
    )
    if stored is None or stored.partij_id != (partij.pk if partij else None):
        return None
    return stored


def inzending_get_for_visitor(
    *, uuid: UUID | str, partij: Partij | None, session_uuids: list[str]
) -> Inzending | None:
    """A submission its citizen may see: theirs when logged in, or an anonymous one this browser
    session submitted."""
    inzending = inzending_get_for_partij(uuid=uuid, partij=partij)
    if inzending is None and str(uuid) in session_uuids:
        inzending = (
            Inzending.objects.select_related("formulier__product", "zaak__status__statustype")
            .filter(uuid=uuid, partij__isnull=True)
            .first()
        )
    return inzending


# Offered after a move within the municipality: never the products of moving abroad.
AANBOD_NIET_BIJ_VERHUIZING_BINNEN_GEMEENTE = {"aangifte vertrek buitenland"}


def inzending_vervolgaanbod(inzending: Inzending) -> list[tuple[Product, Formulier | None]]:
    """What the confirmation page offers next ("Regel ook: …"): after the Flits verhuismelding,
    the other products of the life event 'verhuizen', each with its form when Loket has one."""
    if inzending.formulier.automatisering != "verhuizing":
        return []
    return [
        (product, formulier_for_product(product))
        for product in levensgebeurtenis_aanbod(
            slug="verhuizen", behalve=inzending.formulier.product
        )
        if product.upl_naam not in AANBOD_NIET_BIJ_VERHUIZING_BINNEN_GEMEENTE
    ]


def concept_list_for_partij(partij: Partij | None) -> QuerySet[Concept]:
    """Open concepts a citizen can resume."""
    if partij is None:
        return Concept.objects.none()
    return Concept.objects.filter(
        partij=partij, inzending__isnull=True, verloopt_op__gt=timezone.now()
    ).select_related("formulier")


def concept_get(*, token: str) -> Concept | None:
    return (
        Concept.objects.select_related(
            "formulier__product__dienstverleningsformule",
            "formulier__contactreden",
            "formulier__zaaktype",
            "partij",
        )
        .filter(token=token)
        .first()
    )


def levensgebeurtenis_aanbod(
    *, slug: str = "verhuizen", behalve: Product | None = None
) -> list[Product]:
    """The other products of a life event ("Regel ook: ..."), from the catalogue."""

    gebeurtenis = Levensgebeurtenis.objects.filter(slug=slug).first()
    if gebeurtenis is None:
        return []
    producten = gebeurtenis.producten.filter(is_actief=True).order_by(
        "levensgebeurtenisproduct__volgorde", "upl_naam"
    )
    if behalve is not None:
        producten = producten.exclude(pk=behalve.pk)
    return list(producten)


# --- the klantbeeld (staff read a klant's submissions; audited) -------------------------------


def inzending_list_for_klant(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[Inzending]:
    """The submissions of one klant, newest first, for the KCC's klantbeeld. Needs the right to
    see person data; the read is audited (the submitted data itself is read per submission)."""
    ensure_may_view_person_data(user)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "inzendingen"},
    )
    return (
        Inzending.objects.filter(partij=partij)
        .select_related("formulier__product", "zaak__status__statustype")
        .order_by("-ingediend_op", "-pk")
    )


def inzending_get_for_klant(
    *, partij: Partij, pk: int, user: Actor | None, purpose: str
) -> Inzending:
    """One submission of this klant with its data (Inzending.DoesNotExist if not theirs);
    audited."""
    ensure_may_view_person_data(user)
    inzending = Inzending.objects.select_related(
        "formulier__product", "zaak__status__statustype", "klantcontact"
    ).get(partij=partij, pk=pk)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "inzending", "inzending": inzending.kenmerk},
    )
    return inzending
