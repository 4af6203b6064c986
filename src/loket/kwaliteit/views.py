"""Pages of quality monitoring: parse, call a service or selector, render."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from loket.kwaliteit.forms import BeoordelingForm
from loket.kwaliteit.models import Beoordeling, Oefenscenario
from loket.kwaliteit.selectors import (
    beoordeling_contact,
    beoordeling_get_for_reviewer,
    beoordeling_queue,
    criteria_for,
    eigen_beoordelingen,
    kalibratie_list,
    kwaliteit_dashboard,
    may_review,
    medewerker_cijfer,
    scores_for,
)
from loket.kwaliteit.services import (
    KwaliteitError,
    beoordeling_record,
    kalibratie_start,
    oefenscenario_create,
)


def _reviewer(request) -> None:
    if not may_review(request.user):
        raise PermissionDenied


def reviewer_required(view):
    """Logged in with a reviewer's permission, checked before anything else about the request."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        _reviewer(request)
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def _get(request, pk: int) -> Beoordeling:
    try:
        return beoordeling_get_for_reviewer(pk=pk, user=request.user)
    except Beoordeling.DoesNotExist:
        raise Http404("Deze beoordeling bestaat niet of is niet voor u.") from None


WACHTRIJ_PER_PAGINA = 50


@login_required
def wachtrij(request):
    _reviewer(request)
    # A month's signals can run into the hundreds: a page at a time, the first in line on top.
    page = Paginator(beoordeling_queue(user=request.user), WACHTRIJ_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "kwaliteit/wachtrij.html", {"wachtrij": page, "page": page})


@login_required
def beoordeling(request, pk: int):
    _reviewer(request)
    gekozen = _get(request, pk)
    criteria = criteria_for(beoordeling=gekozen)
    eigen = gekozen.reviewer_id in (None, request.user.pk)
    form = BeoordelingForm(
        request.POST or None, criteria=criteria, huidige=scores_for(beoordeling=gekozen)
    )
    if request.method == "POST":
        if not eigen:
            raise PermissionDenied
        if form.is_valid():
            try:
                beoordeling_record(
                    beoordeling=gekozen,
                    reviewer=request.user,
                    oordelen=form.oordelen(),
                    feedback=form.cleaned_data["feedback"],
                )
            except KwaliteitError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "De beoordeling is vastgelegd.")
                # The finished review: from here it becomes a training scenario.
                return redirect("kwaliteit:beoordeling", pk=gekozen.pk)
    elif gekozen.feedback:
        form.initial["feedback"] = gekozen.feedback
    context = {
        "beoordeling": gekozen,
        "weergave": beoordeling_contact(beoordeling=gekozen, user=request.user),
        "form": form,
        "eigen": eigen,
        "oefenscenario": Oefenscenario.objects.filter(beoordeling=gekozen).first(),
    }
    return render(request, "kwaliteit/beoordeling.html", context)


@reviewer_required
@require_POST
def kalibreren(request, pk: int):
    gekozen = _get(request, pk)
    try:
        tweede = kalibratie_start(beoordeling=gekozen, reviewer=request.user)
    except KwaliteitError as exc:
        messages.error(request, exc.message)
        return redirect("kwaliteit:wachtrij")
    return redirect("kwaliteit:beoordeling", pk=tweede.pk)


@reviewer_required
@require_POST
def oefenscenario(request, pk: int):
    """Turn the finished review into a training scenario (anonymised)."""
    gekozen = _get(request, pk)
    try:
        scenario = oefenscenario_create(beoordeling=gekozen, user=request.user)
    except KwaliteitError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Het oefenscenario ‘{scenario.titel}’ staat nu in de training.")
    return redirect("kwaliteit:beoordeling", pk=gekozen.pk)


@login_required
def kalibratie(request):
    _reviewer(request)
    return render(
        request, "kwaliteit/kalibratie.html", {"kalibraties": kalibratie_list(user=request.user)}
    )


@login_required
def dashboard(request):
    _reviewer(request)
    vandaag = timezone.localdate()
    vanaf = (vandaag.replace(day=1) - dt.timedelta(days=150)).replace(day=1)
    return render(
        request,
        "kwaliteit/dashboard.html",
        {"dashboard": kwaliteit_dashboard(user=request.user, vanaf=vanaf)},
    )


@login_required
def mijn_kwaliteit(request):
    context = {
        "beoordelingen": eigen_beoordelingen(user=request.user),
        "cijfer": medewerker_cijfer(user=request.user),
    }
    return render(request, "kwaliteit/mijn.html", context)
