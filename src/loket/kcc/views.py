"""The KCC workspace: search, the klantbeeld, open contacts (tabs) and registering a contact. Views
parse, check the permission, call one selector or service, and render; contact details are in
adres_views, the knowledge panel and the referral figures in kennis_views."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from loket.accounts.permissions import REGISTER_CONTACT
from loket.catalogue.selectors import product_list
from loket.contacts.constants import Afhandeling
from loket.contacts.services import (
    VerzoekInput,
    VraagFout,
    VraagInput,
    klantcontact_register,
)
from loket.core.access import idempotency_client_of
from loket.core.errors import DomainError
from loket.core.htmx import is_htmx_fragment_request, vary_on_htmx
from loket.kcc.forms import (
    SEARCH_FORMS,
    ContactForm,
    DigitaalAdresForm,
    VoorkeurskanaalForm,
    VraagFormSet,
    WerkplekForm,
    contactreden_choices,
)
from loket.kcc.selectors import (
    PERIODES,
    PURPOSE_CONTACT,
    PURPOSE_ZOEKEN,
    SOORT_LABELS,
    SOORTEN,
    TIMELINE_MAX,
    TIMELINE_PAGE,
    brp_adressen,
    contact_by_idempotency_key,
    eerder_gevraagd,
    gesprek_duur,
    kanaal_list_active,
    klant_timeline,
    klantbeeld_get,
    klantbeeld_item_get,
    klantbeeld_purpose,
    telefoon_inkomend,
)
from loket.kcc.workspace import (
    WERKPLEKKEN,
    OpenContact,
    open_contact_get,
    open_contact_list,
    open_contact_remove,
    open_contact_save_draft,
    open_contact_set_partij,
    open_contact_start,
    werkplek_get,
    werkplek_set,
)
from loket.parties.models import Partij
from loket.parties.selectors import (
    organisatie_search,
    partij_get,
    partij_search_contactgegeven,
    persoon_search,
)
from loket.parties.services import (
    persoon_from_brp,
)
from loket.proactive.selectors import aanbod_open_for_partij
from loket.proactive.services import signalen_link_to_contacten

PRODUCT_OPTIONS_MAX = 50
KENNIS_RESULTATEN = 8


def _add_domain_error(form, exc: DomainError) -> None:
    for name, errors in exc.as_dict().items():
        target = form.field_for(name) if hasattr(form, "field_for") else None
        for error in errors:
            form.add_error(target, error)


def _search(form, user):
    """Run the search the bound, valid form asks for; returns (partijen, brp per partij pk)."""
    data = form.cleaned_data
    if form.soort == "contact":
        partijen = partij_search_contactgegeven(
            user=user, purpose=PURPOSE_ZOEKEN, zoekterm=data["zoekterm"]
        )
        return partijen, brp_adressen(partijen)
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


def _workspace(request, *, actief: str = "") -> dict:
    """The KCC header: the desk and the tab bar of open contacts (every KCC page shows it)."""
    werkplek = werkplek_get(request.session)
    return {
        "werkplek": werkplek,
        "werkplek_naam": WERKPLEKKEN.get(werkplek, ""),
        "werkplek_form": WerkplekForm(initial={"werkplek": werkplek or "telefoon"}),
        "open_contacten": open_contact_list(request.user),
        "actief_contact": actief,
    }


def _search_page(request, *, koppel: OpenContact | None = None):
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
    if not soort:
        # A fresh search page: the agent types the BSN at once (issue 16, item 7).
        forms["bsn"].fields["bsn"].widget.attrs["autofocus"] = True
    context["koppel"] = koppel
    context["zoek_url"] = request.path
    context.update(_workspace(request, actief=koppel.key if koppel else ""))
    template = "kcc/home.html#zoeken" if context["fragment"] else "kcc/home.html"
    response = render(request, template, context)
    vary_on_htmx(response)
    return response


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def home(request):
    return _search_page(request)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def persoon_overnemen(request):
    """A person the BRP knows but Loket not yet: register them from the BRP and open the klantbeeld.

    From the "Klant koppelen" search of an open contact (`contact` = its key) the new klant is
    linked to that contact instead.
    """
    try:
        partij = persoon_from_brp(
            bsn=request.POST.get("bsn", ""), user=request.user, purpose=PURPOSE_ZOEKEN
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("kcc:home")
    key = request.POST.get("contact", "")
    if key and open_contact_get(request.user, key=key) is not None:
        open_contact_set_partij(request.user, key=key, partij=partij)
        messages.success(request, f"{partij.weergavenaam} is aan het contact gekoppeld.")
        return redirect("kcc:contact", key=key)
    return redirect("kcc:klantbeeld", uuid=partij.uuid)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def werkplek(request):
    """Choose the desk once per session; new contacts get its channel."""
    form = WerkplekForm(request.POST)
    if form.is_valid():
        keuze = werkplek_set(request.session, werkplek=form.cleaned_data["werkplek"])
        messages.success(request, f"Werkplek: {WERKPLEKKEN[keuze]}.")
    else:
        messages.error(request, "Werkplek: kies Telefoon of Balie.")
    terug = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        terug = reverse("kcc:home")
    return redirect(terug)


def _timeline_filters(request) -> dict[str, str]:
    filters = {key: request.GET.get(key, "").strip() for key in ("kanaal", "soort", "periode")}
    if filters["soort"] not in ("", *SOORTEN):
        filters["soort"] = ""
    if filters["periode"] not in PERIODES:
        filters["periode"] = ""
    return filters


def _klantbeeld_page(request, uuid, *, adres_form=None, voorkeur_form=None, status=200):
    purpose = klantbeeld_purpose(contact=request.GET.get("contact", ""))
    filters = _timeline_filters(request)
    fragment = is_htmx_fragment_request(request) and request.method == "GET"
    try:
        beeld = klantbeeld_get(uuid=uuid, user=request.user, purpose=purpose)
    except Partij.DoesNotExist:
        raise Http404("Deze klant bestaat niet.") from None
    try:
        aantal = min(max(int(request.GET.get("aantal", "")), TIMELINE_PAGE), TIMELINE_MAX)
    except ValueError:
        aantal = TIMELINE_PAGE
    # One item more than shown tells whether "Meer tonen" is needed.
    # AVG art. 18: a restricted person's data is kept but not used; the page says so.
    timeline = (
        []
        if beeld.partij.verwerking_beperkt_sinds
        else klant_timeline(
            partij=beeld.partij, user=request.user, purpose=purpose, limit=aantal + 1, **filters
        )
    )
    beeld.timeline = timeline[:aantal]
    contact_ref = request.GET.get("contact", "").strip()[:40]
    if not any(filters.values()):
        # The contact just registered (the page opened from it) was not asked "before".
        beeld.eerder_gevraagd = eerder_gevraagd(beeld.timeline, behalve=contact_ref)
    meer = len(timeline) > aantal and aantal < TIMELINE_MAX
    context = {
        "meer_url": (
            f"?{urlencode({**filters, 'aantal': aantal + TIMELINE_PAGE})}" if meer else ""
        ),
        "beeld": beeld,
        "partij": beeld.partij,
        "contact_ref": contact_ref,
        "filters": filters,
        "soorten": list(SOORT_LABELS.items()),
        "kanalen": kanaal_list_active(),
        "periodes": [("7", "7 dagen"), ("30", "30 dagen"), ("90", "90 dagen"), ("365", "1 jaar")],
        "fragment": fragment,
        **_adres_forms(beeld.partij, adres_form=adres_form, voorkeur_form=voorkeur_form),
        **_workspace(request),
        # Open proactive offers, and the open contact they are recorded in (issue 8).
        "aanbod": [] if fragment else aanbod_open_for_partij(beeld.partij),
        "aanbod_contact": request.GET.get("contact", ""),
    }
    template = "kcc/klantbeeld.html#timeline" if fragment else "kcc/klantbeeld.html"
    response = render(request, template, context, status=status)
    vary_on_htmx(response)
    return response


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def klantbeeld(request, uuid):
    return _klantbeeld_page(request, uuid)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def klantbeeld_item(request, uuid, soort, pk):
    """One timeline item opened in place: htmx swaps the item for itself with its details
    (`dicht=1`: without); without JavaScript the link opens the item on a page of its own."""
    if soort not in SOORTEN:
        raise Http404("Dit soort item bestaat niet.")
    contact_ref = request.GET.get("contact", "").strip()[:40]
    purpose = klantbeeld_purpose(contact=contact_ref)
    try:
        partij = partij_get(uuid=uuid, user=request.user, purpose=purpose)
        item = klantbeeld_item_get(
            partij=partij, soort=soort, pk=pk, user=request.user, purpose=purpose
        )
    except ObjectDoesNotExist:
        raise Http404("Dit item hoort niet bij deze klant.") from None
    fragment = is_htmx_fragment_request(request)
    context = {
        "item": item,
        "partij": partij,
        "contact_ref": contact_ref,
        "open": not (fragment and request.GET.get("dicht")),
        "fragment": fragment,
    }
    if fragment:
        response = render(request, "kcc/klantbeeld.html#item", context)
    else:
        context.update(_workspace(request))
        response = render(request, "kcc/klantbeeld_item.html", context)
    vary_on_htmx(response)
    return response


# --- contactgegevens in the klantbeeld (htmx: the block refreshes in place) -----------------


def _adres_forms(partij, *, adres_form=None, voorkeur_form=None) -> dict:
    kanaal = partij.voorkeurskanaal
    return {
        "adres_form": adres_form or DigitaalAdresForm(),
        "voorkeur_form": voorkeur_form
        or VoorkeurskanaalForm(initial={"voorkeurskanaal": kanaal.code if kanaal else ""}),
    }


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
            kennisartikel_versie=form.cleaned_data.get("kennisartikel_versie"),
            zoekvraag=form.cleaned_data.get("kennis_zoekvraag", "")
            if form.cleaned_data.get("kennisartikel_versie")
            else "",
            # The select stays filled when the agent picks another afhandeling: only a
            # referral records the organisation.
            doorverwezen_naar=form.cleaned_data.get("doorverwezen_naar")
            if form.cleaned_data["afhandeling"] == Afhandeling.DOORVERWEZEN
            else None,
            verzoek=VerzoekInput(
                team=form.cleaned_data.get("team"),
                medewerker=form.cleaned_data.get("medewerker"),
                gevraagde_handeling=form.cleaned_data.get("gevraagde_handeling", ""),
                terugbelnummer=form.cleaned_data.get("terugbelnummer", ""),
                email=form.cleaned_data.get("email", ""),
            )
            if form.cleaned_data["afhandeling"] == Afhandeling.CONTACTVERZOEK
            else None,
        )
        for form in _vraag_forms(formset)
    ]


# --- open contacts (tabs) --------------------------------------------------------------------


def _open_contact_or_404(request, key) -> OpenContact:
    contact = open_contact_get(request.user, key=str(key))
    if contact is None:
        raise Http404("Dit contact is niet (meer) open.")
    return contact


def _partij_of(request, contact: OpenContact) -> Partij | None:
    if contact.is_anoniem:
        return None
    try:
        return partij_get(uuid=contact.partij, user=request.user, purpose=PURPOSE_CONTACT)
    except Partij.DoesNotExist:
        raise Http404("Deze klant bestaat niet.") from None


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def contact_nieuw(request):
    """Start a contact (a new tab): channel from the desk, timer from now, klant if given."""
    partij = None
    partij_uuid = request.POST.get("partij", "").strip()
    if partij_uuid:
        try:
            partij = partij_get(uuid=partij_uuid, user=request.user, purpose=PURPOSE_CONTACT)
        except (Partij.DoesNotExist, ValidationError):
            raise Http404("Deze klant bestaat niet.") from None
    try:
        contact = open_contact_start(request.session, request.user, partij=partij)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("kcc:klantbeeld", uuid=partij.uuid) if partij else redirect("kcc:home")
    return redirect("kcc:contact", key=contact.key)


def _saved_redirect(contact):
    if contact.partij_id is not None:
        return redirect(
            f"{reverse('kcc:klantbeeld', kwargs={'uuid': contact.partij.uuid})}"
            f"?contact={contact.referentienummer}"
        )
    return redirect("kcc:home")


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def contact(request, key):
    """One open contact: its questions, and on save the klantcontact and its contactverzoeken."""
    tab = open_contact_get(request.user, key=str(key))
    if tab is None:
        # Saved already (a double submit, or another browser tab): show where it went.
        opgeslagen = contact_by_idempotency_key(key=str(key), user=request.user)
        if opgeslagen is None:
            raise Http404("Dit contact is niet (meer) open.")
        messages.info(request, f"Klantcontact {opgeslagen.referentienummer} is al vastgelegd.")
        return _saved_redirect(opgeslagen)
    partij = _partij_of(request, tab)
    redenen = contactreden_choices()
    if request.method == "POST":
        form = ContactForm(request.POST, kanaal=tab.kanaal)
        formset = VraagFormSet(
            request.POST, prefix="vraag", form_kwargs={"redenen": redenen, "met_medewerker": True}
        )
    else:
        # Back to the contact: the draft kept on the server, as the agent left it.
        form, formset = _concept_forms(tab, redenen=redenen)
    vragen_error = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            # The use case of every channel: the contact and its verzoeken in one transaction (a
            # refused verzoek leaves no half-saved contact).
            vastgelegd = klantcontact_register(
                kanaal=form.cleaned_data["kanaal"],
                medewerker=request.user,
                vragen=_vragen(formset),
                partij=partij,
                plaatsgevonden_op=tab.started if tab.gesprek_id else None,
                duur=gesprek_duur(gesprek_id=tab.gesprek_id) or dt.timedelta(seconds=tab.seconden),
                inhoud=form.cleaned_data["inhoud"],
                vertrouwelijk=form.cleaned_data["vertrouwelijk"],
                vertrouwelijk_team=form.cleaned_data["vertrouwelijk_team"],
                idempotency_key=tab.key,
                idempotency_client=idempotency_client_of(request.user),
                gesprek_id=tab.gesprek_id,
                tevredenheid_toestemming=form.cleaned_data["tevredenheid"],
            )
            opgeslagen, verzoeken = vastgelegd.klantcontact, len(vastgelegd.verzoeken)
        except VraagFout as err:
            vraag_form = _vraag_forms(formset)[err.index]
            target = err.field if err.field in vraag_form.fields else None
            vraag_form.add_error(target, err.message)
        except DomainError as exc:
            if exc.field == "vragen":
                vragen_error = exc.message
            elif exc.field == "doorverwezen_naar":
                # The referral of a question without an organisation: mark that question.
                for vraag_form in _vraag_forms(formset):
                    data = vraag_form.cleaned_data
                    if data["afhandeling"] == Afhandeling.DOORVERWEZEN and (
                        data.get("doorverwezen_naar") is None
                        or not data["doorverwezen_naar"].is_actief
                    ):
                        vraag_form.add_error("doorverwezen_naar", exc.message)
                        break
                else:
                    form.add_error(None, exc.message)
            elif exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                form.add_error(None, exc.message)
        else:
            if opgeslagen.partij_id:  # offers recorded during this contact now point to it
                signalen_link_to_contacten(partij_id=opgeslagen.partij_id)
            message = f"Klantcontact {opgeslagen.referentienummer} is vastgelegd."
            if verzoeken:
                message += f" Contactverzoeken uitgezet: {verzoeken}."
            messages.success(request, message)
            return _saved_redirect(opgeslagen)
    if request.method == "POST":
        # Not saved (an error to correct): keep what was posted as the draft.
        _keep_draft(request, tab)
    context = {
        "form": form,
        "formset": formset,
        "partij": partij,
        "tab": tab,
        "vragen_error": vragen_error,
        **_workspace(request, actief=tab.key),
    }
    return render(request, "kcc/contact_form.html", context)


# Fields of the contact form a draft keeps (the form's own names; nothing else is stored).
_CONCEPT_VELD = re.compile(
    r"^(kanaal|inhoud|vraag-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS)"
    r"|vraag-\d{1,2}-[a-z_]{1,40})$"
)


def _draft_of(post) -> dict[str, str]:
    return {name: post.get(name, "") for name in post if _CONCEPT_VELD.match(name)}


def _keep_draft(request, tab: OpenContact) -> bool:
    """Store the posted contact form as the tab's draft; False when the contact is not open."""
    try:
        open_contact_save_draft(request.user, key=tab.key, gegevens=_draft_of(request.POST))
    except DomainError:
        return False
    return True


