"""Reads for zaken."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from loket.cases.models import Zaak
from loket.core.audit import audit_record
from loket.core.models import AuditAction

VIEW_PERSON_DATA = "accounts.view_person_data"


def _zaken() -> QuerySet[Zaak]:
    return Zaak.objects.select_related(
        "zaaktype", "status__statustype", "team", "behandelaar", "initiator"
    )


def zaak_list_for_party(*, partij, user, purpose: str) -> QuerySet[Zaak]:
    """The zaken a customer started, newest first. The read is recorded in the audit log."""
    if user is None or not user.has_perm(VIEW_PERSON_DATA):
        raise PermissionDenied("U mag de zaken van klanten niet inzien.")
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "zaken"},
    )
    return _zaken().filter(initiator=partij).order_by("-startdatum", "-pk")


def zaak_list_for_team(*, team, open_only: bool = True) -> QuerySet[Zaak]:
    """A team's work queue: the most urgent (earliest target date) first."""
    qs = _zaken().filter(team=team)
    if open_only:
        qs = qs.filter(einddatum__isnull=True)
    return qs.order_by("einddatum_gepland", "uiterlijke_einddatum_afdoening", "pk")


def zaak_werkvoorraad_per_team(*, teams) -> dict[int, dict[str, int]]:
    """Per team (by pk) its open zaken, those past the streefdatum (einddatum_gepland) and
    those past the fatale datum (uiterlijke_einddatum_afdoening). Counts only."""
    from django.db.models import Count, Q
    from django.utils import timezone

    today = timezone.localdate()
    counts = {pk: {"open": 0, "over_streefdatum": 0, "over_fatale_datum": 0} for pk in teams}
    rows = (
        Zaak.objects.filter(team__in=list(counts), einddatum__isnull=True)
        .values("team_id")
        .annotate(
            open=Count("pk"),
            over_streefdatum=Count("pk", filter=Q(einddatum_gepland__lt=today)),
            over_fatale_datum=Count("pk", filter=Q(uiterlijke_einddatum_afdoening__lt=today)),
        )
    )
    for row in rows:
        counts[row.pop("team_id")] = row
    return counts
