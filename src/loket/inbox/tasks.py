"""The worker's round for the e-mail intake (core.jobs: `postvak_fetch`)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings

from loket.inbox.postvakken import postvak_uit_instellingen
from loket.inbox.services import IntakeResultaat, postvak_fetch

logger = logging.getLogger(__name__)


def postvak_ophalen_taak(now: dt.datetime) -> IntakeResultaat | None:
    """One batch from the configured mailbox; nothing when none is configured. A mailbox that
    cannot be reached is logged and tried again next round (nothing was taken in)."""
    postvak = postvak_uit_instellingen()
    if postvak is None:
        return None
    resultaat = postvak_fetch(postvak=postvak, limit=settings.LOKET_POSTVAK_BATCH)
    if resultaat.opgehaald:
        logger.info(
            "Postvak %s: %d e-mails (%d contacten, %d reacties, %d automatisch, %d geweigerd).",
            postvak.naam,
            resultaat.opgehaald,
            resultaat.contacten,
            resultaat.reacties,
            resultaat.automatisch,
            resultaat.geweigerd,
        )
    return resultaat
