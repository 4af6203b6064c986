"""Knowledge pages: the staff knowledge home and article pages, and the redactie screens.

Views parse input, check the permission, call one selector or service, and render.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from loket.accounts.permissions import MANAGE_KNOWLEDGE, VIEW_KNOWLEDGE
from loket.catalogue.selectors import product_list_by_upl
from loket.core.errors import DomainError
from loket.core.htmx import is_htmx, is_htmx_fragment_request
from loket.knowledge import redactie_selectors as rs
from loket.knowledge.constants import ArtikelStatus
from loket.knowledge.forms import (
    ArtikelForm,
    FeedbackAfhandelForm,
    FeedbackForm,
    NieuwsForm,
    RedactieFilterForm,
    RevisieForm,
    SynoniemForm,
    WerkinstructieForm,
    ZoekForm,
)
from loket.knowledge.models import (
    ArtikelFeedback,
    FeedbackStatus,
    Kennisartikel,
    Nieuwsbericht,
    Synoniem,
    Werkinstructie,
)
from loket.knowledge.selectors import geleerde_vragen, kennis_search
from loket.knowledge.services import (
    artikel_archive,
    artikel_create,
    artikel_preview,
    artikel_publish,
    artikel_send_back,
    artikel_submit_for_review,
    artikel_update,
    feedback_create,
    feedback_handle,
    nieuws_create,
    nieuws_mark_read,
    synoniem_create,
    synoniem_deactivate,
    werkinstructie_create,
    werkinstructie_update,
    zoekkeuze_reject,
)

CONTENT = (
    "vraag",
    "samenvatting",
    "antwoord",
    "telefoonscript",
    "email",
    "kort",
    "synoniemen",
    "trefwoorden",
    "voorbeeldvragen",
)


def _field_errors(request, form: forms.Form, exc: DomainError) -> None:
    """Errors about a field go to that field; others to the form's non-field errors."""
    for name, errors in exc.as_dict().items():
        for error in errors:
            form.add_error(name if name in form.fields and name != "revisie" else None, error)


def _met_html(instructies) -> list[Werkinstructie]:
    instructies = list(instructies)
    for instructie in instructies:
        instructie.html = rs.veilige_html(instructie.inhoud)
    return instructies


# --- Staff: knowledge home, article --------------------------------------------------------------


@login_required
@permission_required(VIEW_KNOWLEDGE, raise_exception=True)
def home(request):
    form = ZoekForm(request.GET or None)
    resultaat = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        resultaat = kennis_search(q=form.cleaned_data["q"], kanaal="telefoon")
        for antwoord in resultaat.antwoorden:
            antwoord.html = rs.veilige_html(antwoord.tekst)
    nieuws = rs.nieuws_voor_medewerker(user=request.user)
    context = {
        "form": form,
        "resultaat": resultaat,
        "vastgezet": [b for b in nieuws if b.is_belangrijk and not b.is_gelezen],
        "nieuws": [b for b in nieuws if not (b.is_belangrijk and not b.is_gelezen)],
        "werkinstructies": _met_html(rs.werkinstructies_voor_medewerker(user=request.user)),
    }
    template = "knowledge/home.html"
    if is_htmx_fragment_request(request, target="kennis-resultaten"):
        template += "#resultaten"
    return render(request, template, context)


@login_required
@permission_required(VIEW_KNOWLEDGE, raise_exception=True)
@require_POST
def nieuws_gelezen(request, pk):
    try:
        bericht = rs.nieuws_get_voor_medewerker(user=request.user, pk=pk)
    except Nieuwsbericht.DoesNotExist:
        raise Http404("Dit bericht bestaat niet of is niet voor u.") from None
    nieuws_mark_read(bericht=bericht, user=request.user)
    if is_htmx(request):
        bericht.is_gelezen = True
        bericht.html = rs.veilige_html(bericht.inhoud)
        return render(request, "knowledge/home.html#bericht", {"bericht": bericht})
    messages.success(request, f"U heeft '{bericht.titel}' gelezen.")
    return redirect("knowledge:home")


def _artikel_or_404(slug: str) -> Kennisartikel:
    try:
        return rs.artikel_gepubliceerd_get(slug=slug)
    except Kennisartikel.DoesNotExist:
        raise Http404("Dit artikel bestaat niet of is niet gepubliceerd.") from None


