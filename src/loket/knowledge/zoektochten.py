"""Search to contact (issue 21, docs/digitaal-gebruik.md): what followed a portal search.

The portal's search view registers a finished search (`zoektocht_register`: the number of
results and the product it is about, never the words) and keeps its key in the visitor's own
session for `ZOEKTOCHT_MINUTEN`; the answer page and the form start mark it. Each answer page
read is counted too (`antwoordbezoek_register`). Whether a contact followed within 24 hours is
linked later by a daily job of a domain app (selfservice.services.vervolg) that clears `partij`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from loket.catalogue.models import Product
from loket.knowledge.models import Antwoordbezoek, Kennisartikel, Zoektocht

if TYPE_CHECKING:
    from loket.parties.models import Partij

ZOEKTOCHT_SESSIE = "loket_zoektocht"
ZOEKTOCHT_MINUTEN = 30


def zoektocht_register(
    *,
    aantal_resultaten: int,
    product: Product | None,
    partij: Partij | None,
    sessie: MutableMapping[str, Any] | None = None,
) -> Zoektocht:
    """A finished portal search; its key goes into the visitor's session when one is given."""
    zoektocht = Zoektocht.objects.create(
        aantal_resultaten=aantal_resultaten,
        product=product,
        ingelogd=partij is not None,
        partij=partij,
    )
    if sessie is not None:
        sessie[ZOEKTOCHT_SESSIE] = [zoektocht.pk, timezone.now().isoformat()]
    return zoektocht


def _current(sessie: MutableMapping[str, Any] | None) -> int | None:
    """The key of this visitor's search of the last 30 minutes, or None."""
    value = sessie.get(ZOEKTOCHT_SESSIE) if sessie is not None else None
    if not isinstance(value, list) or len(value) != 2:
        return None
    try:
        pk, when = int(value[0]), dt.datetime.fromisoformat(str(value[1]))
    except (TypeError, ValueError):
        return None
    if timezone.now() - when > dt.timedelta(minutes=ZOEKTOCHT_MINUTEN):
        return None
    return pk


def antwoordbezoek_register(
    *,
    artikel: Kennisartikel,
    producten: list[Product],
    partij: Partij | None,
    sessie: MutableMapping[str, Any] | None = None,
) -> Antwoordbezoek:
    """An answer page read; the first answer read after a search marks that search."""
    bezoek = Antwoordbezoek.objects.create(
        artikel=artikel, ingelogd=partij is not None, partij=partij
    )
    pk = _current(sessie)
    if pk is not None:
        zoektocht = Zoektocht.objects.filter(pk=pk, antwoord_gelezen=False).first()
        if zoektocht is not None:
            zoektocht.antwoord_gelezen = True
            zoektocht.artikel = artikel
            if producten:
                zoektocht.product = producten[0]
            zoektocht.save(update_fields=["antwoord_gelezen", "artikel", "product"])
    return bezoek


def zoektocht_mark_form_started(
    *, sessie: MutableMapping[str, Any] | None, product: Product | None
) -> bool:
    """A form started within 30 minutes of a search: that search led to the digital route."""
    pk = _current(sessie)
    if pk is None:
        return False
    changes: dict[str, Any] = {"formulier_gestart": True}
    updated = Zoektocht.objects.filter(pk=pk, product__isnull=True).update(
        **changes, product=product
    )
    if not updated:
        updated = Zoektocht.objects.filter(pk=pk).update(**changes)
    return bool(updated)
