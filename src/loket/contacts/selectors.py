"""Reads for klantcontacten and contactredenen."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from loket.contacts.models import Contactreden, Klantcontact, Vraag
from loket.core.audit import audit_record
from loket.core.models import AuditAction

VIEW_PERSON_DATA = "accounts.view_person_data"


def contact_list_for_party(*, partij, user, purpose: str) -> QuerySet[Klantcontact]:
    """A customer's contact history, newest first. The read is recorded in the audit log."""
    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de contacthistorie van klanten niet inzien.")
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "klantcontacten"},
    )
    vragen = Vraag.objects.select_related("contactreden__hoofdreden", "product").order_by("pk")
    return (
        Klantcontact.objects.filter(partij=partij)
        .select_related("kanaal", "medewerker")
        .prefetch_related(Prefetch("vragen", queryset=vragen))
        .order_by("-plaatsgevonden_op", "-pk")
    )


def contactreden_tree(*, include_inactive: bool = False) -> list[Contactreden]:
    """Hoofdredenen in their order, each with `.subredenen.all()` holding its (active) subredenen."""
    subs = Contactreden.objects.order_by("volgorde", "naam")
    hoofd = Contactreden.objects.filter(hoofdreden__isnull=True)
    if not include_inactive:
        subs = subs.filter(is_actief=True)
        hoofd = hoofd.filter(is_actief=True)
    return list(
        hoofd.order_by("volgorde", "naam").prefetch_related(Prefetch("subredenen", queryset=subs))
    )
