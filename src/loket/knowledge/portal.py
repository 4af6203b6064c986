"""The citizen portal's search (public, no login): the web variant of the published version.

The same `kennis_zoeken` as the KCC panel, the e-mail reply and the API, so every channel gives
the same answer.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from loket.catalogue.models import Product
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import Kennisartikel
from loket.knowledge.selectors import kennis_zoeken, product_antwoorden, verwijs_organisatie

PORTAAL_RESULTATEN = 10


def zoeken(request):
    """`/zoeken/?q=`: a labelled search field and the answers in the citizen's channel (web)."""
    q = request.GET.get("q", "")
    resultaat = kennis_zoeken(q=q, kanaal="web", limit=PORTAAL_RESULTATEN)
    context = {"q": resultaat.q, "resultaat": resultaat, "gezocht": bool(resultaat.q)}
    return render(request, "knowledge/portal/zoeken.html", context)


def antwoord(request, slug):
    """One article's published version (web text) with its products and when it last changed."""
    artikel = (
        Kennisartikel.objects.filter(
            slug=slug, status=ArtikelStatus.GEPUBLICEERD, gepubliceerde_versie__isnull=False
        )
        .select_related("gepubliceerde_versie", "gepubliceerde_versie__organisatie")
        .first()
    )
    if artikel is None:
        raise Http404("Dit antwoord bestaat niet (meer).")
    versie = artikel.gepubliceerde_versie
    producten = list(
        Product.objects.filter(upl_naam__in=versie.product_upl_namen).select_related("organisatie")
    )
    context = {
        "artikel": artikel,
        "versie": versie,
        "producten": producten,
        "organisatie": verwijs_organisatie(versie=versie, producten=producten),
        "q": "",
    }
    return render(request, "knowledge/portal/antwoord.html", context)


def product(request, uuid):
    """A product page: the product and the published answers about it (web variant)."""
    gevonden = (
        Product.objects.filter(uuid=uuid, is_actief=True).select_related("organisatie").first()
    )
    if gevonden is None:
        raise Http404("Dit product bestaat niet (meer).")
    context = {
        "product": gevonden,
        "versies": product_antwoorden(product=gevonden),
        "organisatie": verwijs_organisatie(versie=None, producten=[gevonden]),
        "q": "",
    }
    return render(request, "knowledge/portal/product.html", context)
