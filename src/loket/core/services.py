"""Writes for the shared kernel: the managed list of contact channels."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from loket.core.errors import DomainError
from loket.core.models import Kanaal, KanaalSoort


def kanaal_normalise(naam: str) -> str:
    """The form two channel names are compared in: "E-mail", "email" and "E mail" are one."""
    return re.sub(r"[^0-9a-z]", "", slugify(naam))


@transaction.atomic
def kanaal_create(*, naam: str, soort: str, code: str | None = None) -> Kanaal:
    """Add a channel to the managed list; a name that only differs in case or spacing is refused."""
    naam = " ".join((naam or "").split())
    if not naam:
        raise DomainError("Geef de naam van het kanaal op.", field="naam")
    if len(naam) > (Kanaal._meta.get_field("naam").max_length or 50):
        raise DomainError("De naam van het kanaal is te lang (hoogstens 50 tekens).", field="naam")
    if soort not in KanaalSoort.values:
        raise DomainError(
            f"Onbekende soort kanaal '{soort}'; kies uit {', '.join(KanaalSoort.values)}.",
            field="soort",
        )
    kanaal_check_naam(naam=naam)
    code = slugify(code if code is not None else naam)[:30].strip("-")
    if not code:
        raise DomainError("Geef een code voor het kanaal op (letters, cijfers en -).", field="code")
    if Kanaal.objects.filter(code=code).exists():
        raise DomainError(f"De code '{code}' is al in gebruik voor een ander kanaal.", field="code")
    volgorde = (Kanaal.objects.aggregate(m=Max("volgorde"))["m"] or 0) + 10
    return Kanaal.objects.create(code=code, naam=naam, soort=soort, volgorde=volgorde)


def kanaal_check_naam(*, naam: str, instance: Kanaal | None = None) -> None:
    """Refuse a name that another channel already has in another spelling ("E-mail" vs "email")."""
    normalised = kanaal_normalise(naam)
    if not normalised:
        raise DomainError("De naam van het kanaal moet letters of cijfers bevatten.", field="naam")
    others = Kanaal.objects.only("naam")
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    for bestaand in others:
        if kanaal_normalise(bestaand.naam) == normalised:
            raise DomainError(f"Het kanaal '{bestaand.naam}' bestaat al.", field="naam")


def kanaal_get(*, code: str) -> Kanaal:
    """The channel with this code; an unknown code is a domain error (channels are a fixed list)."""
    try:
        return Kanaal.objects.get(code=code)
    except Kanaal.DoesNotExist:
        raise DomainError(f"Onbekend kanaal '{code}'.", field="kanaal") from None
