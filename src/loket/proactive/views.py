"""Beheer pages of proactive service (rules, the outbox) and the KCM's 'aangeboden' action."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from loket.accounts.permissions import MANAGE_PROACTIVE_RULES, REGISTER_CONTACT
from loket.core.errors import DomainError
from loket.messaging.models import Bericht
from loket.messaging.selectors import berichten_audit_read, berichten_voor_beheer, outbox_overzicht
from loket.messaging.services import bericht_resend
from loket.proactive.forms import OutboxFilterForm, RegelForm
from loket.proactive.models import Regel, Signaal
from loket.proactive.selectors import regel_list
from loket.proactive.services import regel_save, signaal_offer


@login_required
@permission_required(MANAGE_PROACTIVE_RULES, raise_exception=True)
def outbox(request):
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {key: value for key, value in filters.items() if value}
    berichten = berichten_voor_beheer(**filters)
    page = Paginator(berichten, 50).get_page(request.GET.get("pagina"))
    berichten_audit_read(user=request.user, berichten=page, purpose="Beheer van de outbox")
    context = {
        "form": form,
        "page": page,
        "overzicht": outbox_overzicht(),
        "query_prefix": f"{urlencode(filters)}&" if filters else "",
    }
    return render(request, "proactive/outbox.html", context)


@login_required
@permission_required(MANAGE_PROACTIVE_RULES, raise_exception=True)
@require_POST
def bericht_opnieuw(request, uuid):
    bericht = get_object_or_404(Bericht, uuid=uuid)
    try:
        bericht_resend(bericht=bericht, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"‘{bericht.onderwerp}’ staat weer in de wachtrij.")
    return redirect(f"{reverse('proactive:outbox')}?{request.POST.get('terug', '')}")


@login_required
@permission_required(MANAGE_PROACTIVE_RULES, raise_exception=True)
def regels(request):
    return render(request, "proactive/regels.html", {"regels": regel_list()})


def _regel_initial(regel: Regel) -> dict:
    return {
        "code": regel.code,
        "naam": regel.naam,
        "actief": regel.actief,
        "trigger": regel.trigger,
        "document_soort": regel.document_soort,
        "weken_vooraf": regel.weken_vooraf,
        "gebeurtenis": regel.gebeurtenis,
        "zaaktype": regel.zaaktype_id,
        "statusvolgnummer": regel.statusvolgnummer,
        "leeftijd_min": regel.leeftijd_min,
        "leeftijd_max": regel.leeftijd_max,
        "producten": "\n".join(p.upl_naam for p in regel.producten.order_by("upl_naam")),
        "kanaal": regel.kanaal,
        "vertraging_dagen": regel.vertraging_dagen,
        "onderwerp": regel.onderwerp,
        "tekst": regel.tekst,
        "kcc_tip": regel.kcc_tip,
    }


def _regel_form_page(request, regel: Regel | None):
    if request.method == "POST":
        form = RegelForm(request.POST)
        if form.is_valid():
            try:
                opgeslagen = regel_save(regel=regel, **form.service_kwargs())
            except DomainError as exc:
                for field, errors in exc.as_dict().items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, f"Regel ‘{opgeslagen.naam}’ is opgeslagen.")
                return redirect("proactive:regels")
    else:
        form = RegelForm(initial=_regel_initial(regel) if regel else {"actief": True})
    status = 400 if request.method == "POST" else 200
    return render(
        request, "proactive/regel_form.html", {"form": form, "regel": regel}, status=status
    )


@login_required
@permission_required(MANAGE_PROACTIVE_RULES, raise_exception=True)
def regel_nieuw(request):
    return _regel_form_page(request, None)


@login_required
@permission_required(MANAGE_PROACTIVE_RULES, raise_exception=True)
def regel_wijzigen(request, pk):
    return _regel_form_page(request, get_object_or_404(Regel, pk=pk))


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def signaal_aangeboden(request, pk):
    """The KCM offered this in the contact (from the klantbeeld)."""
    signaal = get_object_or_404(Signaal.objects.select_related("partij"), pk=pk)
    contact_sleutel = request.POST.get("contact", "").strip()
    try:
        signaal_offer(signaal=signaal, user=request.user, contact_sleutel=contact_sleutel)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Vastgelegd: het aanbod is in dit contact gedaan.")
    terug = request.POST.get("terug", "")
    if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        terug = reverse("kcc:klantbeeld", kwargs={"uuid": signaal.partij.uuid})
    return redirect(f"{terug}#aanbod-titel")
