"""What happens to partijen, for whoever subscribes (core.events)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class PartijAangemaakt(Event):
    partij: Any
    user: Any = None


@dataclass(frozen=True)
class PartijGewijzigd(Event):
    """A change of the partij or of its digitale adressen or preferred channel."""

    partij: Any
    user: Any = None
