"""Writes for e-forms and submissions: concepts (save and resume), submitting (idempotent) and the
route after it — the product's automation (Flitsformule) or a zaak for the back office.

One module per subdomain; callers import from `loket.selfservice.services` (re-exported here)."""

from loket.selfservice.services.formulieren import (
    CONCEPT_BEWAARTERMIJN,
    _prefill_value,
    bijlage_toevoegen,
    concept_check_access,
    concept_opslaan,
    concept_start,
    concepten_opruimen,
    formulier_create,
    formulier_valideren,
    keuzes_voor,
    prefill,
    stap_valideren,
    zaaktype_voor,
)
from loket.selfservice.services.inzendingen import (
    IDEMPOTENCY_KEY_MAX,
    MAX_POGINGEN,
    ONLINE_REDEN_CODE,
    inzending_indienen,
    inzending_verwerken,
    inzendingen_verwerken,
)
from loket.selfservice.services.standaard import (
    FLITS_STATUSTYPEN,
    FLITS_ZAAKTYPEN,
    formulieren_standaard_laden,
)

__all__ = [
    "CONCEPT_BEWAARTERMIJN",
    "FLITS_STATUSTYPEN",
    "FLITS_ZAAKTYPEN",
    "IDEMPOTENCY_KEY_MAX",
    "MAX_POGINGEN",
    "ONLINE_REDEN_CODE",
    "_prefill_value",
    "bijlage_toevoegen",
    "concept_check_access",
    "concept_opslaan",
    "concept_start",
    "concepten_opruimen",
    "formulier_create",
    "formulier_valideren",
    "formulieren_standaard_laden",
    "inzending_indienen",
    "inzending_verwerken",
    "inzendingen_verwerken",
    "keuzes_voor",
    "prefill",
    "stap_valideren",
    "zaaktype_voor",
]
