"""The privacy officer's pages (/beheer/privacy/, issue 19): the inzage of one BSN (printable, and
as JSON), erasure, AVG requests and lifting a restriction. They live in the channel layer: they
call privacy's engine (which knows no domain app), parties and cases. Views parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from loket.backoffice.privacy_forms import InzageForm
from loket.cases.services import AVG_SOORTEN, avg_verzoek_create
from loket.core.errors import DomainError
from loket.parties.models import Partij
from loket.parties.services import partij_lift_restriction
from loket.privacy.erasure import partij_erase
from loket.privacy.inzage import inzage_collect
from loket.privacy.models import Wisverzoek


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
@require_GET
def inzage(request):
    form = InzageForm(request.GET or None)
    context: dict = {"form": form, "inzage": None}
    if not form.is_bound:
        return render(request, "privacy/inzage.html", context)
    if not form.is_valid():
        return render(request, "privacy/inzage.html", context, status=400)
    bsn = form.cleaned_data["bsn"]
    partij = Partij.objects.filter(persoon__bsn=bsn).select_related("persoon").first()
    if partij is None:
        form.add_error("bsn", f"Loket heeft geen gegevens van een persoon met BSN {bsn}.")
        return render(request, "privacy/inzage.html", context, status=404)
    overzicht = inzage_collect(partij=partij, user=request.user)
    if request.GET.get("formaat") == "json":
        response = JsonResponse(overzicht.as_json(), json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="inzage-{bsn}.json"'
        return response
    context.update(inzage=overzicht, bsn=bsn, partij=partij, avg_soorten=AVG_SOORTEN.items())
    return render(request, "privacy/inzage.html", context)


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
@require_POST
def wissen(request):
    """Erase a person's data (AVG art. 17) after the officer confirmed it with a reason."""
    form = InzageForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/inzage.html", {"form": form, "inzage": None}, status=400)
    bsn = form.cleaned_data["bsn"]
    partij = Partij.objects.filter(persoon__bsn=bsn).first()
    if partij is None:
        form.add_error("bsn", f"Loket heeft geen gegevens van een persoon met BSN {bsn}.")
        return render(request, "privacy/inzage.html", {"form": form, "inzage": None}, status=404)
    if request.POST.get("bevestig") != "ja":
        messages.error(request, "Bevestigen: vink aan dat u de gegevens wilt wissen.")
        return redirect(f"{reverse('privacy:inzage')}?bsn={bsn}")
    try:
        verzoek = partij_erase(
            partij=partij, user=request.user, reden=request.POST.get("reden", "")
        )
    except DomainError as exc:
        messages.error(request, f"Reden: {exc.message}")
        return redirect(f"{reverse('privacy:inzage')}?bsn={bsn}")
    return redirect("privacy:gewist", pk=verzoek.pk)


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
@require_GET
def gewist(request, pk: int):
    verzoek = Wisverzoek.objects.filter(pk=pk).first()
    if verzoek is None:
        raise Http404("Dit wisverzoek bestaat niet.")
    return render(request, "privacy/gewist.html", {"verzoek": verzoek})


def _partij_for(request):
    form = InzageForm(request.POST)
    if not form.is_valid():
        return form, None
    partij = Partij.objects.filter(persoon__bsn=form.cleaned_data["bsn"]).first()
    if partij is None:
        form.add_error("bsn", "Loket heeft geen gegevens van een persoon met dit BSN.")
    return form, partij


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
@require_POST
def verzoek(request):
    """Register an AVG request (art. 15-18, 21) as a zaak with the legal term; a request for
    restriction restricts the processing at once (art. 18(1): while it is handled)."""
    form, partij = _partij_for(request)
    if partij is None:
        return render(request, "privacy/inzage.html", {"form": form, "inzage": None}, status=400)
    bsn = form.cleaned_data["bsn"]
    soort = request.POST.get("soort", "")
    try:
        zaak = avg_verzoek_create(
            partij=partij,
            soort=soort,
            toelichting=request.POST.get("toelichting", ""),
            user=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('privacy:inzage')}?bsn={bsn}")
    messages.success(
        request,
        f"Verzoek geregistreerd als zaak {zaak.identificatie}; uiterlijk "
        f"{zaak.uiterlijke_einddatum_afdoening:%d-%m-%Y} afhandelen.",
    )
    return redirect(f"{reverse('privacy:inzage')}?bsn={bsn}")


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
@require_POST
def beperking_opheffen(request):
    form, partij = _partij_for(request)
    if partij is None:
        return render(request, "privacy/inzage.html", {"form": form, "inzage": None}, status=400)
    partij_lift_restriction(partij=partij, user=request.user)
    messages.success(request, "De beperking van de verwerking is opgeheven.")
    return redirect(f"{reverse('privacy:inzage')}?bsn={form.cleaned_data['bsn']}")
