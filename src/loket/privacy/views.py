"""The privacy officer's inzage page: one BSN, everything Loket holds, as a page (printable) and
as JSON. Views parse, call privacy.inzage and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from loket.parties.models import Partij
from loket.privacy.forms import InzageForm
from loket.privacy.inzage import inzage_collect


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
    context.update(inzage=overzicht, bsn=bsn)
    return render(request, "privacy/inzage.html", context)