def _render_artikel(request, artikel, feedback_form=None, status=200):
    versie = artikel.gepubliceerde_versie
    context = {
        "artikel": artikel,
        "versie": versie,
        "weergaven": rs.kanaal_weergaven(versie),
        "werkinstructies": _met_html(
            rs.werkinstructies_bij_artikel(artikel=artikel, user=request.user)
        ),
        "feedback_form": feedback_form or FeedbackForm(),
        "kanaal": request.GET.get("kanaal", "telefoon"),
        # The products by their citizen title, not their UPL key (issue 16, item 6).
        "producten": product_list_by_upl(versie.product_upl_namen if versie else []),
    }
    return render(request, "knowledge/artikel.html", context, status=status)


@login_required
@permission_required(VIEW_KNOWLEDGE, raise_exception=True)
def artikel_detail(request, slug: str):
    return _render_artikel(request, _artikel_or_404(slug))


@login_required
@permission_required(VIEW_KNOWLEDGE, raise_exception=True)
@require_POST
def artikel_feedback(request, slug: str):
    artikel = _artikel_or_404(slug)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            feedback_create(artikel=artikel, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, "Bedankt. De redactie heeft uw feedback ontvangen.")
            return redirect("knowledge:artikel", slug=slug)
    return _render_artikel(request, artikel, feedback_form=form, status=400)


# --- Redactie: articles --------------------------------------------------------------------------


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def redactie(request):
    filters = RedactieFilterForm(request.GET or None, categorieen=rs.artikel_categorieen())
    criteria = filters.cleaned_data if filters.is_valid() else {}
    artikelen = list(
        rs.artikel_redactie_list(
            status=criteria.get("status", ""),
            categorie=criteria.get("categorie", ""),
            verlopen=criteria.get("verlopen", False),
            q=criteria.get("q", ""),
        )
    )
    context = {
        "filters": filters,
        "artikelen": artikelen,
        "tellingen": rs.artikel_redactie_tellingen(),
        "statussen": ArtikelStatus,
    }
    return render(request, "knowledge/redactie.html", context)


def _redactie_artikel(slug: str) -> Kennisartikel:
    try:
        return rs.artikel_redactie_get(slug=slug)
    except Kennisartikel.DoesNotExist:
        raise Http404("Dit artikel bestaat niet.") from None


def _content(data: dict) -> dict:
    return {name: data[name] for name in CONTENT}


