"""Writes for zaaktypen and zaken: norms, deadlines in working days and the status history."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.db import transaction
from django.utils import timezone

from loket.cases.models import Status, Statustype, Zaak, Zaaktype
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError

# A status may be set a little ahead of the server clock (clients' clocks drift).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
IDENTIFICATIE_RE = re.compile(r"^[-a-zA-Z0-9_]+$")


# --- zaaktypen -----------------------------------------------------------------------------


def zaaktype_check_norms(
    *,
    doorlooptijd_werkdagen: int,
    servicenorm_werkdagen: int,
    verlenging_mogelijk: bool = False,
    verlengingstermijn_werkdagen: int = 0,
) -> None:
    """The rules for a zaaktype's terms (used by the service and the admin form)."""
    for field, value, label in (
        ("doorlooptijd_werkdagen", doorlooptijd_werkdagen, "De wettelijke termijn"),
        ("servicenorm_werkdagen", servicenorm_werkdagen, "De servicenorm"),
        ("verlengingstermijn_werkdagen", verlengingstermijn_werkdagen, "De verlengingstermijn"),
    ):
        if value is None or value < 0:
            raise DomainError(f"{label} moet een aantal werkdagen van 0 of meer zijn.", field=field)
    if servicenorm_werkdagen > doorlooptijd_werkdagen:
        raise DomainError(
            f"De servicenorm ({servicenorm_werkdagen} werkdagen) mag niet langer zijn dan de "
            f"wettelijke termijn ({doorlooptijd_werkdagen} werkdagen).",
            field="servicenorm_werkdagen",
        )
    if verlengingstermijn_werkdagen and not verlenging_mogelijk:
        raise DomainError(
            "Een verlengingstermijn kan alleen als verlengen mogelijk is.",
            field="verlengingstermijn_werkdagen",
        )


@transaction.atomic
def zaaktype_create(
    *,
    identificatie: str,
    omschrijving: str,
    doorlooptijd_werkdagen: int,
    servicenorm_werkdagen: int,
    statustypen: list[tuple[str, bool, str]],
    product=None,
    team=None,
    opschorting_mogelijk: bool = False,
    verlenging_mogelijk: bool = False,
    verlengingstermijn_werkdagen: int = 0,
) -> Zaaktype:
    """A zaaktype with its statustypen in order: (omschrijving, informeren, statustekst).

    The last statustype is the end status: setting it closes the zaak.
    """
    identificatie = (identificatie or "").strip()
    if not identificatie or not IDENTIFICATIE_RE.match(identificatie):
        raise DomainError(
            "De identificatie van het zaaktype mag alleen letters, cijfers, - en _ bevatten.",
            field="identificatie",
        )
    if len(identificatie) > Zaaktype._meta.get_field("identificatie").max_length:
        raise DomainError(
            "De identificatie van het zaaktype is te lang (hoogstens 40 tekens).",
            field="identificatie",
        )
    if Zaaktype.objects.filter(identificatie__iexact=identificatie).exists():
        raise DomainError(f"Het zaaktype '{identificatie}' bestaat al.", field="identificatie")
    omschrijving = " ".join((omschrijving or "").split())
    if not omschrijving:
        raise DomainError("Geef de omschrijving van het zaaktype op.", field="omschrijving")
    if len(omschrijving) > Zaaktype._meta.get_field("omschrijving").max_length:
        raise DomainError(
            "De omschrijving van het zaaktype is te lang (hoogstens 100 tekens).",
            field="omschrijving",
        )
    zaaktype_check_norms(
        doorlooptijd_werkdagen=doorlooptijd_werkdagen,
        servicenorm_werkdagen=servicenorm_werkdagen,
        verlenging_mogelijk=verlenging_mogelijk,
        verlengingstermijn_werkdagen=verlengingstermijn_werkdagen,
    )
    if len(statustypen) < 2:
        raise DomainError(
            "Een zaaktype heeft ten minste twee statustypen: een begin- en een eindstatus.",
            field="statustypen",
        )
    seen: set[str] = set()
    cleaned: list[tuple[str, bool, str]] = []
    for number, (status_omschrijving, informeren, statustekst) in enumerate(statustypen, start=1):
        status_omschrijving = " ".join((status_omschrijving or "").split())
        if not status_omschrijving:
            raise DomainError(
                f"Statustype {number}: geef een omschrijving op.", field="statustypen"
            )
        if len(status_omschrijving) > Statustype._meta.get_field("omschrijving").max_length:
            raise DomainError(
                f"Statustype {number}: de omschrijving is te lang (hoogstens 80 tekens).",
                field="statustypen",
            )
        if status_omschrijving.lower() in seen:
            raise DomainError(
                f"Statustype {number}: '{status_omschrijving}' komt twee keer voor.",
                field="statustypen",
            )
        seen.add(status_omschrijving.lower())
        statustekst = (statustekst or "").strip()
        if len(statustekst) > Statustype._meta.get_field("statustekst").max_length:
            raise DomainError(
                f"Statustype {number}: de tekst voor de inwoner is te lang (hoogstens 255 tekens).",
                field="statustypen",
            )
        cleaned.append((status_omschrijving, bool(informeren), statustekst))

    zaaktype = Zaaktype.objects.create(
        identificatie=identificatie,
        omschrijving=omschrijving,
        product=product,
        team=team,
        doorlooptijd_werkdagen=doorlooptijd_werkdagen,
        servicenorm_werkdagen=servicenorm_werkdagen,
        opschorting_mogelijk=opschorting_mogelijk,
        verlenging_mogelijk=verlenging_mogelijk,
        verlengingstermijn_werkdagen=verlengingstermijn_werkdagen,
    )
    Statustype.objects.bulk_create(
        Statustype(
            zaaktype=zaaktype,
            volgnummer=volgnummer,
            omschrijving=status_omschrijving,
            informeren=informeren,
            statustekst=statustekst,
        )
        for volgnummer, (status_omschrijving, informeren, statustekst) in enumerate(
            cleaned, start=1
        )
    )
    return zaaktype


