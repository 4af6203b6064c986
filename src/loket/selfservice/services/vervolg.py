"""What followed digital use (issue 21, docs/digitaal-gebruik.md): the daily job that links a
portal search or an answer page read by a logged-in citizen to a contact of the same partij in
the next 24 hours, then forgets who it was (`partij` cleared), so only counts remain.

It lives in a domain app because it reads the contacts (knowledge, below them, cannot); it runs
with the funnel's abandonment count (`afhakers_count`) as the job `digitaal_gebruik_tellen`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from loket.catalogue.models import Product
from loket.contacts.models import Vraag
from loket.core.models import KanaalSoort
from loket.knowledge.models import Antwoordbezoek, Kennisartikel, Zoektocht
from loket.selfservice.services.trechter import afhakers_count

VERVOLG_UREN = 24


@transaction.atomic
def zoektochten_link(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Link searches and answer reads older than 24 hours to a following contact, clear the
    partij. A search counts any contact about its product not online (call, counter, e-mail);
    an answer read counts a call about one of the article's products or with its answer."""
    now = now or timezone.now()
    grens = now - dt.timedelta(hours=VERVOLG_UREN)
    venster = dt.timedelta(hours=VERVOLG_UREN)
    contact = (
        Vraag.objects.filter(
            klantcontact__partij=OuterRef("partij"),
            product=OuterRef("product"),
            klantcontact__plaatsgevonden_op__gt=OuterRef("gezocht_op"),
            klantcontact__plaatsgevonden_op__lte=OuterRef("gezocht_op") + venster,
        )
        .exclude(klantcontact__kanaal__soort=KanaalSoort.CLICK)
        .values("pk")
    )
    open_zoektochten = Zoektocht.objects.filter(partij__isnull=False, gezocht_op__lte=grens)
    gevolgd = list(
        open_zoektochten.filter(product__isnull=False)
        .filter(Exists(contact))
        .values_list("pk", flat=True)
    )
    Zoektocht.objects.filter(pk__in=gevolgd).update(contact_binnen_24u=True)
    zoektochten = open_zoektochten.exclude(pk__in=gevolgd).update(
        contact_binnen_24u=False, partij=None
    ) + Zoektocht.objects.filter(pk__in=gevolgd).update(partij=None)

    bezoeken = 0
    open_bezoeken = Antwoordbezoek.objects.filter(partij__isnull=False, bezocht_op__lte=grens)
    artikelen = Kennisartikel.objects.filter(pk__in=open_bezoeken.values("artikel")).select_related(
        "gepubliceerde_versie"
    )
    for artikel in artikelen:
        namen = (
            artikel.gepubliceerde_versie.product_upl_namen if artikel.gepubliceerde_versie else []
        )
        producten = list(Product.objects.filter(upl_naam__in=namen).values_list("pk", flat=True))
        gebeld = Vraag.objects.filter(
            Q(product__in=producten) | Q(kennisartikel_versie__artikel=artikel),
            klantcontact__partij=OuterRef("partij"),
            klantcontact__kanaal__soort=KanaalSoort.CALL,
            klantcontact__plaatsgevonden_op__gt=OuterRef("bezocht_op"),
            klantcontact__plaatsgevonden_op__lte=OuterRef("bezocht_op") + venster,
        ).values("pk")
        rijen = open_bezoeken.filter(artikel=artikel)
        ja = list(rijen.filter(Exists(gebeld)).values_list("pk", flat=True))
        bezoeken += Antwoordbezoek.objects.filter(pk__in=ja).update(
            gebeld_binnen_24u=True, partij=None
        )
        bezoeken += rijen.exclude(pk__in=ja).update(gebeld_binnen_24u=False, partij=None)
    return {"zoektochten": zoektochten, "antwoordbezoeken": bezoeken}


def digitaal_gebruik_count(now: dt.datetime | None = None) -> dict[str, int]:
    """The daily job: the funnel's abandonment figures and the search-to-contact links."""
    now = now or timezone.now()
    return {
        "formulierdagen": afhakers_count(vandaag=timezone.localdate(now)),
        **zoektochten_link(now=now),
    }