def _render_edit(request, form, artikel=None, status=200):
    context = {
        "form": form,
        "artikel": artikel,
        "revisie_form": RevisieForm(initial={"revisie": artikel.revisie}) if artikel else None,
        "versies": rs.artikel_versies(artikel=artikel) if artikel else [],
        "gekozen_producten": form.gekozen_producten(),
    }
    if artikel is not None:
        # The review step: what the working copy changes compared with the published version.
        context["verschil"] = rs.artikel_verschil(oud=artikel.gepubliceerde_versie, nieuw=artikel)
        context["eigen_inzending"] = artikel.ingediend_door_id == request.user.pk
    return render(request, "knowledge/artikel_form.html", context, status=status)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def producten_zoeken(request):
    """The product combobox's suggestions (an htmx fragment): products whose name contains what
    was typed, without those already chosen."""
    q = request.GET.get("product_toevoegen") or request.GET.get("q") or ""
    gekozen = [int(v) for v in request.GET.getlist("producten") if v.isdigit()]
    producten = rs.product_suggesties(q=q[:255], uitgezonderd=gekozen)
    return render(
        request,
        "knowledge/artikel_form.html#suggesties",
        {"suggesties": producten, "q": q.strip() if len(q.strip()) >= 2 else ""},
    )


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def versie_verschil(request, slug: str, nummer: int):
    """What version `nummer` changed compared with the version before it."""
    artikel = _redactie_artikel(slug)
    versie = get_object_or_404(artikel.versies, nummer=nummer)
    vorige = artikel.versies.filter(nummer__lt=nummer).order_by("-nummer").first()
    context = {
        "artikel": artikel,
        "versie": versie,
        "vorige": vorige,
        "verschil": rs.artikel_verschil(oud=vorige, nieuw=versie),
    }
    return render(request, "knowledge/verschil.html", context)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def artikel_nieuw(request):
    form = ArtikelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            artikel = artikel_create(
                slug=data["slug"] or slugify(data["vraag"])[:100],
                producten=data["producten"],
                categorie=data["categorie"],
                eigenaar=data["eigenaar"],
                organisatie=data["organisatie"],
                review_datum=data["review_datum"],
                **_content(data),
            )
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, "Het artikel is opgeslagen als concept.")
            return redirect("knowledge:artikel_bewerken", slug=artikel.slug)
    return _render_edit(request, form, status=400 if form.errors else 200)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def artikel_bewerken(request, slug: str):
    artikel = _redactie_artikel(slug)
    if request.method != "POST":
        form = ArtikelForm(initial=ArtikelForm.initial_for(artikel), artikel=artikel)
        return _render_edit(request, form, artikel)
    form = ArtikelForm(request.POST, artikel=artikel)
    if form.is_valid():
        data = form.cleaned_data
        try:
            artikel_update(
                artikel=artikel,
                revisie=data["revisie"] if data["revisie"] is not None else -1,
                producten=data["producten"],
                categorie=data["categorie"],
                eigenaar=data["eigenaar"],
                organisatie=data["organisatie"],
                review_datum=data["review_datum"],
                **_content(data),
            )
        except DomainError as exc:
            # The user's input stays in the form (nothing lost); on a conflict the page says
            # so and shows what changed in between is the saved version (via the versions list).
            _field_errors(request, form, exc)
            if exc.code == "conflict":
                return _render_edit(request, form, artikel, status=409)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen (nog niet gepubliceerd).")
            return redirect("knowledge:artikel_bewerken", slug=slug)
    return _render_edit(request, form, artikel, status=400)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def artikel_voorbeeld(request, slug: str):
    """GET: the saved working copy per channel. POST: the unsaved input of the edit form, as it
    would be saved; nothing is saved or published either way."""
    artikel = _redactie_artikel(slug)
    inhoud, fouten = artikel, []
    if request.method == "POST":
        form = ArtikelForm(request.POST, artikel=artikel)
        if form.is_valid():
            try:
                inhoud = artikel_preview(**_content(form.cleaned_data))
            except DomainError as exc:
                fouten = [e for errors in exc.as_dict().values() for e in errors]
        else:
            fouten = [e for errors in form.errors.values() for e in errors]
    context = {
        "artikel": artikel,
        "vraag": inhoud["vraag"] if isinstance(inhoud, dict) else inhoud.vraag,
        "weergaven": [] if fouten else rs.kanaal_weergaven(inhoud),
        "fouten": fouten,
        "onopgeslagen": request.method == "POST",
    }
    return render(request, "knowledge/voorbeeld.html", context, status=400 if fouten else 200)


