"""Back-office pages for zaken (queues, backlog, the case page); the meldingen pages are in
melding_views. Views parse, check the permission, call one selector or service, and render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.backoffice.zaak_forms import (
    AssignZaakForm,
    DocumentForm,
    ExtendForm,
    NoteForm,
    ReasonForm,
    ResultForm,
    StatusForm,
)
from loket.cases import selectors, services
from loket.cases.models import Zaak
from loket.core.errors import DomainError

PURPOSE_ZAAK = "Zaak behandelen in de backoffice"


def _field_errors(request, form, exc: DomainError) -> None:
    for name, errors in exc.as_dict().items():
        name = {"locatie": "adres"}.get(name, name)
        for error in errors:
            if name in form.fields:
                form.add_error(name, error)
            else:
                form.add_error(None, error)


# --- zaken: queues ------------------------------------------------------------------------------


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def zaken(request):
    teams = list(selectors.backoffice_teams(user=request.user))
    team = None
    wanted = request.GET.get("team")
    for candidate in teams:
        if wanted and candidate.slug == wanted:
            team = candidate
    if team is None and teams:
        team = teams[0]
    scope = request.GET.get("lijst", "mine")
    try:
        page = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        page = 1
    queue = (
        selectors.zaak_queue(user=request.user, team=team, scope=scope, page=page)
        if team
        else {"zaken": [], "page": 1, "has_next": False, "scope": scope}
    )
    context = {
        "teams": teams,
        "team": team,
        "tabs": list(selectors.QUEUE_SCOPES.items()),
        "scope": queue["scope"],
        "scope_label": selectors.QUEUE_SCOPES.get(queue["scope"], ""),
        "queue": queue,
        # The selected team's backlog here; all teams on the werkvoorraad page.
        "backlog": selectors.zaak_backlog(teams=[team]) if team else [],
        "may_distribute": request.user.has_perm(DISTRIBUTE_WORK),
    }
    return render(request, "backoffice/zaken.html", context)


# --- zaken: the case page -----------------------------------------------------------------------


def _zaak(request, pk: int) -> Zaak:
    """The zaak, for whom `access_zaak` allows (403 otherwise; checked before the audited read)."""
    try:
        return selectors.zaak_get(pk=pk, user=request.user, purpose=PURPOSE_ZAAK)
    except Zaak.DoesNotExist:
        raise Http404("Deze zaak bestaat niet.") from None


def _render_zaak(request, zaak, status=200, **forms):
    allowed = services.allowed_statustypen(zaak=zaak)
    context = {
        "zaak": zaak,
        "signaal": selectors.signal(zaak, timezone.localdate()),
        "allowed": allowed,
        "status_form": forms.get("status_form") or StatusForm(zaak=zaak, allowed=allowed),
        "suspend_form": forms.get("suspend_form") or ReasonForm(prefix="opschorten"),
        "extend_form": forms.get("extend_form") or ExtendForm(prefix="verlengen"),
        "note_form": forms.get("note_form") or NoteForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "result_form": forms.get("result_form") or ResultForm(zaak=zaak),
        "reopen_form": forms.get("reopen_form") or ReasonForm(prefix="heropenen"),
        "assign_form": (forms.get("assign_form") or AssignZaakForm(zaak=zaak))
        if request.user.has_perm(DISTRIBUTE_WORK)
        else None,
        "may_reopen": request.user.has_perm(DISTRIBUTE_WORK),
        "timeline": selectors.zaak_timeline(zaak=zaak),
        "notities": selectors.zaak_notities(zaak=zaak, user=request.user, purpose=PURPOSE_ZAAK),
        "documenten": list(zaak.documenten.all()[:50]),
        "berichten": selectors.zaak_berichten(zaak=zaak),
        "meldingen": list(zaak.meldingen.all()[:10]),
    }
    return render(request, "backoffice/zaak.html", context, status=status)


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def zaak(request, pk: int):
    return _render_zaak(request, _zaak(request, pk))


def _zaak_action(
    request,
    pk: int,
    *,
    form_key: str | None,
    make_form: Callable | None,
    call: Callable,
    success: str,
):
    zaak_obj = _zaak(request, pk)
    form = make_form(zaak_obj) if make_form else None
    if form is None or form.is_valid():
        try:
            call(zaak_obj, form.cleaned_data if form else {})
        except DomainError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("backoffice:zaak", pk=pk)
            _field_errors(request, form, exc)
        else:
            messages.success(request, success)
            return redirect("backoffice:zaak", pk=pk)
    return _render_zaak(request, zaak_obj, status=400, **{form_key: form})


def _post(view):
    return login_required(
        permission_required(HANDLE_CASES, raise_exception=True)(require_POST(view))
    )


@_post
def zaak_status(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="status_form",
        make_form=lambda z: StatusForm(request.POST, zaak=z),
        call=lambda z, d: services.zaak_set_status(
            zaak=z, statustype=d["statustype"], user=request.user, toelichting=d["toelichting"]
        ),
        success="De status is gezet.",
    )


@_post
def zaak_suspend(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="suspend_form",
        make_form=lambda z: ReasonForm(request.POST, prefix="opschorten"),
        call=lambda z, d: services.zaak_suspend(zaak=z, reden=d["reden"], user=request.user),
        success="De zaak is opgeschort.",
    )


@_post
def zaak_resume(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key=None,
        make_form=None,
        call=lambda z, d: services.zaak_resume(zaak=z, user=request.user),
        success="De zaak is hervat; de termijnen zijn herberekend.",
    )


@_post
def zaak_extend(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="extend_form",
        make_form=lambda z: ExtendForm(request.POST, prefix="verlengen"),
        call=lambda z, d: services.zaak_extend(
            zaak=z, reden=d["reden"], werkdagen=d["werkdagen"], user=request.user
        ),
        success="De zaak is verlengd.",
    )


@_post
def zaak_note(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="note_form",
        make_form=lambda z: NoteForm(request.POST),
        call=lambda z, d: services.zaak_add_note(
            zaak=z,
            tekst=d["tekst"],
            user=request.user,
            vertrouwelijk_team=d["vertrouwelijk_team"],
        ),
        success="De notitie is toegevoegd.",
    )


@_post
def zaak_document(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="document_form",
        make_form=lambda z: DocumentForm(request.POST, request.FILES),
        call=lambda z, d: services.zaak_add_document(
            zaak=z, bestand=d["bestand"], titel=d["titel"], user=request.user
        ),
        success="Het document is toegevoegd.",
    )


@_post
def zaak_close(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="result_form",
        make_form=lambda z: ResultForm(request.POST, zaak=z),
        call=lambda z, d: services.zaak_close(
            zaak=z,
            resultaattype=d["resultaattype"],
            toelichting=d["toelichting"],
            user=request.user,
        ),
        success="De zaak is afgesloten.",
    )


@login_required
@permission_required(DISTRIBUTE_WORK, raise_exception=True)
@require_POST
def zaak_reopen(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="reopen_form",
        make_form=lambda z: ReasonForm(request.POST, prefix="heropenen"),
        call=lambda z, d: services.zaak_reopen(zaak=z, reden=d["reden"], user=request.user),
        success="De zaak is heropend.",
    )


@_post
def zaak_take(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key=None,
        make_form=None,
        call=lambda z, d: services.zaak_assign(zaak=z, behandelaar=request.user, user=request.user),
        success="De zaak is aan u toegewezen.",
    )


@login_required
@permission_required(DISTRIBUTE_WORK, raise_exception=True)
@require_POST
def zaak_assign(request, pk):
    return _zaak_action(
        request,
        pk,
        form_key="assign_form",
        make_form=lambda z: AssignZaakForm(request.POST, zaak=z),
        call=lambda z, d: services.zaak_assign(
            zaak=z, behandelaar=d["behandelaar"], user=request.user
        ),
        success="De zaak is toegewezen.",
    )
