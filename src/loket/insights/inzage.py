"""The satisfaction surveys of an inzage and their erasure (privacy.inzage, privacy.erasure):
the surveys a person was invited to and what they answered."""

from __future__ import annotations

from loket.insights.models import Tevredenheidsmeting
from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text


def _metingen(partij) -> list[dict]:
    return [
        {
            "uitgenodigd": text(m.uitgenodigd_op),
            "kanaal": m.kanaal.naam if m.kanaal else "",
            "ingevuld": text(m.beantwoord_op),
            "tevredenheid (1-5)": text(m.score),
            "makkelijk geregeld (1-7)": text(m.moeite),
            "aanbevelen (0-10)": text(m.aanbeveling),
            "toelichting": m.opmerking,
        }
        for m in Tevredenheidsmeting.objects.filter(partij=partij)
        .select_related("kanaal")
        .order_by("-uitgenodigd_op", "-pk")
    ]


def _wissen(partij) -> Uitkomst:
    return Uitkomst(Tevredenheidsmeting.objects.filter(partij=partij).delete()[0])


def register_bronnen() -> None:
    register_wisser(Wisser("tevredenheidsmetingen", "Vragenlijsten over tevredenheid", _wissen, 60))
    register_bron(Bron("tevredenheidsmetingen", "Vragenlijsten over tevredenheid", _metingen, 65))
