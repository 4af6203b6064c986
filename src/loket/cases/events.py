"""What happens to zaken, for whoever subscribes (core.events)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class ZaakAangemaakt(Event):
    zaak: Any
    user: Any = None


@dataclass(frozen=True)
class ZaakStatusGezet(Event):
    """A new status; `informeren` says whether the initiator is told (the caller may send its
    own message instead, as the Flitsformule does)."""

    zaak: Any
    status: Any
    user: Any = None
    informeren: bool = True


@dataclass(frozen=True)
class ZaakAfgesloten(Event):
    """Published before the closing message is composed: when `bericht_volgt`, subscribers may
    add closing lines to it (`slotregels`), so the citizen still gets one message (insights adds
    the satisfaction survey link)."""

    zaak: Any
    user: Any = None
    bericht_volgt: bool = False
    slotregels: list[str] = field(default_factory=list)
