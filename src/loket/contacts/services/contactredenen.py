"""Contactredenen: the reasons a customer makes contact, with their codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from loket.contacts.models import (
    Contactreden,
)
from loket.core.errors import DomainError

if TYPE_CHECKING:
    pass


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
    if len(naam) > (Contactreden._meta.get_field("naam").max_length or 100):
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
    max_length = Contactreden._meta.get_field("code").max_length or 60
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