# --- zaken ---------------------------------------------------------------------------------


@transaction.atomic
def zaak_create(
    *,
    zaaktype: Zaaktype,
    initiator=None,
    omschrijving: str = "",
    klantcontact=None,
    startdatum: dt.date | None = None,
    team=None,
    user=None,
) -> Zaak:
    """Open a zaak: deadlines from the zaaktype's norms in working days, and its first status.

    The initiator defaults to the party of the klantcontact, the team to the zaaktype's team.
    """
    statustypen = list(zaaktype.statustypen.order_by("volgnummer"))
    if not statustypen:
        raise DomainError(
            f"Het zaaktype '{zaaktype}' heeft geen statustypen; een zaak kan niet starten.",
            field="zaaktype",
        )
    if startdatum is None:
        startdatum = timezone.localdate()
    elif isinstance(startdatum, dt.datetime) or not isinstance(startdatum, dt.date):
        raise DomainError("De startdatum moet een datum zijn.", field="startdatum")
    omschrijving = (omschrijving or "").strip()
    if len(omschrijving) > Zaak._meta.get_field("omschrijving").max_length:
        raise DomainError(
            "De omschrijving van de zaak is te lang (hoogstens 200 tekens).", field="omschrijving"
        )
    if initiator is None and klantcontact is not None:
        initiator = klantcontact.partij
    calendar = get_calendar()
    zaak = Zaak.objects.create(
        identificatie=f"tmp-{uuid.uuid4().hex[:16]}",
        zaaktype=zaaktype,
        omschrijving=omschrijving,
        initiator=initiator,
        klantcontact=klantcontact,
        team=team or zaaktype.team,
        startdatum=startdatum,
        einddatum_gepland=calendar.add_working_days(startdatum, zaaktype.servicenorm_werkdagen),
        uiterlijke_einddatum_afdoening=calendar.add_working_days(
            startdatum, zaaktype.doorlooptijd_werkdagen
        ),
    )
    # Derived from the primary key: unique without a counter, on SQLite and PostgreSQL alike.
    zaak.identificatie = f"ZAAK-{startdatum.year}-{zaak.pk:07d}"
    zaak.save(update_fields=["identificatie"])
    zaak_set_status(zaak=zaak, statustype=statustypen[0], user=user)
    return zaak


def _check_transition(*, zaak: Zaak, current: Status | None, statustype: Statustype) -> None:
    """The status machine of a zaak: forward through its zaaktype's statustypen, never back."""
    if zaak.einddatum is not None:
        raise DomainError(
            f"Zaak {zaak.identificatie} is afgesloten op {zaak.einddatum:%d-%m-%Y}; er kan geen "
            "nieuwe status meer worden gezet.",
            field="statustype",
        )
    if statustype.zaaktype_id != zaak.zaaktype_id:
        raise DomainError(
            f"De status '{statustype}' hoort niet bij het zaaktype '{zaak.zaaktype}'.",
            field="statustype",
        )
    if current is None:
        return
    if statustype.volgnummer == current.statustype.volgnummer:
        raise DomainError(f"De zaak heeft de status '{statustype}' al.", field="statustype")
    if statustype.volgnummer < current.statustype.volgnummer:
        raise DomainError(
            f"De status kan niet terug van '{current.statustype}' naar '{statustype}'.",
            field="statustype",
        )


@transaction.atomic
def zaak_set_status(
    *,
    zaak: Zaak,
    statustype: Statustype,
    user=None,
    toelichting: str = "",
    datum: dt.datetime | None = None,
) -> Status:
    """Add a status to the zaak's (append-only) history; the end status closes the zaak."""
    locked = (
        Zaak.objects.select_for_update(of=("self",))
        .select_related("zaaktype", "status__statustype")
        .get(pk=zaak.pk)
    )
    current = locked.status
    _check_transition(zaak=locked, current=current, statustype=statustype)
    now = timezone.now()
    if datum is None:
        datum = now
    elif timezone.is_naive(datum):
        raise DomainError("Het tijdstip van de status heeft geen tijdzone.", field="datum")
    elif datum > now + FUTURE_TOLERANCE:
        raise DomainError("Het tijdstip van de status ligt in de toekomst.", field="datum")
    if current is not None and datum < current.datum_status_gezet:
        raise DomainError(
            f"Het tijdstip ligt vóór dat van de vorige status '{current.statustype}'.",
            field="datum",
        )
    status = Status.objects.create(
        zaak=locked,
        statustype=statustype,
        datum_status_gezet=datum,
        statustoelichting=(toelichting or "").strip(),
        gezet_door=user if getattr(user, "pk", None) else None,
    )
    locked.status = status
    fields = ["status", "updated_at"]
    is_end = not Statustype.objects.filter(
        zaaktype_id=locked.zaaktype_id, volgnummer__gt=statustype.volgnummer
    ).exists()
    if is_end:
        locked.einddatum = timezone.localtime(datum).date()
        fields.append("einddatum")
    locked.save(update_fields=fields)
    # Keep the caller's instance in step with the database.
    zaak.status, zaak.einddatum, zaak.updated_at = (
        locked.status,
        locked.einddatum,
        locked.updated_at,
    )
    return status
