"""The knowledge panel in the contact form (htmx), and the teamleider's referral figures
(stuurinformatie)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from loket.accounts.permissions import REGISTER_CONTACT, VIEW_INSIGHTS
from loket.catalogue.models import Product
from loket.catalogue.titels import kosten_weergave
from loket.contacts.selectors import (
    contactverzoek_deadline_preview,
    contactverzoek_teams,
    doorverwijzingen_count,
)
from loket.contacts.voorstellen import vraag_registratie_voorstel
from loket.core.errors import DomainError
from loket.kcc.forms import VRAAGTEKST_MAX, DoorverwijzingenForm
from loket.kcc.selectors import (
    kanaal_is_email,
)
from loket.kcc.views import KENNIS_RESULTATEN
from loket.knowledge.email import html_naar_tekst
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.selectors import Antwoord, kennis_search, vraag_product_match
from loket.portal.selectors import artikel_email_antwoord

# --- Kennisbank panel in the contact form (htmx) ---------------------------------------------


@dataclass(frozen=True)
class _PaneelAntwoord:
    """One panel result: the telephone text of the published version, ready to use."""

    antwoord: Antwoord
    tekst: str
    product: Product | None
    # What the article's products cost, from the catalogue (the article text may not say).
    kosten: list[tuple[str, str]] = field(default_factory=list)


def _paneel_antwoord(antwoord: Antwoord, *, q: str = "") -> _PaneelAntwoord:
    versie = antwoord.versie
    tekst = antwoord.tekst
    if versie is not None and not versie.telefoonscript:
        tekst = html_naar_tekst(tekst)  # the web answer (HTML) stood in for the script
    # The product the question is about, among the answer's products (issue 16, item 2).
    product = vraag_product_match(vraagtekst=q, producten=antwoord.producten)
    kosten = [(p.naam, kosten_weergave(p.kosten)) for p in antwoord.producten if p.kosten]
    return _PaneelAntwoord(antwoord=antwoord, tekst=tekst, product=product, kosten=kosten)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def kennis_paneel(request):
    """The panel's results as the KCM types (prefix search, the telephone variant)."""
    resultaat = kennis_search(
        q=request.GET.get("q", ""), kanaal="telefoon", limit=KENNIS_RESULTATEN, prefix=True
    )
    context = {
        "resultaat": resultaat,
        "antwoorden": [_paneel_antwoord(a, q=resultaat.q) for a in resultaat.antwoorden],
        "per_email": kanaal_is_email(code=request.GET.get("kanaal", "")),
    }
    return render(request, "kcc/_kennispaneel.html#resultaten", context)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def kennis_voorstel(request):
    """What "Gebruik dit antwoord" proposes to record (kcc.js): the product among the answer's
    products the question is about and the contactreden, as JSON. The agent can change both."""
    try:
        gekozen = ArtikelVersie.objects.select_related("artikel").get(
            pk=int(request.GET.get("versie", ""))
        )
    except (ValueError, ArtikelVersie.DoesNotExist):
        raise Http404("Deze artikelversie bestaat niet.") from None
    voorstel = vraag_registratie_voorstel(
        versie=gekozen, vraagtekst=request.GET.get("vraag", "")[:VRAAGTEKST_MAX]
    )
    product, reden = voorstel.product, voorstel.contactreden
    return JsonResponse(
        {
            "product": {"pk": product.pk, "naam": str(product)} if product else None,
            "contactreden": {"pk": reden.pk, "naam": str(reden)} if reden else None,
            "toelichting": voorstel.toelichting,
        }
    )


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def kennis_email(request, versie):
    """The e-mail reply of one version, to copy into the answer to an e-mail contact."""
    try:
        gekozen = ArtikelVersie.objects.get(pk=versie)
    except ArtikelVersie.DoesNotExist:
        raise Http404("Deze artikelversie bestaat niet.") from None
    # The text names the municipality's old website; the citizen gets Loket's own pages.
    onderwerp, tekst = artikel_email_antwoord(gekozen)
    context = {"versie": gekozen, "onderwerp": onderwerp, "tekst": tekst}
    return render(request, "kcc/_kennispaneel.html#email", context)


# --- Contactverzoek: the deadline the norm gives, before saving (htmx) ------------------------

_VRAAG_PREFIX = re.compile(r"^vraag-\d{1,2}$")


def _pk_of(request, name: str, queryset):
    try:
        return queryset.filter(pk=int(request.GET.get(name, ""))).first()
    except ValueError:
        return None


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def verzoek_deadline(request):
    """ "Terugbellen uiterlijk …" for one question's contactverzoek, from the norm for its team
    and product (the rule `contactverzoek_create` applies), refreshed when they change."""
    prefix = request.GET.get("prefix", "")
    if not _VRAAG_PREFIX.match(prefix):
        raise Http404("Onbekende vraag.")
    team = _pk_of(request, f"{prefix}-team", contactverzoek_teams())
    product = _pk_of(request, f"{prefix}-product", Product.objects.all())
    deadline, werkuren = contactverzoek_deadline_preview(team=team, product=product)
    context = {"deadline": deadline, "werkuren": werkuren}
    return render(request, "kcc/_vraag.html#deadline", context)


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
        telling = doorverwijzingen_count(**initial)
    elif form.is_valid():
        try:
            telling = doorverwijzingen_count(**form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    status = 400 if form.errors else 200
    return render(
        request, "kcc/doorverwijzingen.html", {"form": form, "telling": telling}, status=status
    )
