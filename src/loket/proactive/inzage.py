"""The proactive signals of an inzage (privacy.inzage)."""

from __future__ import annotations

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


def register_bronnen() -> None:
    register_bron(
        Bron(
            "signalen",
            "Signalen voor een aanbod (bijvoorbeeld een verlopend paspoort)",
            _signalen,
            70,
        )
    )
