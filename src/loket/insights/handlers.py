"""What insights does when something happens in a domain app (core.events; connected in
InsightsConfig.ready). The domain apps do not import insights."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from loket.insights.services import tevredenheid_invite


def tevredenheid_bij_afsluiten(event) -> None:
    """A finished zaak whose initiator gets a closing message: invite them to the survey (CSAT
    and NPS) with a link in that same message."""
    if not event.bericht_volgt:
        return
    meting = tevredenheid_invite(zaak=event.zaak)
    link = settings.LOKET_BASE_URL.rstrip("/") + reverse(
        "survey:form", kwargs={"token": meting.token}
    )
    event.slotregels.append(f"Hoe tevreden bent u over de afhandeling? Laat het ons weten: {link}")
