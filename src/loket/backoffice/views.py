"""The back office: worklists of contactverzoeken and the page to handle one.

Views parse input, check the permission, call one selector or service, and render.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.backoffice.forms import AssignForm, AttemptForm, CloseForm, ForwardForm
from loket.cases.selectors import zaak_backlog
from loket.contacts.models import Contactverzoek
from loket.contacts.selectors import (
    OPEN_STATUSSEN,
    contactverzoek_get,
    contactverzoek_scopes,
    contactverzoek_werkvoorraad,
    contactverzoek_worklist,
    werkvoorraad_teams,
)
from loket.contacts.services import (
    REOPEN_CONTACTVERZOEK,
    contactverzoek_assign,
    contactverzoek_assign_to_me,
    contactverzoek_close,
    contactverzoek_forward,
    contactverzoek_register_attempt,
    contactverzoek_reopen,
)
from loket.core.errors import DomainError

SCOPE_LABELS = {"mine": "Mijn verzoeken", "team": "Mijn teams", "all": "Alle verzoeken"}


def _verzoek(request, pk: int) -> Contactverzoek:
    """The verzoek, for whom `access_contactverzoek` allows (403 otherwise, as for a zaak)."""
    try:
        return contactverzoek_get(pk=pk, user=request.user)
    except Contactverzoek.DoesNotExist:
        raise Http404("Dit contactverzoek bestaat niet.") from None


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def home(request):
    scopes = contactverzoek_scopes(user=request.user)
    scope = request.GET.get("lijst", "mine")
    if scope not in scopes:
        scope = "mine"
    verzoeken = contactverzoek_worklist(user=request.user, scope=scope)
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
    may_assign = request.user.has_perm(DISTRIBUTE_WORK) and verzoek.team_id is not None
    context = {
        "verzoek": verzoek,
        "forward_form": forms.get("forward_form") or ForwardForm(),
        "attempt_form": forms.get("attempt_form") or AttemptForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "assign_form": (forms.get("assign_form") or AssignForm(verzoek=verzoek))
        if may_assign
        else None,
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


def _button_action(request, pk: int, call: Callable[[Contactverzoek], object], success: str):
    """A POST without input (a button): run the service, report the outcome, back to the page."""
    verzoek = _verzoek(request, pk)
    try:
        call(verzoek)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("backoffice:detail", pk=pk)


def _form_action(
    request,
    pk: int,
    *,
    form_key: str,
    make_form: Callable[[object, Contactverzoek], forms.Form],
    call: Callable[[Contactverzoek, dict], object],
    success: Callable[[dict], str],
    back_to_list: bool = False,
):
    """A POST with a form: on success a message and a redirect to the detail page (or the
    worklist when the verzoek left the user's hands); a refusal of the
    service is shown at its field (or as a message) on the detail page, nothing changed."""
    verzoek = _verzoek(request, pk)
    form = make_form(request.POST, verzoek)
    if form.is_valid():
        try:
            call(verzoek, form.cleaned_data)
        except DomainError as exc:
            _field_error(request, form, exc)
        else:
            messages.success(request, success(form.cleaned_data))
            if back_to_list:
                return redirect("backoffice:home")
            return redirect("backoffice:detail", pk=pk)
    return _render_detail(request, verzoek, **{form_key: form})


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def detail(request, pk: int):
    return _render_detail(request, _verzoek(request, pk))


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def assign_to_me(request, pk: int):
    return _button_action(
        request,
        pk,
        lambda verzoek: contactverzoek_assign_to_me(verzoek=verzoek, user=request.user),
        "Het contactverzoek is aan u toegewezen.",
    )


@login_required
@permission_required(DISTRIBUTE_WORK, raise_exception=True)
@require_POST
def assign(request, pk: int):
    return _form_action(
        request,
        pk,
        form_key="assign_form",
        make_form=lambda data, verzoek: AssignForm(data, verzoek=verzoek),
        call=lambda verzoek, data: contactverzoek_assign(
            verzoek=verzoek, medewerker=data["medewerker"], user=request.user
        ),
        success=lambda data: f"Het contactverzoek is toegewezen aan {data['medewerker']}.",
    )


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def forward(request, pk: int):
    return _form_action(
        request,
        pk,
        form_key="forward_form",
        make_form=lambda data, verzoek: ForwardForm(data),
        call=lambda verzoek, data: contactverzoek_forward(
            verzoek=verzoek, team=data["team"], user=request.user
        ),
        success=lambda data: f"Het contactverzoek is doorgestuurd naar {data['team']}.",
        back_to_list=True,
    )


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def attempt(request, pk: int):
    return _form_action(
        request,
        pk,
        form_key="attempt_form",
        make_form=lambda data, verzoek: AttemptForm(data),
        call=lambda verzoek, data: contactverzoek_register_attempt(
            verzoek=verzoek,
            user=request.user,
            bereikt=data["bereikt"],
            kanaal=data["kanaal"],
            toelichting=data["toelichting"],
        ),
        success=lambda data: "De terugbelpoging is vastgelegd.",
    )


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
@require_POST
def close(request, pk: int):
    return _form_action(
        request,
        pk,
        form_key="close_form",
        make_form=lambda data, verzoek: CloseForm(data),
        call=lambda verzoek, data: contactverzoek_close(
            verzoek=verzoek, user=request.user, resultaat=data["resultaat"]
        ),
        success=lambda data: "Het contactverzoek is afgesloten en staat in het klantbeeld.",
        back_to_list=True,
    )


@login_required
@permission_required(REOPEN_CONTACTVERZOEK, raise_exception=True)
@require_POST
def reopen(request, pk: int):
    return _button_action(
        request,
        pk,
        lambda verzoek: contactverzoek_reopen(verzoek=verzoek, user=request.user),
        "Het contactverzoek is heropend.",
    )


@login_required
def werkvoorraad(request):
    """Per team the open contactverzoeken and zaken, counted: for teamleiders and beheerders
    all teams, for a backoffice-medewerker his own teams (read-only, transparent to the team)."""
    teams = list(werkvoorraad_teams(user=request.user))
    verzoeken = contactverzoek_werkvoorraad(teams=teams)
    zaken = {row["team"].pk: row for row in zaak_backlog(teams=teams)}
    rijen = [
        {"team": team, "verzoeken": verzoeken[team.pk], "zaken": zaken[team.pk]} for team in teams
    ]
    context = {
        "rijen": rijen,
        "statussen": [label for _value, label in OPEN_STATUSSEN],
        "totaal_te_laat": sum(rij["verzoeken"].te_laat for rij in rijen),
        "totaal_open": sum(rij["verzoeken"].open for rij in rijen),
    }
    return render(request, "backoffice/werkvoorraad.html", context)
