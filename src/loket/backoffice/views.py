"""The back office: worklists of contactverzoeken and the page to handle one.

Views parse input, check the permission, call one selector or service, and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loket.backoffice.forms import AttemptForm, CloseForm, ForwardForm
from loket.contacts.models import Contactverzoek
from loket.contacts.selectors import contactverzoek_get, contactverzoek_list, contactverzoek_scopes
from loket.contacts.services import (
    REOPEN_CONTACTVERZOEK,
    contactverzoek_assign_to_me,
    contactverzoek_close,
    contactverzoek_forward,
    contactverzoek_register_attempt,
    contactverzoek_reopen,
)
from loket.core.errors import DomainError

HANDLE_CASES = "accounts.handle_cases"
SCOPE_LABELS = {"mine": "Mijn verzoeken", "team": "Mijn teams", "all": "Alle verzoeken"}


def _verzoek(request, pk: int) -> Contactverzoek:
    try:
        return contactverzoek_get(pk=pk, user=request.user)
    except Contactverzoek.DoesNotExist:
        raise Http404("Dit contactverzoek bestaat niet of u mag het niet inzien.") from None


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def home(request):
    scopes = contactverzoek_scopes(user=request.user)
    scope = request.GET.get("lijst", "mine")
    if scope not in scopes:
        scope = "mine"
    verzoeken = list(contactverzoek_list(user=request.user, scope=scope))
    context = {
        "tabs": [(key, SCOPE_LABELS[key]) for key in scopes],
        "scope": scope,
        "scope_label": SCOPE_LABELS[scope],
        "verzoeken": verzoeken,
        "te_laat": sum(1 for v in verzoeken if v.urgentie == "te_laat"),
        "vandaag": sum(1 for v in verzoeken if v.urgentie == "vandaag"),
    }
    return render(request, "backoffice/home.html", context)


def _render_detail(request, verzoek, **forms):
    context = {
        "verzoek": verzoek,
        "forward_form": forms.get("forward_form") or ForwardForm(),
        "attempt_form": forms.get("attempt_form") or AttemptForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "may_reopen": request.user.has_perm(REOPEN_CONTACTVERZOEK),
        "gebeurtenissen": list(verzoek.gebeurtenissen.all()),
    }
    return render(request, "backoffice/detail.html", context, status=200)


def _field_error(request, form, exc: DomainError) -> None:
    """Errors about a field go to that field; others (a closed verzoek) to the page's messages."""
    for name, errors in exc.as_dict().items():
        for error in errors:
            if name in form.fields:
                form.add_error(name, error)
            else:
                messages.error(request, error)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def detail(request, pk: int):
    return _render_detail(request, _verzoek(request, pk))


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def assign_to_me(request, pk: int):
    verzoek = _verzoek(request, pk)
    try:
        contactverzoek_assign_to_me(verzoek=verzoek, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Het contactverzoek is aan u toegewezen.")
    return redirect("backoffice:detail", pk=pk)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def forward(request, pk: int):
    verzoek = _verzoek(request, pk)
    form = ForwardForm(request.POST)
    if form.is_valid():
        team = form.cleaned_data["team"]
        try:
            contactverzoek_forward(verzoek=verzoek, team=team, user=request.user)
        except DomainError as exc:
            _field_error(request, form, exc)
        else:
            messages.success(request, f"Het contactverzoek is doorgestuurd naar {team}.")
            return redirect("backoffice:home")
    return _render_detail(request, verzoek, forward_form=form)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def attempt(request, pk: int):
    verzoek = _verzoek(request, pk)
    form = AttemptForm(request.POST)
    if form.is_valid():
        try:
            contactverzoek_register_attempt(
                verzoek=verzoek,
                user=request.user,
                bereikt=form.cleaned_data["bereikt"],
                kanaal=form.cleaned_data["kanaal"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except DomainError as exc:
            _field_error(request, form, exc)
        else:
            messages.success(request, "De terugbelpoging is vastgelegd.")
            return redirect("backoffice:detail", pk=pk)
    return _render_detail(request, verzoek, attempt_form=form)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def close(request, pk: int):
    verzoek = _verzoek(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            contactverzoek_close(
                verzoek=verzoek, user=request.user, resultaat=form.cleaned_data["resultaat"]
            )
        except DomainError as exc:
            _field_error(request, form, exc)
        else:
            messages.success(
                request, "Het contactverzoek is afgesloten en staat in het klantbeeld."
            )
            return redirect("backoffice:home")
    return _render_detail(request, verzoek, close_form=form)


@login_required
@permission_required(REOPEN_CONTACTVERZOEK, raise_exception=True)
@require_POST
def reopen(request, pk: int):
    verzoek = _verzoek(request, pk)
    try:
        contactverzoek_reopen(verzoek=verzoek, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Het contactverzoek is heropend.")
    return redirect("backoffice:detail", pk=pk)
