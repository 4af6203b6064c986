"""Training pages: the simulation (a sandbox copy of the agent workspace), the kennistoets and
the results. Views parse input, check the permission, call a service or selector and render."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from loket.accounts.permissions import TAKE_TRAINING
from loket.core.errors import DomainError
from loket.core.htmx import is_htmx_fragment_request, vary_on_htmx
from loket.kcc.forms import ContactForm, VraagFormSet, contactreden_choices
from loket.kcc.selectors import kanaal_is_email
from loket.knowledge.email import html_naar_tekst
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.selectors import kennis_search
from loket.training.constants import MAX_PUNTEN, ActieSoort, Criterium, Domein
from loket.training.forms import ActieForm, ToetsForm
from loket.training.itemstatistiek import MIN_ANTWOORDEN
from loket.training.models import Kennistoets, TrainingSessie
from loket.training.scenarios import scenario_get, scenario_list
from loket.training.selectors import (
    VIEW_TEAM_TRAINING,
    aanbod_producten,
    artikelen_by_slug,
    kanaal_naam,
    medewerker_voor,
    product_namen,
    resultaten,
    sessie_get,
    sessie_list,
    sessie_van_teamlid,
    team_for,
    team_leden,
    team_overzicht,
    teams_voor,
    toets_get,
    toets_items,
    toets_list,
)
from loket.training.services import (
    Registratie,
    VraagRegistratie,
    sessie_actie,
    sessie_finish,
    sessie_search,
    sessie_start,
    toets_answer,
    toets_start,
)

KENNIS_RESULTATEN = 8
VERSIE_VELD = re.compile(r"^vraag-(\d+)-kennisartikel_versie$")


def _training(view):
    return login_required(permission_required(TAKE_TRAINING, raise_exception=True)(view))


@_training
def home(request):
    domein = request.GET.get("domein", "")
    if domein not in Domein.values:
        domein = ""
    context = {
        "scenarios": scenario_list(domein=domein, praktijk=True),
        "domeinen": Domein.choices,
        "domein": domein,
        "sessies": sessie_list(medewerker=request.user, limit=10),
        "toetsen": toets_list(medewerker=request.user, limit=5),
        "mag_team": request.user.has_perm(VIEW_TEAM_TRAINING),
    }
    return render(request, "training/home.html", context)


@_training
@require_POST
def start(request, slug):
    try:
        sessie = sessie_start(medewerker=request.user, scenario=slug)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("training:home")
    return redirect("training:sessie", uuid=sessie.uuid)


def _sessie_or_404(request, uuid) -> TrainingSessie:
    try:
        return sessie_get(uuid=uuid, medewerker=request.user)
    except (TrainingSessie.DoesNotExist, ValidationError):
        raise Http404("Deze trainingsessie bestaat niet.") from None


def _gesprek_context(sessie: TrainingSessie) -> dict:
    return {"sessie": sessie, "regels": list(sessie.regels.order_by("volgnummer"))}


def _sessie_page(request, sessie, *, form=None, formset=None, actie_form=None, vragen_error=""):
    scenario = scenario_get(slug=sessie.scenario)
    redenen = contactreden_choices()
    context = {
        **_gesprek_context(sessie),
        "scenario": scenario,
        "beeld": sessie.klantbeeld,
        "form": form or ContactForm(kanaal=sessie.kanaal),
        "formset": formset or VraagFormSet(prefix="vraag", form_kwargs={"redenen": redenen}),
        "actie_form": actie_form or ActieForm(),
        "vragen_error": vragen_error,
        "kennis_paneel_url": reverse("training:kennis", kwargs={"uuid": sessie.uuid}),
        "seconden": int((timezone.now() - sessie.gestart_op).total_seconds()),
        "kanaal_naam": kanaal_naam(code=sessie.kanaal),
    }
    return render(request, "training/sessie.html", context)


@_training
def sessie(request, uuid):
    gekozen = _sessie_or_404(request, uuid)
    if gekozen.is_afgerond:
        return redirect("training:resultaat", uuid=gekozen.uuid)
    return _sessie_page(request, gekozen)


def _gekozen_versie(post) -> ArtikelVersie | None:
    """The article version of the answer: the action's own, else the last question's choice in
    the registration form ("Gebruik dit antwoord" fills it)."""
    waarde = post.get("actie-versie", "")
    if not waarde:
        gekozen = sorted(
            (int(m.group(1)), value)
            for key, value in post.items()
            if (m := VERSIE_VELD.match(key)) and value
        )
        waarde = gekozen[-1][1] if gekozen else ""
    if not waarde:
        return None
    try:
        return ArtikelVersie.objects.select_related("artikel").get(pk=int(waarde))
    except (ArtikelVersie.DoesNotExist, ValueError):
        return None


@_training
@require_POST
def actie(request, uuid):
    """The trainee asks, answers, steers or offers; the conversation grows (htmx fragment)."""
    gekozen = _sessie_or_404(request, uuid)
    form = ActieForm(request.POST)
    soort = request.POST.get("soort", "")
    fout = ""
    if form.is_valid():
        try:
            sessie_actie(
                sessie=gekozen,
                medewerker=request.user,
                soort=soort,
                tekst=form.cleaned_data["tekst"],
                versie=_gekozen_versie(request.POST) if soort == ActieSoort.ANTWOORD else None,
                kanaal=form.cleaned_data["kanaal"] if soort == ActieSoort.STURING else None,
                product=form.cleaned_data["product"] if soort == ActieSoort.AANBOD else None,
            )
        except DomainError as exc:
            fout = exc.message
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
        else:
            form = ActieForm()
    else:
        fout = "Controleer de invoer."
    if not is_htmx_fragment_request(request):
        if fout:
            messages.error(request, fout)
        return redirect(f"{reverse('training:sessie', kwargs={'uuid': gekozen.uuid})}#gesprek")
    context = {**_gesprek_context(gekozen), "actie_form": form, "actie_fout": fout}
    response = render(request, "training/sessie.html#gesprek", context)
    vary_on_htmx(response)
    return response


@_training
def kennis(request, uuid):
    """The Kennisbank panel of the sandbox: the real search, the real results partial; the
    search is recorded as the trainee's action."""
    gekozen = _sessie_or_404(request, uuid)
    q = request.GET.get("q", "")
    resultaat = kennis_search(q=q, kanaal="telefoon", limit=KENNIS_RESULTATEN, prefix=True)
    sessie_search(sessie=gekozen, medewerker=request.user, q=q)
    antwoorden = []
    for antwoord in resultaat.antwoorden:
        versie = antwoord.versie
        tekst = antwoord.tekst
        if versie is not None and not versie.telefoonscript:
            tekst = html_naar_tekst(tekst)
        kiesbaar = [p for p in antwoord.producten if p.is_actief]
        product = next((p for p in kiesbaar if p.is_gemeente), None) or next(
            (p for p in kiesbaar if p.organisatie_id), None
        )
        antwoorden.append({"antwoord": antwoord, "tekst": tekst, "product": product})
    context = {
        "resultaat": resultaat,
        "antwoorden": antwoorden,
        "per_email": kanaal_is_email(code=request.GET.get("kanaal", "")),
    }
    return render(request, "kcc/_kennispaneel.html#resultaten", context)


