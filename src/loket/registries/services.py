"""Writes to the registries. Only the BRP address change exists: the verhuismelding.

The demo backend changes the demo BRP tables; the HTTP backend refuses (Haal Centraal BRP is
read-only, a move is processed in the municipality's own BRP system), so callers hand the
verhuismelding to the back office instead.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from loket.core.errors import DomainError
from loket.registries.backends import AdresData, PersoonData, get_brp
from loket.registries.models import BagAdres


def _same_address(a: AdresData | None, b: AdresData | None) -> bool:
    if a is None or b is None:
        return False
    if a.nummeraanduiding_id and b.nummeraanduiding_id:
        return a.nummeraanduiding_id == b.nummeraanduiding_id
    return (a.postcode, a.huisnummer, a.huisletter.upper(), a.toevoeging.upper()) == (
        b.postcode,
        b.huisnummer,
        b.huisletter.upper(),
        b.toevoeging.upper(),
    )


def huisgenoten(*, persoon: PersoonData) -> list[PersoonData]:
    """The other living persons registered at the same address (the household to move along)."""
    if persoon.adres is None:
        return []
    return [
        p
        for p in get_brp().zoek_op_adres(persoon.adres.postcode, persoon.adres.huisnummer)
        if p.bsn != persoon.bsn and not p.is_overleden and _same_address(p.adres, persoon.adres)
    ]


@transaction.atomic
def brp_verhuizing_register(
    *,
    bsn: str,
    adres: AdresData,
    datum: dt.date,
    meeverhuizers: list[str] | tuple[str, ...] = (),
    persoon: PersoonData | None = None,
    huis: list[PersoonData] | None = None,
) -> list[PersoonData]:
    """Register the move of a person and the co-movers from their household, all or nothing.

    Returns the persons as now registered (the mover first). Co-movers must live at the mover's
    current address; an address under investigation is refused. A caller that just read the
    person and their household in this transaction may pass them (`persoon`, `huis`).
    """
    brp = get_brp()
    if persoon is None or persoon.bsn != bsn:
        persoon = brp.persoon(bsn)
    if persoon is None:
        raise DomainError(f"BSN: {bsn} is niet bekend in de BRP.", field="bsn")
    if adres.in_onderzoek:
        raise DomainError(
            "Het nieuwe adres is in onderzoek; de verhuizing wordt door een medewerker beoordeeld.",
            field="adres",
            code="in_onderzoek",
        )
    if huis is None:
        huis = huisgenoten(persoon=persoon)
    bsns = {p.bsn for p in huis}
    onbekend = [b for b in meeverhuizers if b not in bsns]
    if onbekend:
        raise DomainError(
            "Meeverhuizers: alleen personen die op uw huidige adres wonen kunnen met u mee "
            "verhuizen.",
            field="meeverhuizers",
        )
    return brp.verhuizingen_registreren([bsn, *meeverhuizers], adres, datum)


@transaction.atomic
def bag_adres_set_onderzoek(*, adres_ids: list[int], in_onderzoek: bool = True) -> int:
    """Mark demo BAG addresses as under investigation (or end it); moves there are then never
    processed automatically. Returns how many changed."""

    return (
        BagAdres.objects.filter(pk__in=adres_ids)
        .exclude(in_onderzoek=in_onderzoek)
        .update(in_onderzoek=in_onderzoek)
    )