def _concept_forms(tab: OpenContact, *, redenen):
    """Unbound forms showing the draft: the values as typed, no errors until the agent saves."""
    if not tab.concept:
        return (
            ContactForm(kanaal=tab.kanaal),
            VraagFormSet(prefix="vraag", form_kwargs={"redenen": redenen, "met_medewerker": True}),
        )
    data = QueryDict(mutable=True)
    data.update(tab.concept)
    bound = ContactForm(data, kanaal=tab.kanaal)
    bound_vragen = VraagFormSet(
        data, prefix="vraag", form_kwargs={"redenen": redenen, "met_medewerker": True}
    )
    initial = {name: bound[name].value() for name in bound.fields}
    vragen = [
        {name: vraag[name].value() for name in vraag.fields}
        for vraag in bound_vragen.forms
        if vraag.has_changed()
    ]
    form = ContactForm(
        initial={k: v for k, v in initial.items() if v is not None}, kanaal=tab.kanaal
    )
    formset = VraagFormSet(
        prefix="vraag",
        initial=vragen or None,
        form_kwargs={"redenen": redenen, "met_medewerker": True},
    )
    return form, formset


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def contact_concept(request, key):
    """Autosave (kcc.js, as the agent types): keep the posted contact form as the draft of this
    open contact, the agent's own. 404 when it is not (or no longer) his open contact."""
    tab = _open_contact_or_404(request, key)
    try:
        saved = open_contact_save_draft(request.user, key=tab.key, gegevens=_draft_of(request.POST))
    except DomainError as exc:
        if exc.code == "not_open":
            raise Http404(exc.message) from None
        return JsonResponse({"fout": exc.message}, status=400)
    opgeslagen_op = timezone.localtime(saved.concept_op) if saved.concept_op else None
    return JsonResponse({"opgeslagen_op": opgeslagen_op.strftime("%H:%M") if opgeslagen_op else ""})


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def contact_annuleren(request, key):
    """Cancel an open contact, after a confirmation step (works without JS): the first POST (the
    contact form itself, "Contact annuleren") keeps what was typed as the draft and asks; the
    POST with `bevestigd` removes the tab and its draft, and nothing is stored."""
    if request.POST.get("bevestigd") != "ja":
        tab = _open_contact_or_404(request, key)
        if any(_CONCEPT_VELD.match(name) for name in request.POST):
            _keep_draft(request, tab)
            tab = open_contact_get(request.user, key=tab.key) or tab
        context = {
            "tab": tab,
            "partij": _partij_of(request, tab),
            "getypt": _typed_summary(tab),
            **_workspace(request, actief=tab.key),
        }
        return render(request, "kcc/annuleren.html", context)
    tab = open_contact_remove(request.user, key=str(key))
    messages.success(request, "Het contact is geannuleerd; er is niets vastgelegd.")
    if tab is not None and not tab.is_anoniem:
        return redirect("kcc:klantbeeld", uuid=tab.partij)
    return redirect("kcc:home")