def _vraag_forms(formset) -> list:
    return [f for f in formset if f.has_changed() and not f.cleaned_data.get("DELETE")]


def _registratie(form, formset) -> Registratie:
    vragen = []
    for vraag_form in _vraag_forms(formset):
        data = vraag_form.cleaned_data
        reden = data["contactreden"]
        versie = data.get("kennisartikel_versie")
        afhandeling = data["afhandeling"]
        vragen.append(
            VraagRegistratie(
                vraagtekst=data["vraagtekst"],
                contactreden=(reden.hoofdreden.naam if reden.hoofdreden_id else "", reden.naam),
                afhandeling=afhandeling,
                product=data["product"].upl_naam if data.get("product") else "",
                antwoord=data.get("antwoord", ""),
                artikel=versie.artikel.slug if versie else "",
                versie=versie.nummer if versie else None,
                team=data["team"].slug
                if data.get("team") and afhandeling == "contactverzoek"
                else "",
                gevraagde_handeling=data.get("gevraagde_handeling", ""),
                terugbelnummer=data.get("terugbelnummer", ""),
                email=data.get("email", ""),
                organisatie=data["doorverwezen_naar"].slug
                if data.get("doorverwezen_naar") and afhandeling == "doorverwezen"
                else "",
            )
        )
    return Registratie(
        kanaal=form.cleaned_data["kanaal"].code, vragen=vragen, inhoud=form.cleaned_data["inhoud"]
    )


