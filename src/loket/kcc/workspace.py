"""The KCM's workspace: the desk (werkplek, in the session) and the contacts started but not
saved (open contacts, the tabs).

An open contact and the draft of what was typed in it live on the server
(`contacts.KlantcontactConcept`, the agent's own), so leaving it for the klantbeeld, a reload or
logging out loses nothing (issue 16). The tab's key doubles as the idempotency key of the
contact, so a double submit of the same tab is stored once, and saving it removes the draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from loket.accounts.permissions import REGISTER_CONTACT
from loket.contacts.models import KlantcontactConcept
from loket.contacts.selectors import klantcontact_concept_get, klantcontact_concept_list
from loket.contacts.services import (
    MAX_OPEN,
    klantcontact_concept_delete,
    klantcontact_concept_save,
    klantcontact_concept_set_partij,
    klantcontact_concept_start,
)
from loket.core.errors import DomainError

SESSION_KEY = "kcc_workspace"
WERKPLEKKEN = {"telefoon": "Telefoon", "balie": "Balie"}
# The channel a new contact gets at each desk (Kanaal.code).
WERKPLEK_KANAAL = {"telefoon": "telefoon", "balie": "balie"}

__all__ = ["MAX_OPEN", "OpenContact"]


@dataclass(frozen=True)
class OpenContact:
    key: str
    kanaal: str
    started: dt.datetime
    partij: str = ""  # uuid of the klant, "" for an anonymous contact
    naam: str = ""  # weergavenaam shown on the tab
    concept: dict[str, str] = field(default_factory=dict)  # the form as the agent left it
    concept_op: dt.datetime | None = None
    gesprek_id: str = ""  # started from a telephone call (CTI)

    @property
    def is_anoniem(self) -> bool:
        return not self.partij

    def elapsed(self, now: dt.datetime | None = None) -> dt.timedelta:
        return max((now or timezone.now()) - self.started, dt.timedelta(0))

    @property
    def seconden(self) -> int:
        return int(self.elapsed().total_seconds())


def _open(concept: KlantcontactConcept) -> OpenContact:
    partij = concept.partij
    return OpenContact(
        key=concept.sleutel,
        kanaal=concept.kanaal,
        started=concept.gestart_op,
        partij=str(partij.uuid) if partij is not None else "",
        naam=partij.weergavenaam if partij is not None else "",
        concept=concept.gegevens if isinstance(concept.gegevens, dict) else {},
        concept_op=concept.bijgewerkt_op,
        gesprek_id=concept.gesprek_id,
    )


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


def open_contact_list(user) -> list[OpenContact]:
    return [_open(c) for c in klantcontact_concept_list(medewerker=user)]


def open_contact_get(user, *, key: str) -> OpenContact | None:
    concept = klantcontact_concept_get(medewerker=user, sleutel=key)
    return _open(concept) if concept is not None else None


def open_contact_start(
    session,
    user,
    *,
    partij=None,
    kanaal: str = "",
    gestart_op: dt.datetime | None = None,
    gesprek_id: str = "",
) -> OpenContact:
    """Start a contact: channel from the desk unless given, the timer runs from now (from the
    moment the call was answered for a contact opened from the screen pop)."""
    werkplek = werkplek_get(session) or "telefoon"
    concept = klantcontact_concept_start(
        medewerker=user,
        kanaal=kanaal or WERKPLEK_KANAAL[werkplek],
        partij=partij,
        gestart_op=gestart_op,
        gesprek_id=gesprek_id,
    )
    return _open(concept)


def open_contact_set_partij(user, *, key: str, partij) -> OpenContact:
    """Link a klant to an open (anonymous) contact."""
    return _open(klantcontact_concept_set_partij(medewerker=user, sleutel=key, partij=partij))


def open_contact_save_draft(user, *, key: str, gegevens: dict[str, str]) -> OpenContact:
    """Keep what the agent typed (autosave, and before the cancel question)."""
    return _open(klantcontact_concept_save(medewerker=user, sleutel=key, gegevens=gegevens))


def open_contact_remove(user, *, key: str) -> OpenContact | None:
    concept = klantcontact_concept_delete(medewerker=user, sleutel=key)
    return _open(concept) if concept is not None else None


def open_contacts_logout_warning(user) -> list[str]:
    """Before logging out (accounts.logout): the open contacts, which are kept for next time."""
    if not user.has_perm(REGISTER_CONTACT):
        return []
    contacten = open_contact_list(user)
    if not contacten:
        return []
    namen = ", ".join(c.naam or "anoniem" for c in contacten)
    if len(contacten) == 1:
        eerste = f"U hebt 1 open contact ({namen}) dat nog niet is vastgelegd."
    else:
        eerste = f"U hebt {len(contacten)} open contacten ({namen}) die nog niet zijn vastgelegd."
    return [
        eerste,
        "Wat u typte blijft bewaard: na het inloggen staan de contacten weer klaar. Leg ze vast "
        "of annuleer ze als het gesprek voorbij is.",
    ]
