"""Writes for zaaktypen and zaken: norms, deadlines in working days and the status history."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import models, transaction
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.cases.events import (
    ZaakAangemaakt,
    ZaakAfgesloten,
    ZaakStatusGezet,
)
from loket.cases.models import (
    Resultaattype,
    Status,
    StatusOvergang,
    Statustype,
    Zaak,
    ZaakDocument,
    ZaakGebeurtenis,
    ZaakGebeurtenisSoort,
    ZaakNotitie,
    Zaaktype,
)
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.types import Actor

if TYPE_CHECKING:
    from loket.catalogue.models import Product
    from loket.contacts.models import Klantcontact
    from loket.parties.models import Partij

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
    product: Product | None = None,
    team: Team | None = None,
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
    if len(identificatie) > (Zaaktype._meta.get_field("identificatie").max_length or 40):
        raise DomainError(
            "De identificatie van het zaaktype is te lang (hoogstens 40 tekens).",
            field="identificatie",
        )
    if Zaaktype.objects.filter(identificatie__iexact=identificatie).exists():
        raise DomainError(f"Het zaaktype '{identificatie}' bestaat al.", field="identificatie")
    omschrijving = " ".join((omschrijving or "").split())
    if not omschrijving:
        raise DomainError("Geef de omschrijving van het zaaktype op.", field="omschrijving")
    if len(omschrijving) > (Zaaktype._meta.get_field("omschrijving").max_length or 100):
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
        if len(status_omschrijving) > (Statustype._meta.get_field("omschrijving").max_length or 80):
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
        if len(statustekst) > (Statustype._meta.get_field("statustekst").max_length or 255):
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


def _medewerker(user: Actor | None) -> User | None:
    """The medewerker for a 'door' column: None for the system, a token or an anonymous user."""
    return user if isinstance(user, User) and user.pk else None


def _event(
    zaak: Zaak,
    soort: str,
    user: Actor | None,
    omschrijving: str = "",
    detail: dict[str, Any] | None = None,
    *,
    op: dt.datetime | None = None,
) -> ZaakGebeurtenis:
    return ZaakGebeurtenis.objects.create(
        zaak=zaak,
        soort=soort,
        op=op or timezone.now(),
        door=_medewerker(user),
        omschrijving=(omschrijving or "")[:255],
        detail=detail or {},
    )


@transaction.atomic
def zaaktype_set_transitions(*, zaaktype: Zaaktype, overgangen: list[tuple[int, int]]) -> None:
    """Declare the allowed status transitions of a zaaktype as (van volgnummer, naar volgnummer)
    pairs, replacing the existing ones. An empty list restores the default (forward)."""
    by_nummer = {st.volgnummer: st for st in zaaktype.statustypen.all()}
    rows = []
    for van, naar in overgangen:
        if van not in by_nummer or naar not in by_nummer:
            raise DomainError(
                f"De overgang {van} → {naar} noemt een status die het zaaktype niet heeft.",
                field="overgangen",
            )
        if van == naar:
            raise DomainError("Een overgang naar dezelfde status kan niet.", field="overgangen")
        rows.append(StatusOvergang(zaaktype=zaaktype, van=by_nummer[van], naar=by_nummer[naar]))
    StatusOvergang.objects.filter(zaaktype=zaaktype).delete()
    StatusOvergang.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def resultaattype_create(
    *, zaaktype: Zaaktype, omschrijving: str, toelichting: str = ""
) -> Resultaattype:
    omschrijving = " ".join((omschrijving or "").split())
    if not omschrijving:
        raise DomainError("Geef de omschrijving van het resultaat op.", field="omschrijving")
    if zaaktype.resultaattypen.filter(omschrijving__iexact=omschrijving).exists():
        raise DomainError(f"Het resultaat '{omschrijving}' bestaat al.", field="omschrijving")
    return Resultaattype.objects.create(
        zaaktype=zaaktype, omschrijving=omschrijving[:80], toelichting=(toelichting or "")[:255]
    )


# --- zaken ---------------------------------------------------------------------------------


@transaction.atomic
def zaak_create(
    *,
    zaaktype: Zaaktype,
    initiator: Partij | None = None,
    omschrijving: str = "",
    klantcontact: Klantcontact | None = None,
    startdatum: dt.date | None = None,
    team: Team | None = None,
    user: Actor | None = None,
    behandelaar: User | None = None,
    bron: str = "",
    informeren: bool = True,
) -> Zaak:
    """Open a zaak: deadlines from the zaaktype's norms in working days, and its first status.

    The initiator defaults to the party of the klantcontact, the team to the zaaktype's team.
    `bron` names the origin when it is not a klantcontact (e.g. "inzending:<uuid>").
    `informeren=False` when the caller sends the citizen its own message (see zaak_set_status).
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
    vandaag = timezone.localdate()
    earliest, latest = vandaag - dt.timedelta(days=50 * 365), vandaag + dt.timedelta(days=5 * 365)
    if not earliest <= startdatum <= latest:
        raise DomainError(
            "De startdatum moet tussen 50 jaar geleden en 5 jaar vooruit liggen.",
            field="startdatum",
        )
    omschrijving = (omschrijving or "").strip()
    if len(omschrijving) > (Zaak._meta.get_field("omschrijving").max_length or 200):
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
        behandelaar=behandelaar,
        bron=(bron or "")[:100],
        startdatum=startdatum,
        einddatum_gepland=calendar.add_working_days(startdatum, zaaktype.servicenorm_werkdagen),
        uiterlijke_einddatum_afdoening=calendar.add_working_days(
            startdatum, zaaktype.doorlooptijd_werkdagen
        ),
    )
    # Derived from the primary key: unique without a counter, on SQLite and PostgreSQL alike.
    zaak.identificatie = f"ZAAK-{startdatum.year}-{zaak.pk:07d}"
    zaak.save(update_fields=["identificatie"])
    _event(zaak, ZaakGebeurtenisSoort.AANGEMAAKT, user, f"Zaak {zaak.identificatie} gestart")
    publish(ZaakAangemaakt(zaak=zaak, user=user))
    zaak_set_status(zaak=zaak, statustype=statustypen[0], user=user, informeren=informeren)
    return zaak


