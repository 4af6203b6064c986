"""The appointments of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.balie.models import Afspraak
from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
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


def _wissen(partij) -> Uitkomst:
    return Uitkomst(
        Afspraak.objects.filter(partij=partij).update(
            partij=None, naam="Gewiste klant", email="gewist@loket.invalid", telefoon=""
        )
    )


def register_bronnen() -> None:
    register_wisser(Wisser("afspraken", "Afspraken aan de balie", _wissen, 50))
    register_bron(Bron("afspraken", "Afspraken aan de balie", _afspraken, 50))
