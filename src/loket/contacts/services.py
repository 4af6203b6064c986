"""Writes for klantcontacten and contactredenen."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact, Vraag
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.core.services import kanaal_get

# A contact may be registered a little ahead of the server clock (clients' clocks drift).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
IDEMPOTENCY_KEY_MAX = 100


@dataclass(frozen=True)
class VraagInput:
    """One question of a contact, as the channel collected it."""

    vraagtekst: str
    contactreden: Contactreden
    afhandeling: str
    product: Product | None = None
    antwoord: str = ""


# --- contactredenen ------------------------------------------------------------------------


def _clean_naam(naam: str) -> str:
    return " ".join((naam or "").split())


def contactreden_check(
    *, naam: str, hoofdreden: Contactreden | None = None, instance: Contactreden | None = None
) -> str:
    """The rules for a contact reason's name and place; returns the cleaned name.

    Used by `contactreden_create` and by the admin form, so the rule lives here only.
    """
    naam = _clean_naam(naam)
    if not naam:
        raise DomainError("Geef de naam van de contactreden op.", field="naam")
    if len(naam) > Contactreden._meta.get_field("naam").max_length:
        raise DomainError(
            "De naam van de contactreden is te lang (hoogstens 100 tekens).", field="naam"
        )
    if hoofdreden is not None:
        if instance is not None and instance.pk and hoofdreden.pk == instance.pk:
            raise DomainError(
                "Een contactreden kan niet haar eigen hoofdreden zijn.", field="hoofdreden"
            )
        if hoofdreden.hoofdreden_id is not None:
            raise DomainError(
                f"'{hoofdreden.naam}' is zelf een subreden; contactredenen hebben hoogstens twee "
                "niveaus. Kies een hoofdreden.",
                field="hoofdreden",
            )
        if instance is not None and instance.pk and instance.subredenen.exists():
            raise DomainError(
                f"'{instance.naam}' heeft subredenen en kan daarom zelf geen subreden worden.",
                field="hoofdreden",
            )
        if not hoofdreden.is_actief:
            raise DomainError(
                f"De hoofdreden '{hoofdreden.naam}' is niet meer in gebruik.", field="hoofdreden"
            )
    siblings = Contactreden.objects.filter(hoofdreden=hoofdreden, naam__iexact=naam)
    if instance is not None and instance.pk:
        siblings = siblings.exclude(pk=instance.pk)
    bestaand = siblings.first()
    if bestaand is not None:
        where = f" onder '{hoofdreden.naam}'" if hoofdreden is not None else ""
        raise DomainError(f"De contactreden '{bestaand.naam}' bestaat al{where}.", field="naam")
    return naam


def contactreden_code_for(*, naam: str, hoofdreden: Contactreden | None = None) -> str:
    """A free code derived from the name (prefixed with the hoofdreden's code for a subreden)."""
    max_length = Contactreden._meta.get_field("code").max_length
    base = slugify(f"{hoofdreden.code} {naam}" if hoofdreden is not None else naam)
    base = base[: max_length - 4].strip("-") or "reden"
    code, n = base, 1
    while Contactreden.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def contactreden_create(
    *, naam: str, hoofdreden: Contactreden | None = None, code: str | None = None
) -> Contactreden:
    """Add a hoofdreden, or a subreden under one (two levels at most)."""
    naam = contactreden_check(naam=naam, hoofdreden=hoofdreden)
    if code is not None:
        code = slugify(code)
        if not code:
            raise DomainError("Geef een geldige code op (letters, cijfers en -).", field="code")
        if Contactreden.objects.filter(code=code).exists():
            raise DomainError(f"De code '{code}' is al in gebruik.", field="code")
    else:
        code = contactreden_code_for(naam=naam, hoofdreden=hoofdreden)
    volgorde = (
        Contactreden.objects.filter(hoofdreden=hoofdreden).aggregate(m=Max("volgorde"))["m"] or 0
    ) + 10
    return Contactreden.objects.create(
        naam=naam, code=code, hoofdreden=hoofdreden, volgorde=volgorde
    )


@transaction.atomic
def contactreden_deactivate(*, contactreden: Contactreden) -> Contactreden:
    """Take a reason out of use (with its subredenen); contacts that used it keep it."""
    Contactreden.objects.filter(pk=contactreden.pk).update(is_actief=False)
    Contactreden.objects.filter(hoofdreden=contactreden).update(is_actief=False)
    contactreden.refresh_from_db()
    return contactreden


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
        if not reden.is_actief or (reden.hoofdreden_id and not reden.hoofdreden.is_actief):
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


def _reference(*, prefix: str, year: int, pk: int, digits: int) -> str:
    """A readable, unique number derived from the primary key (safe under concurrency)."""
    return f"{prefix}-{year}-{pk:0{digits}d}"


@transaction.atomic
def contact_register(
    *,
    kanaal: Kanaal | str,
    medewerker,
    vragen: list[VraagInput],
    partij=None,
    plaatsgevonden_op: dt.datetime | None = None,
    duur: dt.timedelta | None = None,
    onderwerp: str = "",
    inhoud: str = "",
    idempotency_key: str | None = None,
) -> Klantcontact:
    """Register one contact with its questions. A retry with the same idempotency key is stored once.

    `medewerker` is None for a contact handled without staff (self-service, automation);
    `partij` is None for an anonymous contact.
    """
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
            raise DomainError(
                "De idempotentiesleutel moet 1 tot 100 tekens lang zijn.", field="idempotency_key"
            )
        existing = Klantcontact.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing

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
    if duur is not None and duur < dt.timedelta(0):
        raise DomainError("De duur van het contact kan niet negatief zijn.", field="duur")
    onderwerp = (onderwerp or "").strip()
    if len(onderwerp) > Klantcontact._meta.get_field("onderwerp").max_length:
        raise DomainError("Het onderwerp is te lang (hoogstens 200 tekens).", field="onderwerp")

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
            )
    except IntegrityError:
        # A concurrent retry with the same key won the race: return what it stored.
        if idempotency_key is not None:
            existing = Klantcontact.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
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
        )
        for vraag in vragen
    )
    return contact
