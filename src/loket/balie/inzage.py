"""The appointments of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.balie.models import Afspraak
from loket.privacy.inzage import Bron, register_bron, text


def _afspraken(partij) -> list[dict]:
    return [
        {
            "wanneer": text(a.start),
            "waar": a.locatie.naam,
            "product": a.product.titel or a.product.upl_naam,
            "naam": a.naam,
            "e-mailadres": a.email,
            "telefoon": a.telefoon,
            "status": a.get_status_display(),
        }
        for a in Afspraak.objects.filter(partij=partij)
        .select_related("locatie", "product")
        .order_by("-start")
    ]


def register_bronnen() -> None:
    register_bron(Bron("afspraken", "Afspraken aan de balie", _afspraken, 50))
