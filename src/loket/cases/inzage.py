"""The zaken of an inzage (privacy.inzage), with their statuses and documents."""

from __future__ import annotations

from loket.cases.models import Zaak
from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text


def _naam(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _zaken(partij) -> list[dict]:
    zaken = (
        Zaak.objects.filter(initiator=partij)
        .select_related("zaaktype", "resultaat", "behandelaar")
        .prefetch_related("statussen__statustype", "documenten")
        .order_by("-startdatum", "-pk")
    )
    return [
        {
            "zaaknummer": z.identificatie,
            "zaaktype": z.zaaktype.omschrijving,
            "omschrijving": z.omschrijving,
            "gestart": text(z.startdatum),
            "afgerond": text(z.einddatum),
            "statussen": " | ".join(
                f"{text(s.datum_status_gezet)} {s.statustype.omschrijving}"
                for s in z.statussen.all()
            ),
            "resultaat": z.resultaat.omschrijving if z.resultaat is not None else "",
            "documenten": ", ".join(d.titel or d.bestandsnaam for d in z.documenten.all()),
            "behandelaar": _naam(z.behandelaar),
        }
        for z in zaken
    ]


def _wissen(partij) -> Uitkomst:
    """Zaken stay: the Archiefwet requires them until their term (the retention job destroys
    the dossier then); the link to the person stays with them."""
    bewaard = Zaak.objects.filter(initiator=partij, geanonimiseerd_op__isnull=True).count()
    reden = (
        "Archiefwet: een zaak blijft tot het einde van zijn bewaartermijn (Selectielijst); "
        "daarna vernietigt de bewaartermijnentaak het dossier."
        if bewaard
        else ""
    )
    return Uitkomst(0, bewaard, reden)


def register_bronnen() -> None:
    register_wisser(Wisser("zaken", "Zaken", _wissen, 30))
    register_bron(Bron("zaken", "Zaken (aanvragen en meldingen in behandeling)", _zaken, 30))
