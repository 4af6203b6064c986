"""What insights does when something happens in a domain app (core.events; connected in
InsightsConfig.ready). The domain apps do not import insights."""

from __future__ import annotations

import logging

from django.db import transaction

from loket.core.errors import DomainError
from loket.insights.services import (
    tevredenheid_invite_after_contact,
    tevredenheid_invite_after_zaak,
    tevredenheid_link,
)

logger = logging.getLogger(__name__)


def tevredenheid_bij_afsluiten(event) -> None:
    """A finished zaak whose initiator gets a closing message: invite them to the survey (CSAT,
    CES and NPS) with a link in that same message, when they agreed and were not asked within
    the period (LOKET_TEVREDENHEID_INTERVAL_DAGEN)."""
    if not event.bericht_volgt:
        return
    meting = tevredenheid_invite_after_zaak(zaak=event.zaak)
    if meting is None:
        return
    event.slotregels.append(
        f"Hoe tevreden bent u over de afhandeling? Laat het ons weten: {tevredenheid_link(meting)}"
    )


def tevredenheid_na_contact(event) -> None:
    """A registered contact (phone, chat, e-mail answer, counter): the survey invitation goes
    into the outbox in the same transaction (rolled back with the contact). A survey that cannot
    be sent (a refused address) never stops the contact from being registered."""
    try:
        with transaction.atomic():
            tevredenheid_invite_after_contact(klantcontact=event.klantcontact)
    except DomainError as exc:
        logger.warning(
            "Geen tevredenheidsvraag na klantcontact %s: %s", event.klantcontact.pk, exc.message
        )
