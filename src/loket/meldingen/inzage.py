"""The meldingen openbare ruimte of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.meldingen.models import Melding, MeldingVolger
from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text


def _meldingen(partij) -> list[dict]:
    return [
        {
            "referentie": m.referentie,
            "gemeld": text(m.created_at),
            "categorie": m.categorie.subcategorie if m.categorie is not None else "",
            "omschrijving": m.tekst,
            "adres": m.adres,
            "naam": m.naam,
            "e-mailadres": m.email,
            "telefoon": m.telefoon,
            "foto": "ja" if m.foto else "nee",
            "status": m.get_status_display(),
        }
        for m in Melding.objects.filter(melder=partij).select_related("categorie").order_by("-pk")
    ]


def _wissen(partij) -> Uitkomst:
    """The melder's details go; what was reported about the public space stays (it is about a
    place, and the handling needs it), and its photo goes."""
    meldingen = Melding.objects.filter(melder=partij)
    for melding in meldingen.exclude(foto=""):
        melding.foto.delete(save=False)
    gewist = meldingen.update(melder=None, naam="", email="", telefoon="", foto="")
    gewist += MeldingVolger.objects.filter(partij=partij).delete()[0]
    return Uitkomst(gewist)


def register_bronnen() -> None:
    register_wisser(Wisser("meldingen", "Meldingen openbare ruimte", _wissen, 40))
    register_bron(Bron("meldingen", "Meldingen over de openbare ruimte", _meldingen, 40))
