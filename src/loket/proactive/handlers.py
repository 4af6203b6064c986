"""What proactive service does when something happens in a domain app (core.events; connected
in ProactiveConfig.ready). The domain apps do not import proactive for this."""

from __future__ import annotations

from loket.proactive.services import levensgebeurtenis_signal, zaakstatus_signal


def zaakstatus_regels(event) -> None:
    """A zaak reached a status: the rules with trigger 'status of a zaak' for its zaaktype fire
    (a signal for the klantbeeld and, per the rule's channel, an offer in the outbox), in the
    status's own transaction."""
    zaakstatus_signal(zaak=event.zaak, volgnummer=event.status.statustype.volgnummer)


def levensgebeurtenis_regels(event) -> None:
    """A life event reported through a form (a verhuismelding): the rules for it fire."""
    levensgebeurtenis_signal(
        partij=event.partij, gebeurtenis=event.gebeurtenis, sleutel=event.sleutel, datum=event.datum
    )
