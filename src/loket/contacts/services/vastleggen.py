"""The use case that registers a contact with its verzoeken in one transaction (every channel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from loket.accounts.models import Team, User
from loket.contacts.constants import (
    Afhandeling,
)
from loket.contacts.models import (
    Contactverzoek,
    Klantcontact,
    KlantcontactConcept,
)
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.messaging.services import toestemming_record

if TYPE_CHECKING:
    from loket.parties.models import Partij
from loket.contacts.services.contactverzoeken import contactverzoek_create
from loket.contacts.services.klantcontacten import VraagFout, VraagInput, contact_register_once


@dataclass(frozen=True)
class Vastgelegd:
    """What registering a contact stored: the contact, whether this call stored it (a retry
    finds the first), and the contactverzoeken its questions led to."""

    klantcontact: Klantcontact
    nieuw: bool
    verzoeken: list[Contactverzoek]


@transaction.atomic
def klantcontact_register(
    *,
    kanaal: Kanaal | str,
    medewerker: User | None,
    vragen: list[VraagInput],
    partij: Partij | None = None,
    plaatsgevonden_op: dt.datetime | None = None,
    duur: dt.timedelta | None = None,
    onderwerp: str = "",
    inhoud: str = "",
    idempotency_key: str | None = None,
    idempotency_client: str = "",
    gesprek_id: str = "",
    vertrouwelijk: bool = False,
    vertrouwelijk_team: Team | None = None,
    taal: str = "nld",
    indicatie_contact_gelukt: bool = True,
    tevredenheid_toestemming: bool = False,
) -> Vastgelegd:
    """The use case every channel calls (the KCC form, the API): register a contact with its
    questions and, in the same transaction, the contactverzoek of every question handled as
    contactverzoek that says who calls back. A refused verzoek (no team, a bad number) refuses
    the whole contact (VraagFout names the question), so nothing is stored half. A retry with
    the same client and key returns the first contact and its verzoeken, and stores nothing.

    `tevredenheid_toestemming`: the klant said yes, in this contact, to a short survey
    afterwards; recorded before the contact, so the survey's subscriber (in this transaction)
    sees it. Only for a known klant; a refused contact records no consent either."""
    if tevredenheid_toestemming:
        if partij is None:
            raise DomainError(
                "Toestemming voor de vragenlijst legt u alleen vast bij een bekende klant.",
                field="tevredenheid",
            )
        toestemming_record(partij=partij, tevredenheid=True)
    contact, nieuw = contact_register_once(
        kanaal=kanaal,
        medewerker=medewerker,
        vragen=vragen,
        partij=partij,
        plaatsgevonden_op=plaatsgevonden_op,
        duur=duur,
        onderwerp=onderwerp,
        inhoud=inhoud,
        idempotency_key=idempotency_key,
        idempotency_client=idempotency_client,
        gesprek_id=gesprek_id,
        vertrouwelijk=vertrouwelijk,
        vertrouwelijk_team=vertrouwelijk_team,
        taal=taal,
        indicatie_contact_gelukt=indicatie_contact_gelukt,
    )
    if idempotency_key and medewerker is not None:
        # The agent's draft of this contact (its key is the tab's) goes with the save.
        KlantcontactConcept.objects.filter(medewerker=medewerker, sleutel=idempotency_key).delete()
    if not nieuw:
        return Vastgelegd(contact, False, list(contact.contactverzoeken.order_by("pk")))
    verzoeken: list[Contactverzoek] = []
    opgeslagen = list(contact.vragen.order_by("pk"))
    for index, (invoer, vraag) in enumerate(zip(vragen, opgeslagen, strict=True)):
        if vraag.afhandeling != Afhandeling.CONTACTVERZOEK or invoer.verzoek is None:
            continue
        v = invoer.verzoek
        try:
            verzoeken.append(
                contactverzoek_create(
                    vraag=vraag,
                    team=v.team,
                    medewerker=v.medewerker,
                    gevraagde_handeling=v.gevraagde_handeling,
                    terugbelnummer=v.terugbelnummer,
                    email=v.email,
                    toelichting=v.toelichting,
                    norm_werkuren=v.norm_werkuren,
                    melden=v.melden,
                    user=medewerker,
                )
            )
        except DomainError as exc:
            raise VraagFout(index, exc) from exc
    return Vastgelegd(contact, True, verzoeken)
