"""The KCC agent workspace: find the klant, the klantbeeld, register a klantcontact.

Views parse input, check the permission, call selectors and services, and render.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from loket.catalogue.selectors import product_list
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactverzoek
from loket.contacts.services import VraagInput, contact_register, contactverzoek_create
from loket.core.errors import DomainError
from loket.core.views import is_htmx_fragment_request
from loket.kcc.forms import (
    SEARCH_FORMS,
    ContactForm,
    VraagFormSet,
    contactreden_choices,
)
from loket.kcc.selectors import (
    PERIODES,
    PURPOSE_CONTACT,
    PURPOSE_ZOEKEN,
    brp_adressen,
    eerder_gevraagd,
    kanaal_list_active,
    klant_timeline,
    klantbeeld_get,
    klantbeeld_purpose,
)
from loket.parties.models import Partij
from loket.parties.selectors import organisatie_search, partij_get, persoon_search
from loket.parties.services import persoon_from_brp

REGISTER_CONTACT = "accounts.register_contact"
PRODUCT_OPTIONS_MAX = 50


def _add_domain_error(form, exc: DomainError) -> None:
    for name, errors in exc.as_dict().items():
        target = form.field_for(name) if hasattr(form, "field_for") else None
        for error in errors:
            form.add_error(target, error)


def _search(form, user):
    """Run the search the bound, valid form asks for; returns (partijen, brp per partij pk)."""
    data = form.cleaned_data
    if form.soort == "kvk":
        partijen = organisatie_search(
            user=user, purpose=PURPOSE_ZOEKEN, kvk_nummer=data["kvk_nummer"], naam=data["naam"]
        )
        return partijen, {}
    criteria = {
        "bsn": {"bsn": data.get("bsn")},
        "naam": {
            "geslachtsnaam": data.get("achternaam"),
            "geboortedatum": data.get("geboortedatum"),
        },
        "adres": {"postcode": data.get("postcode"), "huisnummer": data.get("huisnummer")},
    }[form.soort]
    partijen = persoon_search(user=user, purpose=PURPOSE_ZOEKEN, **criteria)
    return partijen, brp_adressen(partijen)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def home(request):
    soort = request.GET.get("zoek", "")
    forms = {key: cls(request.GET if key == soort else None) for key, cls in SEARCH_FORMS.items()}
    context = {"forms": forms, "soort": soort, "searched": False, "partijen": [], "brp": {}}
    form = forms.get(soort)
    if form is not None and form.is_valid():
        try:
            context["partijen"], context["brp"] = _search(form, request.user)
            context["searched"] = True
        except DomainError as exc:
            _add_domain_error(form, exc)
        context["resultaten"] = [(p, context["brp"].get(p.pk)) for p in context["partijen"]]
        context["brp_shown"] = bool(context["brp"])
        if context["searched"] and soort == "bsn" and not context["partijen"]:
            context["bsn_onbekend"] = form.cleaned_data["bsn"]
    context["fragment"] = is_htmx_fragment_request(request)
    template = "kcc/home.html#zoeken" if context["fragment"] else "kcc/home.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def persoon_overnemen(request):
    """A person the BRP knows but Loket not yet: register them from the BRP and open the klantbeeld."""
    try:
        partij = persoon_from_brp(
            bsn=request.POST.get("bsn", ""), user=request.user, purpose=PURPOSE_ZOEKEN
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("kcc:home")
    return redirect("kcc:klantbeeld", uuid=partij.uuid)


def _timeline_filters(request) -> dict[str, str]:
    filters = {key: request.GET.get(key, "").strip() for key in ("kanaal", "soort", "periode")}
    if filters["soort"] not in ("", "contact", "zaak"):
        filters["soort"] = ""
    if filters["periode"] not in PERIODES:
        filters["periode"] = ""
    return filters


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def klantbeeld(request, uuid):
    purpose = klantbeeld_purpose(contact=request.GET.get("contact", ""))
    filters = _timeline_filters(request)
    fragment = is_htmx_fragment_request(request)
    try:
        beeld = klantbeeld_get(uuid=uuid, user=request.user, purpose=purpose)
    except Partij.DoesNotExist:
        raise Http404("Deze klant bestaat niet.") from None
    beeld.timeline = klant_timeline(
        partij=beeld.partij, user=request.user, purpose=purpose, **filters
    )
    if not any(filters.values()):
        beeld.eerder_gevraagd = eerder_gevraagd(beeld.timeline)
    context = {
        "beeld": beeld,
        "filters": filters,
        "kanalen": kanaal_list_active(),
        "periodes": [("7", "7 dagen"), ("30", "30 dagen"), ("90", "90 dagen"), ("365", "1 jaar")],
        "fragment": fragment,
    }
    template = "kcc/klantbeeld.html#timeline" if fragment else "kcc/klantbeeld.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _vraag_forms(formset) -> list:
    return [form for form in formset if form.has_changed() and not form.cleaned_data.get("DELETE")]


def _vragen(formset) -> list[VraagInput]:
    return [
        VraagInput(
            vraagtekst=form.cleaned_data["vraagtekst"],
            contactreden=form.cleaned_data["contactreden"],
            afhandeling=form.cleaned_data["afhandeling"],
            product=form.cleaned_data.get("product"),
            antwoord=form.cleaned_data.get("antwoord", ""),
        )
        for form in _vraag_forms(formset)
    ]


class _VraagError(Exception):
    """A DomainError about one question's contactverzoek; `form` is that question's form."""

    def __init__(self, form, exc: DomainError) -> None:
        super().__init__(exc.message)
        self.form, self.exc = form, exc


def _contactverzoeken(*, contact, formset, user) -> int:
    """A verzoek for every question handled as contactverzoek (none again on a retried submit)."""
    if Contactverzoek.objects.filter(klantcontact=contact).exists():
        return 0
    count = 0
    vragen = list(contact.vragen.order_by("pk"))
    for form, vraag in zip(_vraag_forms(formset), vragen, strict=True):
        if vraag.afhandeling != Afhandeling.CONTACTVERZOEK:
            continue
        data = form.cleaned_data
        try:
            contactverzoek_create(
                vraag=vraag,
                team=data.get("team"),
                gevraagde_handeling=data.get("gevraagde_handeling", ""),
                terugbelnummer=data.get("terugbelnummer", ""),
                email=data.get("email", ""),
                user=user,
            )
        except DomainError as exc:
            raise _VraagError(form, exc) from exc
        count += 1
    return count


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def contact_nieuw(request):
    partij = None
    partij_uuid = request.GET.get("partij", "").strip()
    if partij_uuid:
        try:
            partij = partij_get(uuid=partij_uuid, user=request.user, purpose=PURPOSE_CONTACT)
        except Partij.DoesNotExist:
            raise Http404("Deze klant bestaat niet.") from None
    redenen = contactreden_choices()
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data)
    formset = VraagFormSet(data, prefix="vraag", form_kwargs={"redenen": redenen})
    vragen_error = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        seconden = form.cleaned_data.get("duur")
        try:
            # One transaction: a contactverzoek that is refused leaves no half-saved contact.
            with transaction.atomic():
                contact = contact_register(
                    kanaal=form.cleaned_data["kanaal"],
                    medewerker=request.user,
                    vragen=_vragen(formset),
                    partij=partij,
                    duur=dt.timedelta(seconds=seconden) if seconden is not None else None,
                    inhoud=form.cleaned_data["inhoud"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
                verzoeken = _contactverzoeken(contact=contact, formset=formset, user=request.user)
        except _VraagError as err:
            target = err.exc.field if err.exc.field in err.form.fields else None
            err.form.add_error(target, err.exc.message)
        except DomainError as exc:
            if exc.field == "vragen":
                vragen_error = exc.message
            elif exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                form.add_error(None, exc.message)
        else:
            message = f"Klantcontact {contact.referentienummer} is vastgelegd."
            if verzoeken:
                message += f" Contactverzoeken uitgezet: {verzoeken}."
            messages.success(request, message)
            if partij is not None:
                return redirect(
                    f"{reverse('kcc:klantbeeld', kwargs={'uuid': partij.uuid})}"
                    f"?contact={contact.referentienummer}"
                )
            return redirect("kcc:home")
    context = {
        "form": form,
        "formset": formset,
        "partij": partij,
        "vragen_error": vragen_error,
        "cancel_url": (
            reverse("kcc:klantbeeld", kwargs={"uuid": partij.uuid})
            if partij
            else reverse("kcc:home")
        ),
    }
    return render(request, "kcc/contact_form.html", context)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def product_opties(request):
    """The <option>s of a product select for the text typed in its search box (htmx)."""
    producten = product_list(q=request.GET.get("q", ""))[:PRODUCT_OPTIONS_MAX]
    return render(request, "kcc/product_options.html", {"producten": producten})
