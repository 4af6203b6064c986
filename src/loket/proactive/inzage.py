"""The proactive signals of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text
from loket.proactive.models import Signaal


def _signalen(partij) -> list[dict]:
    return [
        {
            "regel": s.regel.naam,
            "aanleiding": s.aanleiding,
            "datum": text(s.datum),
            "status": s.get_status_display(),
        }
        for s in Signaal.objects.filter(partij=partij).select_related("regel").order_by("-pk")
    ]


def _wissen(partij) -> Uitkomst:
    return Uitkomst(Signaal.objects.filter(partij=partij).delete()[0])


def register_bronnen() -> None:
    register_wisser(Wisser("signalen", "Signalen", _wissen, 55))
    register_bron(
        Bron(
            "signalen",
            "Signalen voor een aanbod (bijvoorbeeld een verlopend paspoort)",
            _signalen,
            70,
        )
    )
