"""What notificaties tells other apps (core.events)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class NotificatieOntvangen(Event):
    """Another component (an Open Zaak, Open Notificaties) reported a change."""

    notificatie: Any
