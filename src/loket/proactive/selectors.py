"""Reads for proactive service (rules, signals, open offers); messages are read through
loket.messaging.selectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from loket.proactive import teksten
from loket.proactive.models import Regel, Signaal, SignaalStatus

if TYPE_CHECKING:
    from loket.parties.models import Partij


@dataclass(frozen=True)
class OpenAanbod:
    signaal: Signaal
    tip: str
    producten: list
    bericht_status: str


def aanbod_open_for_partij(partij: Partij) -> list[OpenAanbod]:
    """Open proactive offers for the klantbeeld, with the KCM's hint ('Rijbewijs verloopt over
    6 weken — bied online verlengen aan'). An offer whose occasion lies in the past has lapsed."""
    vandaag = timezone.localdate()
    signalen = (
        Signaal.objects.filter(partij=partij, status=SignaalStatus.OPEN)
        .select_related("regel", "bericht")
        .prefetch_related("regel__producten")
        .order_by("datum", "pk")
    )
    result = []
    for signaal in signalen:
        if signaal.regel.trigger == "document" and signaal.datum < vandaag:
            continue
        producten = list(signaal.regel.producten.all())
        result.append(
            OpenAanbod(
                signaal=signaal,
                tip=teksten.kcc_tip(
                    regel=signaal.regel, producten=producten, datum=signaal.datum, vandaag=vandaag
                ),
                producten=producten,
                bericht_status=signaal.bericht.get_status_display() if signaal.bericht else "",
            )
        )
    return result


def regel_list():
    return (
        Regel.objects.prefetch_related("producten")
        .annotate(
            aantal_signalen=Count("signalen", distinct=True),
            aantal_open=Count(
                "signalen", filter=Q(signalen__status=SignaalStatus.OPEN), distinct=True
            ),
        )
        .order_by("trigger", "naam")
    )
