"""The messages of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.messaging.models import Bericht
from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text


def _berichten(partij) -> list[dict]:
    return [
        {
            "aangemaakt": text(b.created_at),
            "kanaal": b.get_kanaal_display(),
            "adres": b.adres,
            "onderwerp": b.onderwerp,
            "tekst": b.tekst,
            "status": b.get_status_display(),
            "verzonden": text(b.verzonden_op),
        }
        for b in Bericht.objects.filter(partij=partij).order_by("-created_at", "-pk")
    ]


def _wissen(partij) -> Uitkomst:
    return Uitkomst(Bericht.objects.filter(partij=partij).delete()[0])


def register_bronnen() -> None:
    register_wisser(Wisser("berichten", "Berichten", _wissen, 60))
    register_bron(Bron("berichten", "Berichten die wij u stuurden", _berichten, 60))
