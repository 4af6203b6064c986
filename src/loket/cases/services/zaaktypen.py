"""Zaaktypen: norms, statustypen, declared transitions, resultaattypen."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import transaction

from loket.accounts.models import Team
from loket.cases.models import (
    Resultaattype,
    StatusOvergang,
    Statustype,
    Zaaktype,
)
from loket.core.errors import DomainError

if TYPE_CHECKING:
    from loket.catalogue.models import Product
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