def _check_transition(*, zaak: Zaak, current: Status | None, statustype: Statustype) -> None:
    """The status machine of a zaak, declared as data: the zaaktype's StatusOvergang rows, or,
    when it declares none, forward through its statustypen in volgnummer order."""
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
    if zaak.opgeschort_sinds is not None:
        raise DomainError(
            "De zaak is opgeschort; hervat de zaak voordat u een nieuwe status zet.",
            field="statustype",
        )
    if statustype.pk == current.statustype_id:
        raise DomainError(f"De zaak heeft de status '{statustype}' al.", field="statustype")
    declared = StatusOvergang.objects.filter(zaaktype_id=zaak.zaaktype_id)
    if declared.exists():
        if not declared.filter(van_id=current.statustype_id, naar_id=statustype.pk).exists():
            allowed = ", ".join(
                f"'{o.naar}'"
                for o in declared.filter(van_id=current.statustype_id)
                .select_related("naar")
                .order_by("naar__volgnummer")
            )
            raise DomainError(
                f"Van '{current.statustype}' kan de zaak niet naar '{statustype}'"
                + (f"; wel naar {allowed}." if allowed else "."),
                field="statustype",
            )
        return
    if statustype.volgnummer < current.statustype.volgnummer:
        raise DomainError(
            f"De status kan niet terug van '{current.statustype}' naar '{statustype}'.",
            field="statustype",
        )


def allowed_statustypen(*, zaak: Zaak) -> list[Statustype]:
    """The statustypen the zaak may move to now (for forms and the API)."""
    if zaak.einddatum is not None or zaak.opgeschort_sinds is not None:
        return []
    current = zaak.status
    statustypen = list(zaak.zaaktype.statustypen.order_by("volgnummer"))
    if current is None:
        return statustypen[:1]
    declared = StatusOvergang.objects.filter(zaaktype_id=zaak.zaaktype_id)
    if declared.exists():
        targets = set(
            declared.filter(van_id=current.statustype_id).values_list("naar_id", flat=True)
        )
        return [st for st in statustypen if st.pk in targets]
    return [st for st in statustypen if st.volgnummer > current.statustype.volgnummer]


