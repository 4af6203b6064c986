"""What happens to submissions, for whoever subscribes (core.events)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class LevensgebeurtenisGemeld(Event):
    """A citizen reported a life event through a form (a verhuismelding handled by Flits):
    proactive service offers the life event's products."""

    partij: Any
    gebeurtenis: str
    sleutel: str
    datum: dt.date | None = None


@dataclass(frozen=True)
class InzendingAfgehandeld(Event):
    inzending: Any