def _typed_summary(tab: OpenContact) -> list[str]:
    """What the agent typed in the draft (question texts and notes), to show what would go."""
    concept = tab.concept
    teksten = [
        concept[name].strip()
        for name in sorted(concept)
        if re.match(r"^vraag-\d{1,2}-(vraagtekst|antwoord)$", name) and concept[name].strip()
    ]
    if concept.get("inhoud", "").strip():
        teksten.append(concept["inhoud"].strip())
    return teksten


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def contact_klant(request, key):
    """ "Klant koppelen": search (GET, the same forms as /kcc/) and link the klant found (POST)."""
    tab = _open_contact_or_404(request, key)
    if request.method != "POST":
        return _search_page(request, koppel=tab)
    try:
        partij = partij_get(
            uuid=request.POST.get("partij", ""), user=request.user, purpose=PURPOSE_CONTACT
        )
    except (Partij.DoesNotExist, ValidationError):
        raise Http404("Deze klant bestaat niet.") from None
    open_contact_set_partij(request.user, key=tab.key, partij=partij)
    messages.success(request, f"{partij.weergavenaam} is aan het contact gekoppeld.")
    return redirect("kcc:contact", key=tab.key)


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def product_opties(request):
    """The <option>s of a product select for the text typed in its search box (htmx)."""
    producten = product_list(q=request.GET.get("q", ""), verwijsbaar=True)[:PRODUCT_OPTIONS_MAX]
    return render(request, "kcc/product_options.html", {"producten": producten})


# --- telephony: the screen pop (CTI, issue 17) --------------------------------------------------


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
def telefoon(request):
    """The screen pop, polled by every page of an agent with an extension: the call ringing at
    or answered on it, with the klant matched by the caller's verified number."""
    return render(request, "kcc/_telefoon.html", {"gesprek": telefoon_inkomend(user=request.user)})


@login_required
@permission_required(REGISTER_CONTACT, raise_exception=True)
@require_POST
def telefoon_openen(request, gesprek_id: str):
    """One click: a telephone contact for the caller (or anonymous), started when the call was
    answered; it gets the call's duration at the hang-up."""
    gesprek = telefoon_inkomend(user=request.user)
    if gesprek is None or gesprek.gesprek_id != gesprek_id:
        messages.info(request, "Dit gesprek is al geopend of beëindigd.")
        return redirect("kcc:home")
    try:
        contact = open_contact_start(
            request.session,
            request.user,
            partij=gesprek.partij,
            kanaal="telefoon",
            gestart_op=gesprek.sinds,
            gesprek_id=gesprek.gesprek_id,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("kcc:home")
    return redirect("kcc:contact", key=contact.key)
