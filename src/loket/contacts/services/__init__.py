"""Writes for klantcontacten, contactredenen and contactverzoeken (interne taken).

One module per subdomain; callers import from `loket.contacts.services` (re-exported here)."""

from loket.contacts.services.concepten import (
    MAX_OPEN,
    klantcontact_concept_delete,
    klantcontact_concept_save,
    klantcontact_concept_set_partij,
    klantcontact_concept_start,
)
from loket.contacts.services.contactredenen import (
    contactreden_check,
    contactreden_code_for,
    contactreden_create,
    contactreden_deactivate,
)
from loket.contacts.services.contactverzoeken import (
    NORM_WERKUREN_DEFAULT,
    REOPEN_CONTACTVERZOEK,
    TEAM_OF_MEDEWERKER,
    contactverzoek_assign,
    contactverzoek_assign_to_me,
    contactverzoek_close,
    contactverzoek_create,
    contactverzoek_forward,
    contactverzoek_norm_werkuren,
    contactverzoek_register_attempt,
    contactverzoek_reopen,
)
from loket.contacts.services.klantcontacten import (
    FUTURE_TOLERANCE,
    IDEMPOTENCY_KEY_MAX,
    MAX_AGE,
    VerzoekInput,
    VraagFout,
    VraagInput,
    contact_register,
    contact_register_once,
    klantcontact_link_partij,
)
from loket.contacts.services.te_laat import TeLaatLijst, contactverzoeken_te_laat_send
from loket.contacts.services.vastleggen import Vastgelegd, klantcontact_register

__all__ = [
    "FUTURE_TOLERANCE",
    "IDEMPOTENCY_KEY_MAX",
    "MAX_AGE",
    "MAX_OPEN",
    "NORM_WERKUREN_DEFAULT",
    "REOPEN_CONTACTVERZOEK",
    "TEAM_OF_MEDEWERKER",
    "TeLaatLijst",
    "Vastgelegd",
    "VerzoekInput",
    "VraagFout",
    "VraagInput",
    "contact_register",
    "contact_register_once",
    "contactreden_check",
    "contactreden_code_for",
    "contactreden_create",
    "contactreden_deactivate",
    "contactverzoek_assign",
    "contactverzoek_assign_to_me",
    "contactverzoek_close",
    "contactverzoek_create",
    "contactverzoek_forward",
    "contactverzoek_norm_werkuren",
    "contactverzoek_register_attempt",
    "contactverzoek_reopen",
    "contactverzoeken_te_laat_send",
    "klantcontact_concept_delete",
    "klantcontact_concept_save",
    "klantcontact_concept_set_partij",
    "klantcontact_concept_start",
    "klantcontact_link_partij",
    "klantcontact_register",
]
