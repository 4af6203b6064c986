"""What happens to knowledge articles, for whoever subscribes (core.events)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class ArtikelGepubliceerd(Event):
    """A new immutable version is what every channel answers with from now on."""

    versie: Any
    user: Any = None
