"""Back-office pages for zaken (queues, backlog, the case page) and meldingen openbare ruimte
(team list, triage, a melding's page, the KCM intake form). Views parse, check the permission,
call one selector or service, and render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES, REGISTER_CONTACT
from loket.backoffice.zaak_forms import (
    AssignZaakForm,
    CategoriseForm,
    DocumentForm,
    ExtendForm,
    MeldingForm,
    MeldingStatusForm,
    NoteForm,
    ReasonForm,
    ResultForm,
    StatusForm,
)
from loket.cases import selectors, services
from loket.cases.models import Melding, Zaak
from loket.core.access import idempotency_client_of
from loket.core.errors import DomainError

INTAKE_KANALEN = [
    ("telefoon", "Telefoon"),
    ("balie", "Balie"),
    ("e-mail", "E-mail"),
    ("chat", "Chat"),
]
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
        "notities": list(zaak.notities.select_related("door")[:50]),
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
        call=lambda z, d: services.zaak_add_note(zaak=z, tekst=d["tekst"], user=request.user),
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


# --- meldingen ----------------------------------------------------------------------------------


@login_required
@permission_required(HANDLE_CASES, raise_exception=True)
def meldingen(request):
    teams = list(selectors.backoffice_teams(user=request.user))
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
    from loket.cases.classification import get_classifier

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
    import uuid as uuid_mod

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
