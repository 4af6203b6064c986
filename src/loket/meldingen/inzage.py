"""The meldingen openbare ruimte of an inzage (privacy.inzage)."""

from __future__ import annotations

from loket.meldingen.models import Melding
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


def register_bronnen() -> None:
    register_bron(Bron("meldingen", "Meldingen over de openbare ruimte", _meldingen, 40))
