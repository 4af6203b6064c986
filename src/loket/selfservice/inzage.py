"""The form submissions of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text
from loket.selfservice.models import Inzending


def _inzendingen(partij) -> list[dict]:
    return [
        {
            "formulier": i.formulier.titel,
            "ingediend": text(i.ingediend_op),
            "status": i.get_status_display(),
            "ingevulde gegevens": "; ".join(f"{k}: {v}" for k, v in (i.gegevens or {}).items()),
        }
        for i in Inzending.objects.filter(partij=partij).select_related("formulier").order_by("-pk")
    ]


def _wissen(partij) -> Uitkomst:
    """What was filled in goes; the submission stays as a count (the self-service figures)."""
    return Uitkomst(Inzending.objects.filter(partij=partij).update(partij=None, gegevens={}))


def register_bronnen() -> None:
    register_wisser(Wisser("inzendingen", "Ingevulde formulieren", _wissen, 45))
    register_bron(Bron("inzendingen", "Ingevulde formulieren", _inzendingen, 45))
