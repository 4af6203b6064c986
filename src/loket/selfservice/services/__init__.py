"""Writes for e-forms and submissions: concepts (save and resume), submitting (idempotent) and the
route after it — the product's automation (Flitsformule) or a zaak for the back office.

One module per subdomain; callers import from `loket.selfservice.services` (re-exported here)."""

from loket.selfservice.services.formulieren import (
    CONCEPT_BEWAARTERMIJN,
    StapFout,
    _prefill_value,
    bijlage_add,
    concept_check_access,
    concept_save,
    concept_start,
    concepten_purge_expired,
    formulier_create,
    formulier_validate,
    keuzes_voor,
    prefill,
    stap_validate,
    zaaktype_voor,
)
from loket.selfservice.services.inzendingen import (
    IDEMPOTENCY_KEY_MAX,
    MAX_POGINGEN,
    ONLINE_REDEN_CODE,
    inzending_process,
    inzending_submit,
    inzendingen_process,
)
from loket.selfservice.services.standaard import (
    FLITS_STATUSTYPEN,
    FLITS_ZAAKTYPEN,
    formulieren_load_defaults,
)

__all__ = [
    "CONCEPT_BEWAARTERMIJN",
    "FLITS_STATUSTYPEN",
    "FLITS_ZAAKTYPEN",
    "IDEMPOTENCY_KEY_MAX",
    "MAX_POGINGEN",
    "ONLINE_REDEN_CODE",
    "StapFout",
    "_prefill_value",
    "bijlage_add",
    "concept_check_access",
    "concept_save",
    "concept_start",
    "concepten_purge_expired",
    "formulier_create",
    "formulier_validate",
    "formulieren_load_defaults",
    "inzending_process",
    "inzending_submit",
    "inzendingen_process",
    "keuzes_voor",
    "prefill",
    "stap_validate",
    "zaaktype_voor",
]
