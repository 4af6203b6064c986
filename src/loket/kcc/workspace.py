"""The KCM's workspace in the session: the desk (werkplek) and the contacts started but not saved.

Nothing here touches the database: an open contact is a draft of the agent's own work until
`contact_register` stores it. The tab's key doubles as the idempotency key of that contact, so a
double submit of the same tab is stored once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from django.utils import timezone

from loket.core.errors import DomainError

SESSION_KEY = "kcc_workspace"
MAX_OPEN = 8
WERKPLEKKEN = {"telefoon": "Telefoon", "balie": "Balie"}
# The channel a new contact gets at each desk (Kanaal.code).
WERKPLEK_KANAAL = {"telefoon": "telefoon", "balie": "balie"}


@dataclass(frozen=True)
class OpenContact:
    key: str
    kanaal: str
    started_at: str  # ISO 8601, aware
    partij: str = ""  # uuid of the klant, "" for an anonymous contact
    naam: str = ""  # weergavenaam shown on the tab

    @property
    def started(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.started_at)

    @property
    def is_anoniem(self) -> bool:
        return not self.partij

    def elapsed(self, now: dt.datetime | None = None) -> dt.timedelta:
        return max((now or timezone.now()) - self.started, dt.timedelta(0))

    @property
    def seconden(self) -> int:
        return int(self.elapsed().total_seconds())


def _state(session) -> dict:
    state = session.get(SESSION_KEY)
    if not isinstance(state, dict):
        state = {"werkplek": "", "open": []}
    return state


def _save(session, state: dict) -> None:
    session[SESSION_KEY] = state
    session.modified = True


def werkplek_get(session) -> str:
    """The desk the KCM chose ("telefoon" or "balie"), or "" when not chosen yet."""
    werkplek = _state(session).get("werkplek", "")
    return werkplek if werkplek in WERKPLEKKEN else ""


def werkplek_set(session, *, werkplek: str) -> str:
    if werkplek not in WERKPLEKKEN:
        raise DomainError("Werkplek: kies Telefoon of Balie.", field="werkplek")
    state = _state(session)
    state["werkplek"] = werkplek
    _save(session, state)
    return werkplek


def open_contact_list(session) -> list[OpenContact]:
    result = []
    for raw in _state(session).get("open", []):
        try:
            result.append(OpenContact(**raw))
        except TypeError:
            continue
    return result


def open_contact_get(session, *, key: str) -> OpenContact | None:
    return next((c for c in open_contact_list(session) if c.key == key), None)


def _store(session, contacts: list[OpenContact]) -> None:
    state = _state(session)
    state["open"] = [asdict(c) for c in contacts]
    _save(session, state)


def open_contact_start(session, *, partij=None, kanaal: str = "") -> OpenContact:
    """Start a contact: channel from the desk unless given, the timer runs from now."""
    contacts = open_contact_list(session)
    if len(contacts) >= MAX_OPEN:
        raise DomainError(
            f"U hebt al {MAX_OPEN} open contacten. Leg er eerst een vast of annuleer er een.",
            code="too_many",
        )
    werkplek = werkplek_get(session) or "telefoon"
    contact = OpenContact(
        key=str(uuid.uuid4()),
        kanaal=kanaal or WERKPLEK_KANAAL[werkplek],
        started_at=timezone.now().isoformat(),
        partij=str(partij.uuid) if partij is not None else "",
        naam=partij.weergavenaam if partij is not None else "",
    )
    _store(session, [*contacts, contact])
    return contact


def open_contact_set_partij(session, *, key: str, partij) -> OpenContact:
    """Link a klant to an open (anonymous) contact."""
    contacts = open_contact_list(session)
    for i, contact in enumerate(contacts):
        if contact.key == key:
            contacts[i] = OpenContact(
                key=contact.key,
                kanaal=contact.kanaal,
                started_at=contact.started_at,
                partij=str(partij.uuid),
                naam=partij.weergavenaam,
            )
            _store(session, contacts)
            return contacts[i]
    raise DomainError("Dit contact is niet (meer) open.", code="not_open")


def open_contact_remove(session, *, key: str) -> OpenContact | None:
    contacts = open_contact_list(session)
    removed = next((c for c in contacts if c.key == key), None)
    if removed is not None:
        _store(session, [c for c in contacts if c.key != key])
    return removed
