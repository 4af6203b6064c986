"""The parties' part of an inzage (privacy.inzage): who the person is, their addresses."""

from __future__ import annotations

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


def register_bronnen() -> None:
    register_bron(Bron("partij", "Uw gegevens als klant", _partij, volgorde=10))
    register_bron(Bron("digitale_adressen", "E-mailadressen en telefoonnummers", _adressen, 11))
