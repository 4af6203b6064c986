"""A zaak's deadlines in working days: suspension (opschorting) and extension (verlenging)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from loket.cases.models import (
    Zaak,
    ZaakGebeurtenisSoort,
    Zaaktype,
)
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.types import Actor

if TYPE_CHECKING:
    pass
from loket.cases.services._helpers import _check_open, _event, _lock, _reden, _sync, _today

# --- deadlines, suspension and extension -----------------------------------------------------


def zaak_deadlines(
    *,
    zaaktype: Zaaktype,
    startdatum: dt.date,
    opgeschort_werkdagen: int = 0,
    verlengd_werkdagen: int = 0,
) -> tuple[dt.date, dt.date]:
    """(einddatum_gepland, uiterlijke_einddatum_afdoening): the norms counted in working days
    from the start, plus the working days the zaak was suspended and the extension. Always
    computed from the start (never by shifting an earlier result), so suspending, extending and
    resuming in any order give the same dates."""
    calendar = get_calendar()
    extra = opgeschort_werkdagen + verlengd_werkdagen
    return (
        calendar.add_working_days(startdatum, zaaktype.servicenorm_werkdagen + extra),
        calendar.add_working_days(startdatum, zaaktype.doorlooptijd_werkdagen + extra),
    )


DEADLINE_FIELDS = ["einddatum_gepland", "uiterlijke_einddatum_afdoening"]


@transaction.atomic
def zaak_suspend(
    *, zaak: Zaak, reden: str, user: Actor | None = None, datum: dt.date | None = None
) -> Zaak:
    """Suspend (opschorten) the zaak: the clock stops until it is resumed. Only when the zaaktype
    allows it; the dates are recomputed on resumption with the working days it was on hold."""
    locked = _lock(zaak)
    _check_open(locked)
    if not locked.zaaktype.opschorting_mogelijk:
        raise DomainError(
            f"Zaken van het zaaktype '{locked.zaaktype}' kunnen niet worden opgeschort.",
            field="opschorting",
        )
    if locked.opgeschort_sinds is not None:
        raise DomainError(
            f"De zaak is al opgeschort sinds {locked.opgeschort_sinds:%d-%m-%Y}.",
            field="opschorting",
        )
    reden = _reden(reden)
    datum = _today(datum)
    if datum < locked.startdatum:
        raise DomainError("De opschorting kan niet vóór de startdatum beginnen.", field="datum")
    locked.opgeschort_sinds = datum
    locked.opschorting_reden = reden
    locked.einddatum_gepland, locked.uiterlijke_einddatum_afdoening = zaak_deadlines(
        zaaktype=locked.zaaktype,
        startdatum=locked.startdatum,
        opgeschort_werkdagen=locked.opgeschort_werkdagen,
        verlengd_werkdagen=locked.verlengd_werkdagen,
    )
    fields = ["opgeschort_sinds", "opschorting_reden", *DEADLINE_FIELDS, "updated_at"]
    locked.save(update_fields=fields)
    _event(
        locked,
        ZaakGebeurtenisSoort.OPGESCHORT,
        user,
        f"Opgeschort: {reden}",
        {"reden": reden, "sinds": datum.isoformat()},
    )
    _sync(zaak, locked, fields[:-1])
    return zaak


@transaction.atomic
def zaak_resume(*, zaak: Zaak, user: Actor | None = None, datum: dt.date | None = None) -> Zaak:
    """Resume a suspended zaak: the working days on hold move both end dates."""
    locked = _lock(zaak)
    _check_open(locked)
    if locked.opgeschort_sinds is None:
        raise DomainError("De zaak is niet opgeschort.", field="opschorting")
    datum = _today(datum)
    if datum < locked.opgeschort_sinds:
        raise DomainError("De zaak kan niet worden hervat vóór de opschorting.", field="datum")
    days = get_calendar().working_days_between(locked.opgeschort_sinds, datum)
    limit = locked.zaaktype.opschortingstermijn_werkdagen
    counted = days
    if limit:
        counted = max(0, min(days, limit - locked.opgeschort_werkdagen))
    locked.opgeschort_werkdagen += counted
    sinds = locked.opgeschort_sinds
    locked.opgeschort_sinds = None
    locked.einddatum_gepland, locked.uiterlijke_einddatum_afdoening = zaak_deadlines(
        zaaktype=locked.zaaktype,
        startdatum=locked.startdatum,
        opgeschort_werkdagen=locked.opgeschort_werkdagen,
        verlengd_werkdagen=locked.verlengd_werkdagen,
    )
    fields = ["opgeschort_sinds", "opgeschort_werkdagen", *DEADLINE_FIELDS, "updated_at"]
    locked.save(update_fields=fields)
    _event(
        locked,
        ZaakGebeurtenisSoort.HERVAT,
        user,
        f"Hervat na {days} werkdag{'en' if days != 1 else ''} opschorting",
        {"sinds": sinds.isoformat(), "werkdagen": days, "meegeteld": counted},
    )
    _sync(zaak, locked, fields[:-1])
    return zaak


@transaction.atomic
def zaak_extend(*, zaak: Zaak, reden: str, werkdagen: int, user: Actor | None = None) -> Zaak:
    """Extend (verlengen) the zaak's terms by `werkdagen`, within the zaaktype's limit."""
    locked = _lock(zaak)
    _check_open(locked)
    zaaktype = locked.zaaktype
    if not zaaktype.verlenging_mogelijk:
        raise DomainError(
            f"Zaken van het zaaktype '{zaaktype}' kunnen niet worden verlengd.", field="verlenging"
        )
    if not isinstance(werkdagen, int) or isinstance(werkdagen, bool) or werkdagen < 1:
        raise DomainError("Verleng met ten minste één werkdag.", field="werkdagen")
    room = zaaktype.verlengingstermijn_werkdagen - locked.verlengd_werkdagen
    if werkdagen > room:
        raise DomainError(
            f"De zaak kan nog hoogstens {max(room, 0)} werkdagen worden verlengd "
            f"(verlengingstermijn {zaaktype.verlengingstermijn_werkdagen} werkdagen).",
            field="werkdagen",
        )
    reden = _reden(reden)
    locked.verlengd_werkdagen += werkdagen
    locked.verlenging_reden = reden
    locked.einddatum_gepland, locked.uiterlijke_einddatum_afdoening = zaak_deadlines(
        zaaktype=zaaktype,
        startdatum=locked.startdatum,
        opgeschort_werkdagen=locked.opgeschort_werkdagen,
        verlengd_werkdagen=locked.verlengd_werkdagen,
    )
    fields = ["verlengd_werkdagen", "verlenging_reden", *DEADLINE_FIELDS, "updated_at"]
    locked.save(update_fields=fields)
    _event(
        locked,
        ZaakGebeurtenisSoort.VERLENGD,
        user,
        f"Verlengd met {werkdagen} werkdagen: {reden}",
        {"reden": reden, "werkdagen": werkdagen},
    )
    _sync(zaak, locked, fields[:-1])
    return zaak
