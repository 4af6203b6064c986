"""Open klantcontacten with their drafts (KlantcontactConcept): start, keep what the agent typed,
link a klant, remove. Every function takes the medewerker and touches only his own rows, so a
draft is never seen or changed by another agent (a key of someone else is "not open")."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from loket.accounts.models import User
from loket.contacts.models import KlantcontactConcept
from loket.core.errors import DomainError

if TYPE_CHECKING:
    from loket.parties.models import Partij

MAX_OPEN = 8
# A draft holds the fields of the contact form: its questions (at most 20) with a few fields
# each. The limits refuse a runaway client, not an agent.
CONCEPT_MAX_VELDEN = 400
CONCEPT_MAX_NAAM = 100
CONCEPT_MAX_WAARDE = 5000
NIET_OPEN = "Dit contact is niet (meer) open."


def _own(*, medewerker: User, sleutel: str) -> KlantcontactConcept:
    concept = (
        KlantcontactConcept.objects.select_for_update()
        .filter(medewerker=medewerker, sleutel=sleutel)
        .first()
    )
    if concept is None:
        raise DomainError(NIET_OPEN, code="not_open")
    return concept


@transaction.atomic
def klantcontact_concept_start(
    *,
    medewerker: User,
    kanaal: str,
    partij: Partij | None = None,
    gestart_op: dt.datetime | None = None,
    gesprek_id: str = "",
) -> KlantcontactConcept:
    """Start a contact: a new tab whose timer runs from now (or from `gestart_op`, the moment a
    call was answered, with the call's `gesprek_id`). At most MAX_OPEN per agent."""
    # Lock the agent's row so two quick clicks cannot both pass the count.
    User.objects.select_for_update().filter(pk=medewerker.pk).first()
    if KlantcontactConcept.objects.filter(medewerker=medewerker).count() >= MAX_OPEN:
        raise DomainError(
            f"U hebt al {MAX_OPEN} open contacten. Leg er eerst een vast of annuleer er een.",
            code="too_many",
        )
    return KlantcontactConcept.objects.create(
        sleutel=str(uuid.uuid4()),
        medewerker=medewerker,
        kanaal=kanaal,
        partij=partij,
        gestart_op=min(gestart_op, timezone.now()) if gestart_op else timezone.now(),
        gesprek_id=(gesprek_id or "")[:64],
    )


def _clean_gegevens(gegevens: dict[str, str]) -> dict[str, str]:
    if len(gegevens) > CONCEPT_MAX_VELDEN:
        raise DomainError(
            "Het concept heeft te veel velden; leg het contact vast of annuleer het.",
            field="gegevens",
        )
    clean: dict[str, str] = {}
    for naam, waarde in gegevens.items():
        if not isinstance(naam, str) or not isinstance(waarde, str):
            raise DomainError("Het concept bevat iets anders dan tekst.", field="gegevens")
        if len(naam) > CONCEPT_MAX_NAAM or len(waarde) > CONCEPT_MAX_WAARDE:
            raise DomainError(
                f"Het concept: een veld is langer dan {CONCEPT_MAX_WAARDE} tekens.",
                field="gegevens",
            )
        clean[naam] = waarde
    return clean


@transaction.atomic
def klantcontact_concept_save(
    *, medewerker: User, sleutel: str, gegevens: dict[str, str]
) -> KlantcontactConcept:
    """Keep what the agent typed in an open contact (autosave). The whole draft is replaced;
    a contact that was saved or cancelled meanwhile is not brought back (DomainError)."""
    concept = _own(medewerker=medewerker, sleutel=sleutel)
    concept.gegevens = _clean_gegevens(gegevens)
    concept.bijgewerkt_op = timezone.now()
    concept.save(update_fields=["gegevens", "bijgewerkt_op"])
    return concept


@transaction.atomic
def klantcontact_concept_set_partij(
    *, medewerker: User, sleutel: str, partij: Partij
) -> KlantcontactConcept:
    """Link a klant to an open (anonymous) contact; the draft stays."""
    concept = _own(medewerker=medewerker, sleutel=sleutel)
    concept.partij = partij
    concept.save(update_fields=["partij"])
    return concept


@transaction.atomic
def klantcontact_concept_delete(*, medewerker: User, sleutel: str) -> KlantcontactConcept | None:
    """Remove an open contact and its draft (cancelled, or saved); None when it was not open."""
    concept = (
        KlantcontactConcept.objects.select_related("partij")
        .filter(medewerker=medewerker, sleutel=sleutel)
        .first()
    )
    if concept is not None:
        concept.delete()
    return concept
