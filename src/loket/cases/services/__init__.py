"""Writes for zaaktypen and zaken: norms, deadlines in working days and the status history.

One module per subdomain; callers import from `loket.cases.services` (re-exported here)."""

from loket.cases.services.avg import AVG_SOORTEN, avg_verzoek_create
from loket.cases.services.deadlines import (
    DEADLINE_FIELDS,
    zaak_deadlines,
    zaak_extend,
    zaak_resume,
    zaak_suspend,
)
from loket.cases.services.handling import (
    DOCUMENT_TYPES,
    IMAGE_TYPES,
    check_upload,
    zaak_add_document,
    zaak_add_note,
    zaak_assign,
    zaak_close,
    zaak_reopen,
)
from loket.cases.services.zaaktypen import (
    IDENTIFICATIE_RE,
    resultaattype_create,
    zaaktype_check_norms,
    zaaktype_create,
    zaaktype_set_transitions,
)
from loket.cases.services.zaken import (
    FUTURE_TOLERANCE,
    allowed_statustypen,
    zaak_create,
    zaak_set_status,
)

__all__ = [
    "AVG_SOORTEN",
    "DEADLINE_FIELDS",
    "DOCUMENT_TYPES",
    "FUTURE_TOLERANCE",
    "IDENTIFICATIE_RE",
    "IMAGE_TYPES",
    "allowed_statustypen",
    "avg_verzoek_create",
    "check_upload",
    "resultaattype_create",
    "zaak_add_document",
    "zaak_add_note",
    "zaak_assign",
    "zaak_close",
    "zaak_create",
    "zaak_deadlines",
    "zaak_extend",
    "zaak_reopen",
    "zaak_resume",
    "zaak_set_status",
    "zaak_suspend",
    "zaaktype_check_norms",
    "zaaktype_create",
    "zaaktype_set_transitions",
]