@_training
@require_POST
def afronden(request, uuid):
    """Register the contact in the sandbox and hand over; then the score and the feedback."""
    gekozen = _sessie_or_404(request, uuid)
    if gekozen.is_afgerond:
        # A retried submission: the session was scored already.
        return redirect("training:resultaat", uuid=gekozen.uuid)
    redenen = contactreden_choices()
    form = ContactForm(request.POST, kanaal=gekozen.kanaal)
    formset = VraagFormSet(request.POST, prefix="vraag", form_kwargs={"redenen": redenen})
    vragen_error = ""
    if form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                sessie_finish(
                    sessie=gekozen, medewerker=request.user, registratie=_registratie(form, formset)
                )
        except DomainError as exc:
            field = exc.field or ""
            if field == "vragen":
                vragen_error = exc.message
            elif field.startswith("vragen."):
                _, index, name = field.split(".", 2)
                target = _vraag_forms(formset)[int(index)]
                target.add_error(name if name in target.fields else None, exc.message)
            elif field == "sessie":
                messages.error(request, exc.message)
                return redirect("training:resultaat", uuid=gekozen.uuid)
            else:
                form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, "Het oefencontact is geregistreerd en beoordeeld.")
            return redirect("training:resultaat", uuid=gekozen.uuid)
    response = _sessie_page(request, gekozen, form=form, formset=formset, vragen_error=vragen_error)
    response.status_code = 400
    return response


@_training
def resultaat(request, uuid):
    gekozen = _sessie_or_404(request, uuid)
    if not gekozen.is_afgerond:
        return redirect("training:sessie", uuid=gekozen.uuid)
    return _resultaat_page(request, gekozen)


@login_required
@permission_required(VIEW_TEAM_TRAINING, raise_exception=True)
def team_sessie(request, uuid):
    """A team member's scored session, for the teamleider's coaching."""
    try:
        gekozen = sessie_van_teamlid(user=request.user, uuid=uuid)
    except (TrainingSessie.DoesNotExist, ValidationError, DomainError):
        raise Http404("Deze trainingsessie bestaat niet.") from None
    return _resultaat_page(request, gekozen)


def _resultaat_page(request, gekozen):
    scenario = scenario_get(slug=gekozen.scenario)
    artikelen = artikelen_by_slug(scenario.goed.artikelen)
    context = {
        **_gesprek_context(gekozen),
        "scenario": scenario,
        "artikelen": [artikelen[s] for s in scenario.goed.artikelen if s in artikelen],
        "aanbod": product_namen(scenario.goed.proactief),
        "max_totaal": sum(MAX_PUNTEN.values()),
        "acties": list(gekozen.acties.order_by("volgnummer")),
        "eigen": gekozen.medewerker_id == request.user.pk,
    }
    return render(request, "training/resultaat.html", context)


# --- kennistoets ----------------------------------------------------------------------------


