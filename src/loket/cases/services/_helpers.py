"""Helpers shared by the zaak services: the event history, row locks, input checks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from loket.accounts.models import User
from loket.cases.models import (
    Status,
    Zaak,
    ZaakGebeurtenis,
)
from loket.core.errors import DomainError
from loket.core.types import Actor

if TYPE_CHECKING:
    pass


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