@transaction.atomic
def zaak_set_status(
    *,
    zaak: Zaak,
    statustype: Statustype,
    user: Actor | None = None,
    toelichting: str = "",
    datum: dt.datetime | None = None,
    resultaattype: Resultaattype | None = None,
    informeren: bool = True,
) -> Status:
    """Add a status to the zaak's (append-only) history; the end status closes the zaak.

    A statustype with `informeren` queues a message to the initiator in this transaction (the
    outbox worker sends it after commit), unless the caller passes `informeren=False` because it
    sends its own message about the same moment (the Flits confirmation, one message instead of
    three). The zaak row is locked, so two behandelaars setting a
    status at the same moment are serialised and neither update is lost.
    """
    # The current status in its own query, after the lock: PostgreSQL re-reads a locked row that
    # changed while we waited, but rows joined to it come from the older snapshot, so a join
    # would show the status from before the other behandelaar's update.
    locked = _lock(zaak)
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
        gezet_door=_medewerker(user),
    )
    locked.status = status
    fields = ["status", "updated_at"]
    is_end = not Statustype.objects.filter(
        zaaktype_id=locked.zaaktype_id, volgnummer__gt=statustype.volgnummer
    ).exists()
    if resultaattype is not None:
        if not is_end:
            raise DomainError(
                "Een resultaat hoort bij de eindstatus van de zaak.", field="resultaattype"
            )
        if resultaattype.zaaktype_id != locked.zaaktype_id:
            raise DomainError(
                f"Het resultaat '{resultaattype}' hoort niet bij het zaaktype '{locked.zaaktype}'.",
                field="resultaattype",
            )
        locked.resultaat = resultaattype
        fields += ["resultaat", "resultaat_toelichting"]
        locked.resultaat_toelichting = (toelichting or "").strip()
    if is_end:
        locked.einddatum = timezone.localtime(datum).date()
        fields.append("einddatum")
    locked.save(update_fields=fields)
    _event(
        locked,
        ZaakGebeurtenisSoort.STATUS,
        user,
        f"Status: {statustype.omschrijving}",
        {"statustype": statustype.pk, "toelichting": status.statustoelichting},
        op=datum,
    )
    bericht_volgt = bool(informeren and statustype.informeren and locked.initiator_id)
    slotregels: list[str] = []
    if is_end:
        publish(
            ZaakAfgesloten(
                zaak=locked, user=user, bericht_volgt=bericht_volgt, slotregels=slotregels
            )
        )
    if bericht_volgt:
        _inform_initiator(zaak=locked, status=status, user=user, slotregels=slotregels)
    # Rules on a zaak's status (proactive) react here, in this transaction.
    publish(ZaakStatusGezet(zaak=locked, status=status, user=user, informeren=informeren))
    # Keep the caller's instance in step with the database.
    zaak.status, zaak.einddatum, zaak.updated_at = (
        locked.status,
        locked.einddatum,
        locked.updated_at,
    )
    zaak.resultaat_id = locked.resultaat_id
    return status


def _inform_initiator(
    *, zaak: Zaak, status: Status, user: Actor | None, slotregels: list[str]
) -> None:
    from loket.messaging.services import bericht_queue

    statustype = status.statustype
    tekst = statustype.statustekst or (
        f"De status van uw zaak {zaak.identificatie} ({zaak.zaaktype.omschrijving}) is nu: "
        f"{statustype.omschrijving}."
    )
    if zaak.einddatum is None and zaak.einddatum_gepland:
        tekst += (
            f" Wij verwachten uw zaak uiterlijk {zaak.einddatum_gepland:%d-%m-%Y} af te ronden."
        )
    elif zaak.einddatum is not None and slotregels:
        # A finished zaak: what subscribers of ZaakAfgesloten add (the satisfaction survey).
        tekst += "\n\n" + "\n\n".join(slotregels)
    bericht, created = bericht_queue(
        sleutel=f"zaak:{zaak.uuid}:status:{status.pk}",
        onderwerp=f"{zaak.zaaktype.omschrijving}: {statustype.omschrijving}",
        tekst=tekst,
        soort="status",
        partij=zaak.initiator,
        aanleiding_type="zaak",
        aanleiding_id=str(zaak.uuid),
    )
    if created:
        _event(
            zaak,
            ZaakGebeurtenisSoort.BERICHT,
            None,
            f"Bericht aan de inwoner ({bericht.get_kanaal_display()}): {statustype.omschrijving}",
            {"bericht": bericht.pk, "status": status.pk},
        )


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


def _lock(zaak: Zaak) -> Zaak:
    """The zaak row, locked, with its current status read after the lock (see zaak_set_status)."""
    locked = Zaak.objects.select_for_update(of=("self",)).select_related("zaaktype").get(pk=zaak.pk)
    locked.status = (
        Status.objects.select_related("statustype").get(pk=locked.status_id)
        if locked.status_id
        else None
    )
    return locked


def _sync[M: models.Model](target: M, source: M, fields: list[str]) -> None:
    for name in fields:
        setattr(target, name, getattr(source, name))


def _check_open(zaak: Zaak) -> None:
    if zaak.einddatum is not None:
        raise DomainError(
            f"Zaak {zaak.identificatie} is afgesloten; heropen haar eerst.", field="zaak"
        )


