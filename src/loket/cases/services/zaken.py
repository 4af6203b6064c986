"""Zaken: open a zaak and move it through its statuses (informing the initiator)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from loket.accounts.models import Team, User
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
    ZaakGebeurtenisSoort,
    Zaaktype,
)
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.types import Actor
from loket.messaging.services import bericht_queue

if TYPE_CHECKING:
    from loket.contacts.models import Klantcontact
    from loket.parties.models import Partij
from loket.cases.services._helpers import _event, _lock, _medewerker

# A status may be set a little ahead of the server clock (clients' clocks drift).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


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