@_training
def toetsen(request):
    if request.method == "POST":
        try:
            toets = toets_start(medewerker=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("training:toetsen")
        return redirect("training:toets", uuid=toets.uuid)
    return render(
        request, "training/toetsen.html", {"toetsen": toets_list(medewerker=request.user)}
    )


@_training
def toets(request, uuid):
    try:
        gekozen = toets_get(uuid=uuid, medewerker=request.user)
    except (Kennistoets.DoesNotExist, ValidationError):
        raise Http404("Deze kennistoets bestaat niet.") from None
    vragen = list(gekozen.vragen.select_related("artikel").order_by("volgnummer"))
    if gekozen.is_afgerond:
        return render(request, "training/toets.html", {"toets": gekozen, "vragen": vragen})
    form = ToetsForm(request.POST or None, vragen=vragen)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            toets_answer(toets=gekozen, medewerker=request.user, antwoorden=form.antwoorden())
        except DomainError as exc:
            for name, errors in exc.as_dict().items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            status = 400
        else:
            messages.success(request, "Uw kennistoets is ingeleverd en nagekeken.")
            return redirect("training:toets", uuid=gekozen.uuid)
    elif request.method == "POST":
        status = 400
    return render(request, "training/toets.html", {"toets": gekozen, "form": form}, status=status)


# --- results ----------------------------------------------------------------------------------


def _resultaten_page(request, medewerker, *, eigen: bool):
    context = {
        "medewerker": medewerker,
        "eigen": eigen,
        "uitkomst": resultaten(medewerkers=[medewerker]),
        "sessies": sessie_list(medewerker=medewerker, limit=20),
        "toetsen": toets_list(medewerker=medewerker, limit=20),
        "criteria_max": MAX_PUNTEN,
        "criteria": Criterium,
    }
    return render(request, "training/resultaten.html", context)


@_training
def mijn_resultaten(request):
    return _resultaten_page(request, request.user, eigen=True)


def _teams_context(request) -> dict:
    """The teamleider's teams and the one chosen (?team=<slug>, else the first); a team that
    is not theirs is a 404."""
    teams = list(teams_voor(user=request.user))
    slug = request.GET.get("team", "")
    gekozen = None
    if teams:
        try:
            gekozen = team_for(user=request.user, slug=slug) if slug else teams[0]
        except DomainError as exc:
            raise Http404(exc.message) from None
    return {"teams": teams, "team": gekozen}


@login_required
@permission_required(VIEW_TEAM_TRAINING, raise_exception=True)
def team(request):
    context = _teams_context(request)
    gekozen = context["team"]
    if gekozen is not None:
        context["uitkomst"] = resultaten(medewerkers=gekozen.members.filter(is_active=True))
        context["leden"] = team_overzicht(team=gekozen)
    return render(request, "training/team.html", context)


@login_required
@permission_required(VIEW_TEAM_TRAINING, raise_exception=True)
def items(request):
    """The kennistoets item statistics of a team: which questions are weak and why."""
    context = _teams_context(request)
    gekozen = context["team"]
    if gekozen is not None:
        context["overzicht"] = toets_items(medewerkers=team_leden(team=gekozen))
        context["min_antwoorden"] = MIN_ANTWOORDEN
    return render(request, "training/items.html", context)


@login_required
@permission_required(VIEW_TEAM_TRAINING, raise_exception=True)
def medewerker(request, pk):
    try:
        gekozen = medewerker_voor(user=request.user, pk=pk)
    except DomainError as exc:
        raise Http404(exc.message) from None
    return _resultaten_page(request, gekozen, eigen=gekozen.pk == request.user.pk)


@_training
def producten(request):
    """The <option>s of the offer select for the text typed in its search box (htmx)."""
    return render(
        request,
        "kcc/product_options.html",
        {"producten": aanbod_producten(q=request.GET.get("q", ""))[:50]},
    )