def _reden(reden: str, field: str = "reden") -> str:
    reden = " ".join((reden or "").split())
    if not reden:
        raise DomainError("Geef de reden op.", field=field)
    if len(reden) > 255:
        raise DomainError("De reden is te lang (hoogstens 255 tekens).", field=field)
    return reden


def _today(datum: dt.date | None) -> dt.date:
    return datum if datum is not None else timezone.localdate()


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


# --- handling: assignment, notes, documents, result, reopen ---------------------------------


@transaction.atomic
def zaak_assign(*, zaak: Zaak, behandelaar: User | None, user: Actor) -> Zaak:
    """Give the zaak to a behandelaar. Anyone handling cases may take it himself; a teamleider
    (distribute_work) gives it to an active member of the zaak's team."""
    from django.core.exceptions import PermissionDenied

    locked = _lock(zaak)
    _check_open(locked)
    if behandelaar is None:
        raise DomainError("Kies een behandelaar.", field="behandelaar")
    if behandelaar.pk != user.pk and not user.has_perm(DISTRIBUTE_WORK):
        raise PermissionDenied("Alleen een teamleider kan een zaak aan een ander geven.")
    if not behandelaar.is_active or not behandelaar.has_perm(HANDLE_CASES):
        raise DomainError(f"{behandelaar} kan geen zaken behandelen.", field="behandelaar")
    if (
        behandelaar.pk != user.pk
        and locked.team_id
        and not behandelaar.teams.filter(pk=locked.team_id).exists()
    ):
        raise DomainError(
            f"{behandelaar} is geen lid van het team {locked.team}.", field="behandelaar"
        )
    if locked.behandelaar_id == behandelaar.pk:
        raise DomainError(f"De zaak is al toegewezen aan {behandelaar}.", field="behandelaar")
    locked.behandelaar = behandelaar
    locked.save(update_fields=["behandelaar", "updated_at"])
    name = behandelaar.get_full_name() or behandelaar.get_username()
    _event(locked, ZaakGebeurtenisSoort.TOEGEWEZEN, user, f"Toegewezen aan {name}")
    zaak.behandelaar = behandelaar
    return zaak


@transaction.atomic
def zaak_add_note(*, zaak: Zaak, tekst: str, user: User | None) -> ZaakNotitie:
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError("Schrijf de notitie.", field="tekst")
    if len(tekst) > 4000:
        raise DomainError("De notitie is te lang (hoogstens 4000 tekens).", field="tekst")
    now = timezone.now()
    notitie = ZaakNotitie.objects.create(zaak=zaak, tekst=tekst, door=user, op=now)
    _event(zaak, ZaakGebeurtenisSoort.NOTITIE, user, tekst[:200], {"notitie": notitie.pk}, op=now)
    return notitie


# Allowed document types: extension → (content types, magic bytes or None for text formats).
DOCUMENT_TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "pdf": (("application/pdf",), (b"%PDF-",)),
    "jpg": (("image/jpeg",), (b"\xff\xd8\xff",)),
    "jpeg": (("image/jpeg",), (b"\xff\xd8\xff",)),
    "png": (("image/png",), (b"\x89PNG\r\n\x1a\n",)),
    "docx": (
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        (b"PK\x03\x04",),
    ),
    "odt": (("application/vnd.oasis.opendocument.text",), (b"PK\x03\x04",)),
    "txt": (("text/plain",), ()),
}
IMAGE_TYPES = {"jpg", "jpeg", "png"}


