"""The knowledge panel in the contact form (htmx), and the teamleider's referral figures
(stuurinformatie)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from loket.accounts.permissions import REGISTER_CONTACT, VIEW_INSIGHTS
from loket.catalogue.models import Product
from loket.catalogue.titels import kosten_weergave
from loket.contacts.selectors import doorverwijzingen_tellen
from loket.core.errors import DomainError
from loket.kcc.forms import (
    DoorverwijzingenForm,
)
from loket.kcc.selectors import (
    kanaal_is_email,
)
from loket.kcc.views import KENNIS_RESULTATEN
from loket.knowledge.email import email_antwoord, html_naar_tekst
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.selectors import Antwoord, kennis_zoeken

# --- Kennisbank panel in the contact form (htmx) ---------------------------------------------


@dataclass(frozen=True)
class _PaneelAntwoord:
    """One panel result: the telephone text of the published version, ready to use."""

    antwoord: Antwoord
    tekst: str
    product: Product | None
    # What the article's products cost, from the catalogue (the article text may not say).
    kosten: list[tuple[str, str]] = field(default_factory=list)


def _paneel_antwoord(antwoord: Antwoord) -> _PaneelAntwoord:
    versie = antwoord.versie
    tekst = antwoord.tekst
    if versie is not None and not versie.telefoonscript:
        tekst = html_naar_tekst(tekst)  # the web answer (HTML) stood in for the script
    # The product the question is about: the municipality's own, else one it refers to.
    kiesbaar = [p for p in antwoord.producten if p.is_actief]
    product = next((p for p in kiesbaar if p.is_gemeente), None) or next(
        (p for p in kiesbaar if p.organisatie_id), None
    )
    kosten = [(p.naam, kosten_weergave(p.kosten)) for p in antwoord.producten if p.kosten]
    return _PaneelAntwoord(antwoord=antwoord, tekst=tekst, product=product, kosten=kosten)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def kennis_paneel(request):
    """The panel's results as the KCM types (prefix search, the telephone variant)."""
    resultaat = kennis_zoeken(
        q=request.GET.get("q", ""), kanaal="telefoon", limit=KENNIS_RESULTATEN, prefix=True
    )
    context = {
        "resultaat": resultaat,
        "antwoorden": [_paneel_antwoord(a) for a in resultaat.antwoorden],
        "per_email": kanaal_is_email(code=request.GET.get("kanaal", "")),
    }
    return render(request, "kcc/_kennispaneel.html#resultaten", context)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def kennis_email(request, versie):
    """The e-mail reply of one version, to copy into the answer to an e-mail contact."""
    try:
        gekozen = ArtikelVersie.objects.get(pk=versie)
    except ArtikelVersie.DoesNotExist:
        raise Http404("Deze artikelversie bestaat niet.") from None
    onderwerp, tekst = email_antwoord(versie=gekozen)
    context = {"versie": gekozen, "onderwerp": onderwerp, "tekst": tekst}
    return render(request, "kcc/_kennispaneel.html#email", context)


# --- Stuurinformatie: doorverwijzingen (teamleider) ------------------------------------------

DOORVERWIJZINGEN_DAGEN = 30


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def doorverwijzingen(request):
    """How many questions were referred to which organisation, per product, in a period."""
    vandaag = timezone.localdate()
    initial = {"van": vandaag - dt.timedelta(days=DOORVERWIJZINGEN_DAGEN - 1), "tot": vandaag}
    form = DoorverwijzingenForm(request.GET or None, initial=initial)
    telling = None
    if not request.GET:
        telling = doorverwijzingen_tellen(**initial)
    elif form.is_valid():
        try:
            telling = doorverwijzingen_tellen(**form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    status = 400 if form.errors else 200
    return render(
        request, "kcc/doorverwijzingen.html", {"form": form, "telling": telling}, status=status
    )