def _revisie_action(request, slug: str, call: Callable[[Kennisartikel, int], object], success: str):
    """A button with the revisie the user saw: run the service, report, back to the edit page."""
    artikel = _redactie_artikel(slug)
    form = RevisieForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Laad de pagina opnieuw en probeer het nog eens.")
    else:
        try:
            call(artikel, form.cleaned_data["revisie"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success)
    return redirect("knowledge:artikel_bewerken", slug=slug)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def artikel_publiceren(request, slug: str):
    return _revisie_action(
        request,
        slug,
        lambda artikel, revisie: artikel_publish(
            artikel=artikel, revisie=revisie, user=request.user
        ),
        "U heeft de versie goedgekeurd; het artikel is gepubliceerd. Alle kanalen tonen nu deze "
        "versie.",
    )


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def artikel_aanbieden(request, slug: str):
    return _revisie_action(
        request,
        slug,
        lambda artikel, revisie: artikel_submit_for_review(
            artikel=artikel, revisie=revisie, user=request.user
        ),
        "Het artikel is ter beoordeling aangeboden. Een tweede redacteur keurt het goed en "
        "publiceert.",
    )


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def artikel_terugsturen(request, slug: str):
    return _revisie_action(
        request,
        slug,
        lambda artikel, revisie: artikel_send_back(
            artikel=artikel, revisie=revisie, user=request.user
        ),
        "Het artikel is teruggestuurd; er is niets gepubliceerd.",
    )


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def artikel_archiveren(request, slug: str):
    return _revisie_action(
        request,
        slug,
        lambda artikel, revisie: artikel_archive(
            artikel=artikel, revisie=revisie, user=request.user
        ),
        "Het artikel is gearchiveerd en wordt niet meer gevonden.",
    )


# --- Redactie: feedback, search log, synonyms ---------------------------------------------------


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def feedback(request):
    status = request.GET.get("status", "")
    if status not in FeedbackStatus.values:
        status = ""
    items = rs.feedback_queue(status=status)
    for item in items:
        item.form = FeedbackAfhandelForm(
            initial={"status": item.status, "reactie": item.reactie}, prefix=f"f{item.pk}"
        )
    context = {"items": items, "status": status, "statussen": FeedbackStatus.choices}
    return render(request, "knowledge/feedback.html", context)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def feedback_afhandelen(request, pk: int):
    item = get_object_or_404(ArtikelFeedback, pk=pk)
    form = FeedbackAfhandelForm(request.POST, prefix=f"f{pk}")
    if not form.is_valid():
        messages.error(request, "Kies een geldige status.")
    else:
        try:
            feedback_handle(feedback=item, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"De feedback op '{item.artikel}' is bijgewerkt.")
    return redirect(reverse("knowledge:feedback") + f"#feedback-{pk}")


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def zoeklog(request):
    return render(request, "knowledge/zoeklog.html", {"tellingen": rs.zoeklog_overzicht(dagen=30)})


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def synoniemen(request):
    form = SynoniemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            synoniem = synoniem_create(**form.cleaned_data)
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, f"Synoniem '{synoniem}' is toegevoegd.")
            return redirect("knowledge:synoniemen")
    context = {"form": form, "synoniemen": list(rs.synoniem_list())}
    return render(request, "knowledge/synoniemen.html", context, status=400 if form.errors else 200)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def synoniem_uitzetten(request, pk: int):
    synoniem = get_object_or_404(Synoniem, pk=pk)
    try:
        synoniem_deactivate(synoniem=synoniem)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Synoniem '{synoniem.term}' staat uit.")
    return redirect("knowledge:synoniemen")


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def geleerd(request):
    """What the search learned from use: per question the articles people chose (or said did
    not help), whether that already moves them, and a button to stop learning from a pair."""
    return render(request, "knowledge/geleerd.html", {"vragen": geleerde_vragen(limit=200)})


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
@require_POST
def geleerd_afwijzen(request):
    artikel = get_object_or_404(Kennisartikel, pk=request.POST.get("artikel") or 0)
    sleutel = request.POST.get("sleutel", "")[:200]
    try:
        aantal = zoekkeuze_reject(sleutel=sleutel, artikel=artikel)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"De zoekfunctie leert niet meer van ‘{artikel}’ bij deze vraag "
            f"({aantal} {'keuze' if aantal == 1 else 'keuzes'} terzijde gelegd).",
        )
    return redirect("knowledge:geleerd")


# --- Redactie: news and werkinstructies ----------------------------------------------------------


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def nieuws(request):
    form = NieuwsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuws_create(auteur=request.user, **form.cleaned_data)
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, "Het nieuwsbericht is geplaatst.")
            return redirect("knowledge:nieuws")
    context = {"form": form, "berichten": list(rs.nieuws_redactie_list())}
    return render(request, "knowledge/nieuws.html", context, status=400 if form.errors else 200)


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def werkinstructies(request):
    return render(
        request,
        "knowledge/werkinstructies.html",
        {"werkinstructies": list(rs.werkinstructie_redactie_list())},
    )


@login_required
@permission_required(MANAGE_KNOWLEDGE, raise_exception=True)
def werkinstructie_form(request, pk=None):
    instructie = get_object_or_404(Werkinstructie, pk=pk) if pk else None
    if request.method == "POST":
        form = WerkinstructieForm(request.POST)
    elif instructie is not None:
        form = WerkinstructieForm(
            initial={
                "titel": instructie.titel,
                "inhoud": instructie.inhoud,
                "teams": list(instructie.teams.all()),
                "artikelen": list(instructie.artikelen.all()),
                "producten": list(instructie.producten.all()),
                "is_actief": instructie.is_actief,
            }
        )
    else:
        form = WerkinstructieForm()
    if request.method == "POST" and form.is_valid():
        try:
            if instructie is None:
                werkinstructie_create(**form.cleaned_data)
            else:
                werkinstructie_update(werkinstructie=instructie, **form.cleaned_data)
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, "De werkinstructie is opgeslagen.")
            return redirect("knowledge:werkinstructies")
    return render(
        request,
        "knowledge/werkinstructie_form.html",
        {"form": form, "instructie": instructie},
        status=400 if form.errors else 200,
    )
