"""Back-office pages for meldingen openbare ruimte: the team list, triage, a melding's page and
the KCM intake form. Views parse, check the permission, call one selector or service, and
render."""

from __future__ import annotations

import uuid as uuid_mod

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loket.accounts.permissions import HANDLE_CASES, REGISTER_CONTACT
from loket.backoffice.zaak_forms import CategoriseForm, MeldingForm, MeldingStatusForm
from loket.backoffice.zaak_views import _field_errors
from loket.cases.selectors import backoffice_teams
from loket.core.access import idempotency_client_of
from loket.core.errors import DomainError
from loket.meldingen import selectors, services
from loket.meldingen.classification import get_classifier
from loket.meldingen.models import Melding

INTAKE_KANALEN = [
    ("telefoon", "Telefoon"),
    ("balie", "Balie"),
    ("e-mail", "E-mail"),
    ("chat", "Chat"),
]


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def meldingen(request):
    teams = list(backoffice_teams(user=request.user))
    team = next(
        (t for t in teams if t.slug == request.GET.get("team")), teams[0] if teams else None
    )
    rows = list(selectors.melding_list_for_team(user=request.user, team=team)[:200]) if team else []
    context = {
        "teams": teams,
        "team": team,
        "meldingen": rows,
        "triage_count": selectors.melding_triage_list(user=request.user).count(),
    }
    return render(request, "backoffice/meldingen.html", context)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def triage(request):
    rows = list(selectors.melding_triage_list(user=request.user)[:200])
    return render(request, "backoffice/triage.html", {"meldingen": rows})


def _melding(request, pk):
    try:
        return selectors.melding_get(pk=pk, user=request.user)
    except Melding.DoesNotExist:
        raise Http404("Deze melding bestaat niet.") from None


def _render_melding(request, melding, status=200, **forms):

    context = {
        "melding": melding,
        "categorise_form": forms.get("categorise_form")
        or CategoriseForm(
            initial={"categorie": melding.categorie_id or melding.voorgestelde_categorie_id}
        ),
        "status_form": forms.get("status_form") or MeldingStatusForm(melding=melding),
        "duplicates": selectors.melding_duplicates(
            categorie=melding.categorie or melding.voorgestelde_categorie,
            lat=melding.lat,
            lon=melding.lon,
            exclude_pk=melding.pk,
        ),
        "alternatieven": get_classifier().classify(melding.tekst).alternatieven,
        "gebeurtenissen": list(melding.gebeurtenissen.select_related("door")),
    }
    return render(request, "backoffice/melding.html", context, status=status)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def melding(request, pk: int):
    return _render_melding(request, _melding(request, pk))


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def melding_categorise(request, pk: int):
    melding_obj = _melding(request, pk)
    form = CategoriseForm(request.POST)
    if form.is_valid():
        try:
            services.melding_categorise(
                melding=melding_obj, categorie=form.cleaned_data["categorie"], user=request.user
            )
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, f"De melding is naar {melding_obj.team} gestuurd.")
            if request.POST.get("terug") == "triage":
                return redirect("backoffice:triage")
            return redirect("backoffice:melding", pk=pk)
    return _render_melding(request, melding_obj, status=400, categorise_form=form)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def melding_status(request, pk: int):
    melding_obj = _melding(request, pk)
    form = MeldingStatusForm(request.POST, melding=melding_obj)
    if form.is_valid():
        try:
            services.melding_set_status(
                melding=melding_obj,
                status=form.cleaned_data["status"],
                toelichting=form.cleaned_data["toelichting"],
                openbare_toelichting=form.cleaned_data["openbare_toelichting"],
                user=request.user,
            )
        except DomainError as exc:
            _field_errors(request, form, exc)
        else:
            messages.success(request, "De status van de melding is gewijzigd.")
            return redirect("backoffice:melding", pk=pk)
    return _render_melding(request, melding_obj, status=400, status_form=form)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def melding_intake(request):
    """A KCM registers a melding for a caller or visitor (kanaal telefoon/balie)."""

    kanaal = request.POST.get("kanaal") or request.GET.get("kanaal") or "telefoon"
    if kanaal not in dict(INTAKE_KANALEN):
        kanaal = "telefoon"
    if request.method == "POST":
        form = MeldingForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.melding_create(
                    tekst=data["tekst"],
                    adres=data["adres"],
                    lat=data["lat"],
                    lon=data["lon"],
                    foto=data["foto"],
                    naam=data["naam"],
                    email=data["email"],
                    telefoon=data["telefoon"],
                    kanaal=kanaal,
                    user=request.user,
                    idempotency_key=data["sleutel"] or None,
                    idempotency_client=idempotency_client_of(request.user),
                )
            except DomainError as exc:
                _field_errors(request, form, exc)
            else:
                return redirect(
                    reverse("backoffice:melding_vastgelegd", kwargs={"uuid": created.uuid})
                )
    else:
        form = MeldingForm(initial={"sleutel": uuid_mod.uuid4().hex})
    return render(
        request,
        "backoffice/melding_nieuw.html",
        {"form": form, "kanaal": kanaal, "kanalen": INTAKE_KANALEN},
        status=400 if form.is_bound else 200,
    )


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def melding_vastgelegd(request, uuid):
    try:
        melding_obj = Melding.objects.select_related("categorie", "team").get(uuid=uuid)
    except (Melding.DoesNotExist, ValueError):
        raise Http404("Deze melding bestaat niet.") from None
    duplicates = selectors.melding_duplicates(
        categorie=melding_obj.categorie or melding_obj.voorgestelde_categorie,
        lat=melding_obj.lat,
        lon=melding_obj.lon,
        exclude_pk=melding_obj.pk,
    )
    return render(
        request,
        "backoffice/melding_vastgelegd.html",
        {"melding": melding_obj, "duplicates": duplicates},
    )
