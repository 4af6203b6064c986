"""Reads of the outbox: a party's messages (Mijn Loket, the klantbeeld), the beheer overview,
the API's lists; every read of messages by staff or a system is audited per person."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from loket.core.audit import audit_persons_read, audit_record
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.messaging.models import Bericht, BerichtStatus
from loket.parties.selectors import ensure_may_view_person_data

if TYPE_CHECKING:
    from loket.parties.models import Partij


def bericht_list_for_partij(partij):
    """A party's messages, newest first: what Mijn Loket and the klantbeeld show.

    A message planned for later (an offer timed after its occasion) shows once its time came."""
    now = timezone.now()
    planned = Q(status=BerichtStatus.WACHTRIJ, pogingen=0, volgende_poging_op__gt=now)
    return Bericht.objects.filter(partij=partij).exclude(planned).order_by("-created_at", "-pk")


def outbox_overzicht() -> dict:
    """Counts per status and channel, for the beheer page."""
    rows = Bericht.objects.values("status", "kanaal").annotate(n=Count("pk"))
    per_status = {status: 0 for status in BerichtStatus.values}
    per_kanaal: dict[str, dict[str, int]] = {}
    for row in rows:
        per_status[row["status"]] = per_status.get(row["status"], 0) + row["n"]
        per_kanaal.setdefault(row["kanaal"], {})[row["status"]] = row["n"]
    now = timezone.now()
    return {
        "per_status": per_status,
        "per_kanaal": per_kanaal,
        "retry_wachtend": Bericht.objects.filter(
            status=BerichtStatus.WACHTRIJ, pogingen__gt=0
        ).count(),
        "verlopen_claims": Bericht.objects.filter(
            status=BerichtStatus.VERZENDEN, geclaimd_tot__lt=now
        ).count(),
        "oudste_wachtend": Bericht.objects.filter(
            status=BerichtStatus.WACHTRIJ, volgende_poging_op__lte=now
        )
        .order_by("volgende_poging_op")
        .values_list("volgende_poging_op", flat=True)
        .first(),
    }


def berichten_voor_beheer(
    *, status: str = "", kanaal: str = "", zoek: str = ""
) -> QuerySet[Bericht]:
    qs = Bericht.objects.select_related("partij").order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    if kanaal:
        qs = qs.filter(kanaal=kanaal)
    if zoek:
        qs = qs.filter(Q(onderwerp__icontains=zoek) | Q(laatste_fout__icontains=zoek))
    return qs


def bericht_list(
    *, partij: UUID | str | None = None, status: str = "", kanaal: str = "", soort: str = ""
) -> QuerySet[Bericht]:
    qs = Bericht.objects.select_related("partij").order_by("-created_at", "-pk")
    if partij:
        qs = qs.filter(partij__uuid=partij)
    if status:
        qs = qs.filter(status=status)
    if kanaal:
        qs = qs.filter(kanaal=kanaal)
    if soort:
        qs = qs.filter(soort=soort)
    return qs


def berichten_audit_read(*, user: Actor | None, berichten: Iterable[Bericht], purpose: str) -> None:
    """Record that staff or a system read these messages (they hold personal data): one entry
    per person they were sent to, so a search for that person finds the read."""

    audit_persons_read(
        user=user,
        persons=(bericht.partij for bericht in berichten),
        purpose=purpose,
        detail={"gegevens": "berichten"},
    )


def bericht_get(*, uuid: UUID | str, user: Actor | None, purpose: str) -> Bericht | None:

    bericht = Bericht.objects.select_related("partij").filter(uuid=uuid).first()
    if bericht is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=bericht.partij or bericht,
            purpose=purpose,
            detail={"gegevens": "bericht", "bericht": str(bericht.uuid)},
        )
    return bericht


# --- the klantbeeld (staff read a klant's messages; audited) -----------------------------------


def _zichtbaar(qs: QuerySet[Bericht]) -> QuerySet[Bericht]:
    """Without the messages planned for later: they are not sent yet and may never be."""
    planned = Q(status=BerichtStatus.WACHTRIJ, pogingen=0, volgende_poging_op__gt=timezone.now())
    return qs.exclude(planned)


def bericht_list_for_klant(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[Bericht]:
    """The messages Loket sent (or is sending, or failed to send) to one klant, newest first,
    for the KCC's klantbeeld. Needs the right to see person data; the read is audited."""
    from loket.core.audit import audit_record
    from loket.core.models import AuditAction

    ensure_may_view_person_data(user)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "berichten"},
    )
    return _zichtbaar(Bericht.objects.filter(partij=partij)).order_by("-created_at", "-pk")


def bericht_get_for_klant(*, partij: Partij, pk: int, user: Actor | None, purpose: str) -> Bericht:
    """One message to this klant with its text (Bericht.DoesNotExist if not theirs); audited."""
    from loket.core.audit import audit_record
    from loket.core.models import AuditAction

    ensure_may_view_person_data(user)
    bericht = _zichtbaar(Bericht.objects.filter(partij=partij)).get(pk=pk)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "bericht", "bericht": str(bericht.uuid)},
    )
    return bericht
