"""What happens to klantcontacten and contactverzoeken, for whoever subscribes (core.events)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loket.core.events import Event


@dataclass(frozen=True)
class KlantcontactGeregistreerd(Event):
    klantcontact: Any
    user: Any = None


@dataclass(frozen=True)
class ContactverzoekAangemaakt(Event):
    verzoek: Any
    user: Any = None


@dataclass(frozen=True)
class ContactverzoekToegewezen(Event):
    verzoek: Any
    user: Any = None


@dataclass(frozen=True)
class ContactverzoekAfgesloten(Event):
    verzoek: Any
    user: Any = None
