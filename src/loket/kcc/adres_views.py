"""Contact details in the klantbeeld (htmx: the block refreshes in place): addresses, verification,
preference."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loket.accounts.permissions import REGISTER_CONTACT
from loket.core.errors import DomainError
from loket.core.htmx import is_htmx_fragment_request
from loket.kcc.forms import (
    DigitaalAdresForm,
    VoorkeurskanaalForm,
)
from loket.kcc.selectors import (
    Klantbeeld,
    digitaal_adres_of,
)
from loket.kcc.views import _adres_forms, _klantbeeld_page
from loket.parties.models import DigitaalAdres, Partij
from loket.parties.selectors import (
    partij_digitale_adressen,
    partij_get,
)
from loket.parties.services import (
    PURPOSE_DIGITAAL_ADRES,
    digitaal_adres_add,
    digitaal_adres_set_standaard,
    digitaal_adres_verify,
    partij_set_voorkeurskanaal,
)


def _partij_for_adres(request, uuid) -> Partij:
    try:
        return partij_get(uuid=uuid, user=request.user, purpose=PURPOSE_DIGITAAL_ADRES)
    except Partij.DoesNotExist:
        raise Http404("Deze klant bestaat niet.") from None


def _adressen_response(request, partij, *, melding="", adres_form=None, voorkeur_form=None):
    """After a change: the contact block (htmx) or back to the klantbeeld (plain form post)."""
    invalid = any(f is not None and f.errors for f in (adres_form, voorkeur_form))
    if not is_htmx_fragment_request(request):
        if invalid:
            return _klantbeeld_page(
                request, partij.uuid, adres_form=adres_form, voorkeur_form=voorkeur_form
            )
        messages.success(request, melding)
        return redirect(f"{reverse('kcc:klantbeeld', kwargs={'uuid': partij.uuid})}#adressen-titel")
    partij.refresh_from_db()  # also drops the prefetched addresses read before the change
    beeld = Klantbeeld(
        partij=partij,
        digitale_adressen=partij_digitale_adressen(partij=partij),
    )
    context = {
        "beeld": beeld,
        "adres_melding": melding,
        **_adres_forms(partij, adres_form=adres_form, voorkeur_form=voorkeur_form),
    }
    # An invalid form still answers 200 so htmx swaps in the field errors.
    return render(request, "kcc/klantbeeld.html#adressen", context)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def adres_toevoegen(request, uuid):
    partij = _partij_for_adres(request, uuid)
    form = DigitaalAdresForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            adres = digitaal_adres_add(
                partij=partij,
                soort=data["soort"],
                adres=data["adres"],
                is_standaard_adres=data["is_standaard_adres"],
                verified=data["geverifieerd"],
                user=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return _adressen_response(
                request, partij, melding=f"{adres.get_soort_display()} {adres.adres} is toegevoegd."
            )
    return _adressen_response(request, partij, adres_form=form)


def _adres_actie(request, uuid, pk, service, melding: str):
    partij = _partij_for_adres(request, uuid)
    try:
        adres = digitaal_adres_of(partij=partij, pk=pk)
    except DigitaalAdres.DoesNotExist:
        raise Http404("Dit adres hoort niet bij deze klant.") from None
    service(adres=adres, user=request.user)
    return _adressen_response(request, partij, melding=melding.format(adres=adres.adres))


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def adres_geverifieerd(request, uuid, pk):
    return _adres_actie(
        request, uuid, pk, digitaal_adres_verify, "{adres} is geverifieerd bij de klant."
    )


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def adres_voorkeur(request, uuid, pk):
    return _adres_actie(
        request, uuid, pk, digitaal_adres_set_standaard, "{adres} is nu het voorkeursadres."
    )


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def voorkeurskanaal(request, uuid):
    partij = _partij_for_adres(request, uuid)
    form = VoorkeurskanaalForm(request.POST)
    if form.is_valid():
        kanaal = form.cleaned_data["voorkeurskanaal"]
        try:
            partij_set_voorkeurskanaal(partij=partij, kanaal=kanaal, user=request.user)
        except DomainError as exc:
            form.add_error("voorkeurskanaal", exc.message)
        else:
            melding = f"Voorkeurskanaal: {kanaal.naam}." if kanaal else "Geen voorkeurskanaal meer."
            return _adressen_response(request, partij, melding=melding)
    return _adressen_response(request, partij, voorkeur_form=form)