def check_upload(
    bestand: File | None,
    *,
    allowed: set[str] | None = None,
    max_bytes: int | None = None,
    field: str = "bestand",
) -> tuple[str, str]:
    """Refuse a file of a type not allowed (by name, declared type and its first bytes) or over
    the size limit. Returns (extension, content type)."""
    from django.conf import settings

    if bestand is None:
        raise DomainError("Kies een bestand.", field=field)
    allowed = allowed or set(DOCUMENT_TYPES)
    max_bytes = max_bytes or settings.LOKET_ZAAK_DOCUMENT_MAX_BYTES
    name = getattr(bestand, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in allowed:
        soorten = ", ".join(sorted(allowed))
        raise DomainError(
            f"Dit soort bestand ({ext or 'zonder extensie'}) is niet toegestaan; kies een "
            f"bestand van het type {soorten}.",
            field=field,
        )
    size = getattr(bestand, "size", None) or 0
    if size == 0:
        raise DomainError("Het bestand is leeg.", field=field)
    if size > max_bytes:
        raise DomainError(
            f"Het bestand is te groot ({size / 1_048_576:.1f} MB); de grens is "
            f"{max_bytes / 1_048_576:.0f} MB.",
            field=field,
        )
    content_types, magics = DOCUMENT_TYPES[ext]
    declared = (getattr(bestand, "content_type", "") or "").split(";")[0].strip()
    if declared and declared not in content_types and declared != "application/octet-stream":
        raise DomainError(
            f"Het bestand heeft de extensie .{ext} maar is van het type {declared}.", field=field
        )
    head = bestand.read(16)
    bestand.seek(0)
    if magics and not any(head.startswith(m) for m in magics):
        raise DomainError(
            f"De inhoud van het bestand past niet bij de extensie .{ext}.", field=field
        )
    if not magics and b"\x00" in head:
        raise DomainError("Dit tekstbestand bevat binaire gegevens.", field=field)
    return ext, content_types[0]


@transaction.atomic
def zaak_add_document(
    *, zaak: Zaak, bestand: File, user: Actor | None, titel: str = ""
) -> ZaakDocument:
    """Attach a document: type and size checked before anything is stored."""
    import os

    _ext, content_type = check_upload(bestand)
    titel = " ".join((titel or "").split())
    if len(titel) > 200:
        raise DomainError("De titel is te lang (hoogstens 200 tekens).", field="titel")
    now = timezone.now()
    original = os.path.basename(bestand.name or "")[:200]  # check_upload refused no name
    document = ZaakDocument(
        zaak=zaak,
        bestandsnaam=original,
        formaat=content_type,
        grootte=bestand.size,
        titel=titel,
        door=_medewerker(user),
        op=now,
    )
    document.bestand.save(f"{uuid.uuid4().hex}.{_ext}", bestand, save=False)
    try:
        document.save()
        _event(
            zaak,
            ZaakGebeurtenisSoort.DOCUMENT,
            user,
            f"Document: {titel or original}",
            {"document": str(document.uuid)},
            op=now,
        )
    except Exception:
        document.bestand.delete(save=False)
        raise
    return document


@transaction.atomic
def zaak_close(
    *, zaak: Zaak, resultaattype: Resultaattype, user: Actor | None = None, toelichting: str = ""
) -> Zaak:
    """Close the zaak with a result: the end status (its message to the citizen included)."""
    if resultaattype is None:
        raise DomainError("Kies het resultaat.", field="resultaattype")
    locked = _lock(zaak)
    _check_open(locked)
    end = locked.zaaktype.statustypen.order_by("-volgnummer").first()
    # A zaak has a status from its start, so its zaaktype has statustypen (PROTECTed by Status).
    assert end is not None, locked.zaaktype
    if len((toelichting or "").strip()) > 4000:
        raise DomainError("De toelichting is te lang (hoogstens 4000 tekens).", field="toelichting")
    zaak_set_status(
        zaak=locked, statustype=end, user=user, toelichting=toelichting, resultaattype=resultaattype
    )
    _event(
        locked,
        ZaakGebeurtenisSoort.RESULTAAT,
        user,
        f"Resultaat: {resultaattype.omschrijving}",
        {"resultaattype": resultaattype.pk},
    )
    _sync(zaak, locked, ["status", "einddatum", "resultaat", "resultaat_toelichting"])
    return zaak


@transaction.atomic
def zaak_reopen(*, zaak: Zaak, reden: str, user: Actor | None) -> Zaak:
    """Reopen a closed zaak: back to the status before the end status (appended to the history;
    nothing is overwritten), result cleared, deadlines kept."""
    locked = _lock(zaak)
    if locked.einddatum is None:
        raise DomainError("De zaak is niet afgesloten.", field="zaak")
    reden = _reden(reden)
    statustypen = list(locked.zaaktype.statustypen.order_by("volgnummer"))
    back = statustypen[-2] if len(statustypen) > 1 else statustypen[0]
    now = timezone.now()
    status = Status.objects.create(
        zaak=locked,
        statustype=back,
        datum_status_gezet=now,
        statustoelichting=f"Heropend: {reden}",
        gezet_door=_medewerker(user),
    )
    locked.status = status
    locked.einddatum = None
    locked.resultaat = None
    locked.resultaat_toelichting = ""
    fields = ["status", "einddatum", "resultaat", "resultaat_toelichting"]
    locked.save(update_fields=[*fields, "updated_at"])
    _event(locked, ZaakGebeurtenisSoort.HEROPEND, user, f"Heropend: {reden}", {"reden": reden})
    _sync(zaak, locked, fields)
    return zaak
