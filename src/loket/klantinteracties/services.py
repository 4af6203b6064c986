"""Writes through the Klantinteracties API: Loket's own use cases (contacts' services) with the
translation this API needs. Nothing here writes a model itself.

A Klantinteracties klantcontact has no questions; a Loket klantcontact has at least one, with a
contactreden and an afhandeling. A klantcontact posted here becomes one vraag: its onderwerp as
the question, its reactie as the answer, the contactreden "Klantcontact via Klantinteracties-API"
and the afhandeling 'contactverzoek' when `verdereActieOndernomen` (an interne taak follows),
else 'beantwoord'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from loket.accounts.models import Team, User
from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling, ContactverzoekStatus
from loket.contacts.models import Contactreden, Contactverzoek, Klantcontact
from loket.contacts.services import (
    Vastgelegd,
    VraagInput,
    contactreden_create,
    contactverzoek_close,
    contactverzoek_create,
    contactverzoek_forward,
    contactverzoek_reopen,
    klantcontact_link_partij,
    klantcontact_register,
)
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import Partij
from loket.parties.selectors import partij_digitale_adressen

CONTACTREDEN = "Klantcontact via Klantinteracties-API"
VRAAGTEKST_DEFAULT = "Klantcontact via de Klantinteracties-API"


def _contactreden() -> Contactreden:
    reden = Contactreden.objects.filter(naam=CONTACTREDEN, hoofdreden=None).first()
    return reden or contactreden_create(naam=CONTACTREDEN)


@dataclass(frozen=True)
class KlantcontactInput:
    kanaal: Kanaal
    onderwerp: str = ""
    inhoud: str = ""
    reactie: str = ""
    taal: str = "nld"
    vertrouwelijk: bool = False
    indicatie_contact_gelukt: bool | None = None
    verdere_actie_ondernomen: bool = False
    plaatsgevonden_op: dt.datetime | None = None


@transaction.atomic
def klantcontact_create(
    *,
    invoer: KlantcontactInput,
    partij: Partij | None = None,
    product: Product | None = None,
    medewerker: User | None = None,
    idempotency_key: str | None = None,
    idempotency_client: str = "",
) -> Vastgelegd:
    """Register a Klantinteracties klantcontact as a Loket klantcontact with one vraag (see the
    module's docstring); a retry with the same client and key stores nothing and returns the
    first (`Vastgelegd.nieuw` False)."""
    vraag = VraagInput(
        vraagtekst=(invoer.onderwerp or invoer.inhoud or VRAAGTEKST_DEFAULT).strip()[:2000],
        contactreden=_contactreden(),
        afhandeling=(
            Afhandeling.CONTACTVERZOEK
            if invoer.verdere_actie_ondernomen
            else Afhandeling.BEANTWOORD
        ),
        product=product,
        antwoord=invoer.reactie,
    )
    return klantcontact_register(
        kanaal=invoer.kanaal,
        medewerker=medewerker,
        vragen=[vraag],
        partij=partij,
        plaatsgevonden_op=invoer.plaatsgevonden_op,
        onderwerp=invoer.onderwerp,
        inhoud=invoer.inhoud,
        idempotency_key=idempotency_key,
        idempotency_client=idempotency_client,
        vertrouwelijk=invoer.vertrouwelijk,
        taal=invoer.taal,
        indicatie_contact_gelukt=(
            True if invoer.indicatie_contact_gelukt is None else invoer.indicatie_contact_gelukt
        ),
    )


def _contactgegevens(partij: Partij | None) -> tuple[str, str]:
    """The klant's preferred phone number and e-mail address (to reach him for the task)."""
    if partij is None:
        return "", ""
    telefoon = email = ""
    for adres in partij_digitale_adressen(partij=partij):
        if adres.soort == SoortDigitaalAdres.TELEFOON and not telefoon:
            telefoon = adres.adres
        if adres.soort == SoortDigitaalAdres.EMAIL and not email:
            email = adres.adres
    return telefoon, email


@transaction.atomic
def internetaak_create(
    *,
    klantcontact: Klantcontact,
    gevraagde_handeling: str,
    team: Team | None,
    medewerker: User | None,
    toelichting: str = "",
    user: User | None,
) -> Contactverzoek:
    """A contactverzoek (interne taak) from the klantcontact's vraag handled as contactverzoek,
    for a team and/or a medewerker, with the deadline of Loket's norm in working hours. The klant
    is reached on his preferred phone number and e-mail address."""
    vraag = (
        klantcontact.vragen.filter(afhandeling=Afhandeling.CONTACTVERZOEK).order_by("pk").first()
    )
    if vraag is None:
        raise DomainError(
            "Dit klantcontact heeft geen vraag die om een vervolg vraagt: leg het klantcontact "
            "vast met verdereActieOndernomen = true.",
            field="aanleidinggevendKlantcontact",
        )
    telefoon, email = _contactgegevens(klantcontact.partij)
    return contactverzoek_create(
        vraag=vraag,
        team=team,
        medewerker=medewerker,
        gevraagde_handeling=gevraagde_handeling,
        terugbelnummer=telefoon,
        email=email,
        toelichting=toelichting,
        user=user,
    )


@transaction.atomic
def internetaak_update(
    *,
    verzoek: Contactverzoek,
    user: User | None,
    status: str | None = None,
    toelichting: str | None = None,
    actoren: tuple[Team | None, User | None] | None = None,
) -> Contactverzoek:
    """A PATCH of an interne taak as Loket's actions, each checked by its service: new actoren
    forward it, status 'verwerkt' closes it with the toelichting as its result, status
    'te_verwerken' on a closed one reopens it (a teamleider)."""
    if actoren is not None:
        team, medewerker = actoren
        same = verzoek.team_id == (team.pk if team else None) and verzoek.medewerker_id == (
            medewerker.pk if medewerker else None
        )
        if not same:
            verzoek = contactverzoek_forward(
                verzoek=verzoek, team=team, medewerker=medewerker, user=user
            )
    if status == "verwerkt" and verzoek.status != ContactverzoekStatus.VERWERKT:
        if not (toelichting or "").strip():
            raise DomainError(
                "Vul in de toelichting het resultaat van de taak in om haar af te sluiten.",
                field="toelichting",
            )
        verzoek = contactverzoek_close(verzoek=verzoek, user=user, resultaat=toelichting or "")
    elif status == "te_verwerken" and verzoek.status == ContactverzoekStatus.VERWERKT:
        verzoek = contactverzoek_reopen(verzoek=verzoek, user=user, reden=toelichting or "")
    return verzoek


@transaction.atomic
def betrokkene_create(
    *, klantcontact: Klantcontact, partij: Partij, user: User | None
) -> tuple[Klantcontact, bool]:
    """A betrokkene posted for a klantcontact: Loket links the (anonymous) klantcontact to the
    partij it names, with its open contactverzoeken (contacts' `klantcontact_link_partij`,
    audited). Returns the klantcontact and whether this call linked it (False: it already was
    that partij's); a klantcontact of another partij is refused."""
    nieuw = klantcontact.partij_id is None
    return klantcontact_link_partij(klantcontact=klantcontact, partij=partij, user=user), nieuw
