"""The parties' part of an inzage (privacy.inzage): who the person is, their addresses."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError

from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text


def _partij(partij) -> list[dict]:
    row = {"naam": partij.weergavenaam, "soort": partij.get_soort_display()}
    persoon = getattr(partij, "persoon", None)
    if persoon is not None:
        row.update(
            {
                "BSN": persoon.bsn,
                "voornamen": persoon.voornamen,
                "voorvoegsel": persoon.voorvoegsel_geslachtsnaam,
                "achternaam": persoon.geslachtsnaam,
                "geboortedatum": text(persoon.geboortedatum),
            }
        )
    organisatie = getattr(partij, "organisatie", None)
    if organisatie is not None:
        row.update({"KVK-nummer": organisatie.kvk_nummer, "handelsnaam": organisatie.handelsnaam})
    row["voorkeurskanaal"] = partij.voorkeurskanaal.naam if partij.voorkeurskanaal_id else ""
    row["kenmerken"] = ", ".join(partij.tags or [])
    row["vastgelegd op"] = text(partij.created_at)
    return [row]


def _adressen(partij) -> list[dict]:
    return [
        {
            "soort": a.get_soort_display(),
            "adres": a.adres,
            "voorkeur": text(a.is_standaard_adres),
            "bevestigd op": text(a.verified_at),
        }
        for a in partij.digitale_adressen.order_by("soort", "pk")
    ]


def _wissen(partij) -> Uitkomst:
    """Last of all: the addresses go, and the partij with its BSN or KVK-nummer when nothing
    that must be kept refers to it any more; otherwise it stays, with the reason."""
    gewist = partij.digitale_adressen.all().delete()[0]
    try:
        with transaction.atomic():
            gewist += partij.delete()[0]
    except ProtectedError as exc:
        soorten = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
        return Uitkomst(
            gewist,
            1,
            "De klant zelf blijft (naam en BSN of KVK-nummer): nodig voor "
            + ", ".join(str(s) for s in soorten)
            + " die bewaard moeten blijven.",
        )
    return Uitkomst(gewist)


def register_bronnen() -> None:
    register_wisser(Wisser("partij", "De klant en zijn adressen", _wissen, 99))
    register_bron(Bron("partij", "Uw gegevens als klant", _partij, volgorde=10))
    register_bron(Bron("digitale_adressen", "E-mailadressen en telefoonnummers", _adressen, 11))
