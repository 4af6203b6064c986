"""Klantcontacten: register a contact with its questions, once per idempotency key."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.catalogue.models import Organisatie, Product
from loket.contacts.constants import (
    Afhandeling,
)
from loket.contacts.events import (
    KlantcontactGeregistreerd,
)
from loket.contacts.models import (
    Contactreden,
    Klantcontact,
    Vraag,
)
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.models import Kanaal
from loket.core.services import kanaal_get
from loket.knowledge.models import ArtikelVersie, ZoekKeuze
from loket.knowledge.services import zoekkeuze_register

if TYPE_CHECKING:
    from loket.parties.models import Partij

# A contact may be registered a little ahead of the server clock (clients' clocks drift).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
IDEMPOTENCY_KEY_MAX = 100
MAX_AGE = dt.timedelta(days=20 * 366)


@dataclass(frozen=True)
class VraagInput:
    """One question of a contact, as the channel collected it."""

    vraagtekst: str
    contactreden: Contactreden
    afhandeling: str
    product: Product | None = None
    antwoord: str = ""
    # The published knowledge-article version the answer came from (one answer on every channel).
    kennisartikel_versie: ArtikelVersie | None = None
    # What the agent searched to find that version: the search learns from the pair.
    zoekvraag: str = ""
    # With afhandeling "doorverwezen": the organisation the klant was referred to.
    doorverwezen_naar: Organisatie | None = None
    # With afhandeling "contactverzoek": who calls back and what is asked (`klantcontact_vastleggen`
    # makes the verzoek in the contact's own transaction).
    verzoek: VerzoekInput | None = None


@dataclass(frozen=True)
class VerzoekInput:
    """The contactverzoek a question handled as contactverzoek leads to."""

    team: Team | None = None
    medewerker: User | None = None
    gevraagde_handeling: str = ""
    terugbelnummer: str = ""
    email: str = ""
    toelichting: str = ""
    # The deadline in office hours from now (a channel's own norm, e.g. the e-mail norm for a
    # question from the website); None: the norm for the team and product.
    norm_werkuren: float | None = None
    # Tell the assignee by e-mail (False for work that lands in a watched queue, the inbox).
    melden: bool = True


def _leer_van_antwoorden(vragen: list[VraagInput], *, medewerker: User | None) -> None:
    """An answer given from the knowledge base is a judgement of the search that found it:
    the search learns which article answers those words (knowledge.search.leren)."""
    if medewerker is None:
        return
    for vraag in vragen:
        if vraag.kennisartikel_versie is not None and vraag.zoekvraag.strip():
            zoekkeuze_register(
                zoekvraag=vraag.zoekvraag,
                artikel=vraag.kennisartikel_versie.artikel,
                bron=ZoekKeuze.Bron.KCC,
                wie=f"user:{medewerker.pk}",
            )


class VraagFout(DomainError):
    """A DomainError about one question of a contact; `index` is its place in the list."""

    def __init__(self, index: int, exc: DomainError) -> None:
        super().__init__(exc.message, field=exc.field)
        self.index = index


# --- klantcontacten ------------------------------------------------------------------------


def _check_vragen(vragen: list[VraagInput]) -> None:
    if not vragen:
        raise DomainError("Leg ten minste één vraag vast.", field="vragen")
    for number, vraag in enumerate(vragen, start=1):
        prefix = f"Vraag {number}: " if len(vragen) > 1 else ""
        if not (vraag.vraagtekst or "").strip():
            raise DomainError(f"{prefix}vul de vraag van de klant in.", field="vraagtekst")
        reden = vraag.contactreden
        if reden is None:
            raise DomainError(f"{prefix}kies een contactreden.", field="contactreden")
        if not reden.is_actief or (reden.hoofdreden is not None and not reden.hoofdreden.is_actief):
            raise DomainError(
                f"{prefix}de contactreden '{reden.naam}' is niet meer in gebruik.",
                field="contactreden",
            )
        if vraag.afhandeling not in Afhandeling.values:
            raise DomainError(
                f"{prefix}onbekende afhandeling '{vraag.afhandeling}'.", field="afhandeling"
            )
        if vraag.product is not None and not vraag.product.is_actief:
            raise DomainError(
                f"{prefix}het product '{vraag.product}' is niet meer in gebruik.", field="product"
            )
        organisatie = vraag.doorverwezen_naar
        if vraag.afhandeling == Afhandeling.DOORVERWEZEN:
            if organisatie is None:
                raise DomainError(
                    f"{prefix}kies de organisatie waarnaar u verwijst."
                    if prefix
                    else "Kies de organisatie waarnaar u verwijst.",
                    field="doorverwezen_naar",
                )
            if not organisatie.is_actief:
                raise DomainError(
                    f"{prefix}de organisatie '{organisatie}' is niet meer in gebruik.",
                    field="doorverwezen_naar",
                )
        elif organisatie is not None:
            raise DomainError(
                f"{prefix}een organisatie waarnaar u verwijst hoort alleen bij de afhandeling "
                f"'{Afhandeling.DOORVERWEZEN.label}'.",
                field="doorverwezen_naar",
            )


def _reference(*, prefix: str, year: int, pk: int, digits: int) -> str:
    """A readable, unique number derived from the primary key (safe under concurrency)."""
    return f"{prefix}-{year}-{pk:0{digits}d}"


@transaction.atomic
def contact_register(
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
) -> Klantcontact:
    """Register one contact with its questions. A retry with the same idempotency key is stored once.

    `medewerker` is None for a contact handled without staff (self-service, automation);
    `partij` is None for an anonymous contact. A key is scoped to `idempotency_client` (see
    `contact_register_once`); Loket's own callers use the empty client.
    """
    contact, _created = contact_register_once(
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
    )
    return contact


def _stored_once(*, client: str, key: str | None) -> Klantcontact | None:
    if key is None:
        return None
    return Klantcontact.objects.filter(idempotency_client=client, idempotency_key=key).first()


def _check_vertrouwelijk(*, vertrouwelijk: bool, team: Team | None) -> None:
    """A confidential contact names the team that reads it (contacts.vertrouwelijk). The
    channels with a choice (the KCC form, Loket's API) require one; without a team (the VNG
    Klantinteracties API has no field for it) no medewerker reads the content: it fails closed."""
    if team is None:
        return
    if not vertrouwelijk:
        raise DomainError(
            "Een team met inzage kiest u alleen bij een vertrouwelijk contact.",
            field="vertrouwelijk_team",
        )
    if not team.is_actief:
        raise DomainError(
            f"Het team '{team.name}' is niet meer actief; kies een ander team met inzage.",
            field="vertrouwelijk_team",
        )


@transaction.atomic
def contact_register_once(
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
) -> tuple[Klantcontact, bool]:
    """`contact_register`, telling whether this call stored the contact (True) or found the one
    an earlier or concurrent call with the same client and key stored (False). The unique
    constraint on (client, key) decides a race: exactly one call creates."""
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
            raise DomainError(
                "De idempotentiesleutel moet 1 tot 100 tekens lang zijn.", field="idempotency_key"
            )
        existing = _stored_once(client=idempotency_client, key=idempotency_key)
        if existing is not None:
            return existing, False

    if isinstance(kanaal, str):
        kanaal = kanaal_get(code=kanaal)
    if not kanaal.is_actief:
        raise DomainError(f"Het kanaal '{kanaal.naam}' is niet meer in gebruik.", field="kanaal")
    _check_vragen(vragen)

    now = timezone.now()
    if plaatsgevonden_op is None:
        plaatsgevonden_op = now
    elif timezone.is_naive(plaatsgevonden_op):
        raise DomainError(
            "Het tijdstip van het contact heeft geen tijdzone.", field="plaatsgevonden_op"
        )
    elif plaatsgevonden_op > now + FUTURE_TOLERANCE:
        raise DomainError(
            "Het tijdstip van het contact ligt in de toekomst.", field="plaatsgevonden_op"
        )
    elif plaatsgevonden_op < now - MAX_AGE:
        # Older contacts are past every retention term; year 0001 also broke the day summaries.
        raise DomainError(
            "Het tijdstip van het contact ligt meer dan 20 jaar terug.", field="plaatsgevonden_op"
        )
    if duur is not None and duur < dt.timedelta(0):
        raise DomainError("De duur van het contact kan niet negatief zijn.", field="duur")
    onderwerp = (onderwerp or "").strip()
    if len(onderwerp) > (Klantcontact._meta.get_field("onderwerp").max_length or 200):
        raise DomainError("Het onderwerp is te lang (hoogstens 200 tekens).", field="onderwerp")
    _check_vertrouwelijk(vertrouwelijk=vertrouwelijk, team=vertrouwelijk_team)
    taal = (taal or "").strip().lower()
    if not (len(taal) == 3 and taal.isalpha()):
        raise DomainError(
            "De taal is een code van drie letters (ISO 639-2), bijvoorbeeld 'nld'.", field="taal"
        )

    try:
        with transaction.atomic():
            contact = Klantcontact.objects.create(
                referentienummer=f"tmp-{uuid.uuid4().hex[:16]}",
                kanaal=kanaal,
                partij=partij,
                medewerker=medewerker,
                onderwerp=onderwerp,
                inhoud=inhoud or "",
                plaatsgevonden_op=plaatsgevonden_op,
                duur=duur,
                idempotency_key=idempotency_key,
                idempotency_client=idempotency_client if idempotency_key is not None else "",
                gesprek_id=(gesprek_id or "").strip()[:64],
                vertrouwelijk=vertrouwelijk,
                vertrouwelijk_team=vertrouwelijk_team if vertrouwelijk else None,
                taal=taal,
                indicatie_contact_gelukt=indicatie_contact_gelukt,
            )
    except IntegrityError:
        # A concurrent retry with the same key won the race: return what it stored.
        existing = _stored_once(client=idempotency_client, key=idempotency_key)
        if existing is not None:
            return existing, False
        raise
    year = timezone.localtime(plaatsgevonden_op).year
    contact.referentienummer = _reference(prefix="KC", year=year, pk=contact.pk, digits=6)
    contact.save(update_fields=["referentienummer"])
    Vraag.objects.bulk_create(
        Vraag(
            klantcontact=contact,
            vraagtekst=vraag.vraagtekst.strip(),
            antwoord=vraag.antwoord or "",
            product=vraag.product,
            contactreden=vraag.contactreden,
            afhandeling=vraag.afhandeling,
            kennisartikel_versie=vraag.kennisartikel_versie,
            doorverwezen_naar=vraag.doorverwezen_naar,
        )
        for vraag in vragen
    )
    _leer_van_antwoorden(vragen, medewerker=medewerker)
    publish(KlantcontactGeregistreerd(klantcontact=contact, user=medewerker))
    return contact, True


@transaction.atomic
def klantcontact_link_partij(
    *, klantcontact: Klantcontact, partij: Partij, user: User | None
) -> Klantcontact:
    """Link an anonymous contact to its klant afterwards (an e-mail from an address Loket did
    not know): the contact and its open contactverzoeken get the klant; the change is audited.
    A contact that already belongs to another klant is refused."""
    from loket.contacts.models import Contactverzoek
    from loket.core.audit import audit_record
    from loket.core.models import AuditAction

    locked = Klantcontact.objects.select_for_update().get(pk=klantcontact.pk)
    if locked.partij_id is not None and locked.partij_id != partij.pk:
        raise DomainError("Dit contact hoort al bij een andere klant.", field="partij")
    if locked.partij_id is None:
        locked.partij = partij
        locked.save(update_fields=["partij", "updated_at"])
        Contactverzoek.objects.filter(klantcontact=locked, partij__isnull=True).update(
            partij=partij
        )
        audit_record(
            user=user,
            action=AuditAction.UPDATE,
            obj=partij,
            purpose="Klantcontact aan de klant gekoppeld",
            detail={"klantcontact": locked.referentienummer},
        )
    return locked
