"""The citizen portal's search (public, no login): the web variant of the published version.

The same `kennis_zoeken` as the KCC panel, the e-mail reply and the API, so every channel gives
the same answer.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render

from loket.catalogue.models import Product
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.models import Kennisartikel
from loket.knowledge.selectors import kennis_search, verwijs_organisatie
from loket.knowledge.zoektochten import antwoordbezoek_register, zoektocht_register
from loket.parties.citizen_auth import citizen_partij

PORTAAL_RESULTATEN = 10


def zoeken(request):
    """`/zoeken/?q=`: a labelled search field and the answers in the citizen's channel (web)."""
    q = request.GET.get("q", "")
    resultaat = kennis_search(q=q, kanaal="web", limit=PORTAAL_RESULTATEN)
    if resultaat.q:
        # Search to contact (issue 21): counts only; the words are not kept here.
        eerste = next((a.producten[0] for a in resultaat.antwoorden if a.producten), None)
        zoektocht_register(
            aantal_resultaten=len(resultaat.antwoorden),
            product=eerste,
            partij=citizen_partij(request),
            sessie=request.session,
        )
    context = {"q": resultaat.q, "resultaat": resultaat, "gezocht": bool(resultaat.q)}
    return render(request, "knowledge/portal/zoeken.html", context)


def antwoord(request, slug):
    """One article's published version (web text) with its products and when it last changed."""
    artikel = (
        # Under review, an article keeps its published version in use (four eyes, issue 16).
        Kennisartikel.objects.filter(slug=slug, gepubliceerde_versie__isnull=False)
        .exclude(status=ArtikelStatus.GEARCHIVEERD)
        .select_related("gepubliceerde_versie", "gepubliceerde_versie__organisatie")
        .first()
    )
    if artikel is None:
        raise Http404("Dit antwoord bestaat niet (meer).")
    versie = artikel.gepubliceerde_versie
    producten = list(
        Product.objects.filter(upl_naam__in=versie.product_upl_namen).select_related("organisatie")
    )
    antwoordbezoek_register(
        artikel=artikel, producten=producten, partij=citizen_partij(request), sessie=request.session
    )
    context = {
        "artikel": artikel,
        "versie": versie,
        "producten": producten,
        "organisatie": verwijs_organisatie(versie=versie, producten=producten),
        "q": "",
        # The search that led here (the result links carry it): "Heeft dit geholpen?" below
        # the answer then teaches the search (knowledge.search.leren).
        "zoekvraag": request.GET.get("q", "")[:500],
    }
    return render(request, "knowledge/portal/antwoord.html", context)


def product(request, uuid):
    """Old address of a product page: the citizen portal's product page is the one product page
    (texts, service formula, channel advice and the same published answers)."""
    if not Product.objects.filter(uuid=uuid, is_actief=True).exists():
        raise Http404("Dit product bestaat niet (meer).")
    return redirect("portal:product_uuid", uuid=uuid)
