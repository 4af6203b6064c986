"""What happens to meldingen openbare ruimte, for whoever subscribes (core.events)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class MeldingOntvangen(Event):
    melding: Any


@dataclass(frozen=True)
class MeldingAfgehandeld(Event):
    melding: Any
    user: Any = None
