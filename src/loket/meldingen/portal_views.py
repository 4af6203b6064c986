"""The citizens' report form (melding openbare ruimte) with its map, and its receipt page.

The form works without JavaScript (an address field and WGS84 coordinates); meldkaart.js adds
the map with a pin, "mijn locatie", the address search and the check for similar meldingen
nearby, through the small endpoints below (HTML fragments of the form's own template)."""

from __future__ import annotations

import json
import uuid as uuid_mod

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from loket.core.errors import DomainError
from loket.meldingen.forms import MeldingForm
from loket.meldingen.geo import grens_bbox
from loket.meldingen.models import Melding
from loket.meldingen.selectors import (
    kaart_geojson,
    melder_contactgegevens,
    melding_adres_bij_punt,
    melding_controleren,
    melding_duplicates,
    melding_plek_search,
    melding_plek_van_adres,
    melding_te_volgen,
)
from loket.meldingen.services import melding_create, melding_follow
from loket.parties.citizen_auth import citizen_partij

SESSION_KEY = "meldingen_ontvangen"
SESSION_GEVOLGD = "meldingen_gevolgd"
# The service's "locatie" error (no address, no or a wrong point) is shown at the address field.
LOCATION_FIELD: dict[str, str | None] = {"locatie": "adres", "melding": None}
TEMPLATE = "meldingen/melding_form.html"


def _reporter(request, burger) -> str:
    """Whose idempotency keys these are: the logged-in citizen, else this browser's session. A
    key sent from another browser is a new report, never another reporter's receipt."""
    if burger is not None:
        return f"partij:{burger.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"sessie:{request.session.session_key}"


def _add_errors(form: MeldingForm, exc: DomainError) -> None:
    for name, errors in exc.as_dict().items():
        field = LOCATION_FIELD.get(name, name)
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _float(value: str | None) -> float | None:
    try:
        number = float((value or "").replace(",", "."))
    except ValueError:
        return None
    return number if -180 <= number <= 180 else None


def _render_form(request, form: MeldingForm, burger, *, status: int = 200):
    controle = None
    if form.is_bound:
        # After an error the form shows again what the check found (also without JavaScript).
        controle = melding_controleren(
            tekst=form.data.get("tekst", ""),
            lat=_float(form.data.get("lat")),
            lon=_float(form.data.get("lon")),
        )
    south, west, north, east = grens_bbox()
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "burger": burger,
            "controle": controle,
            "tegels": settings.LOKET_KAART_TEGELS,
            "grens": json.dumps([[south, west], [north, east]]),
            "gemeente": settings.LOKET_MUNICIPALITY,
        },
        status=status,
    )


def melding_form(request):
    burger = citizen_partij(request)
    if request.method == "POST":
        form = MeldingForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            if data["lat"] is None and data["lon"] is None and data["adres"]:
                # Without the map: the BAG's point of the address typed, when it is one address.
                try:
                    plek = melding_plek_van_adres(adres=data["adres"])
                except DomainError:  # the BAG is not reachable: the address alone will do
                    plek = None
                if plek is not None:
                    data["lat"], data["lon"] = plek.lat, plek.lon
            try:
                melding = melding_create(
                    tekst=data["tekst"],
                    adres=data["adres"],
                    lat=data["lat"],
                    lon=data["lon"],
                    foto=data["foto"],
                    melder=burger,
                    naam=data["naam"],
                    email=data["email"],
                    telefoon=data["telefoon"],
                    urgent=data["urgent"],
                    kanaal="web",
                    idempotency_key=data["sleutel"] or None,
                    idempotency_client=_reporter(request, burger),
                )
            except DomainError as exc:
                _add_errors(form, exc)
            else:
                # Only the browser that reported may see the receipt page.
                seen = request.session.get(SESSION_KEY, [])[-20:]
                request.session[SESSION_KEY] = [*seen, str(melding.uuid)]
                return redirect("meldingen:ontvangen", uuid=melding.uuid)
        return _render_form(request, form, burger, status=400)
    initial = {"sleutel": uuid_mod.uuid4().hex}
    if burger is not None:
        initial.update(melder_contactgegevens(partij=burger))
    _reporter(request, burger)  # a session from the form on, so a retry is recognised
    return _render_form(request, MeldingForm(initial=initial), burger)


@require_POST
def melding_controle(request):
    """The check while the form is filled in: category, urgency question, similar meldingen."""
    controle = melding_controleren(
        tekst=request.POST.get("tekst", ""),
        lat=_float(request.POST.get("lat")),
        lon=_float(request.POST.get("lon")),
    )
    return render(
        request,
        f"{TEMPLATE}#controle",
        {"controle": controle, "burger": citizen_partij(request)},
    )


@require_GET
def plek_zoeken(request):
    """Address search for the map (postcode + huisnummer, or a street and place)."""
    zoekterm = request.GET.get("q", "")
    try:
        plekken = melding_plek_search(zoekterm=zoekterm)
        fout = ""
    except DomainError as exc:  # the BAG is not reachable: say so, the form still works
        plekken, fout = [], str(exc)
    return render(
        request,
        f"{TEMPLATE}#plekken",
        {"plekken": plekken, "zoekterm": zoekterm.strip(), "fout": fout},
    )


@require_GET
def adres_bij_punt(request):
    """The nearest address of a pin placed by a click, a drag or "mijn locatie" (JSON)."""
    lat, lon = _float(request.GET.get("lat")), _float(request.GET.get("lon"))
    try:
        plek = (
            melding_adres_bij_punt(lat=lat, lon=lon)
            if lat is not None and lon is not None
            else None
        )
    except DomainError:
        plek = None
    return JsonResponse({"adres": plek.label if plek else ""})


@require_GET
@cache_control(public=True, max_age=3600)
def kaart(request):
    """The municipality's own map (boundary and streets) as GeoJSON, for a map without tiles."""
    return JsonResponse(kaart_geojson(), content_type="application/geo+json")


@require_POST
def melding_volgen(request, uuid):
    """ "Dit is dezelfde": follow an open melding instead of filing a duplicate. The button sits
    in the report form, so the name and e-mail address typed there come along."""
    burger = citizen_partij(request)
    form = MeldingForm(request.POST, request.FILES)
    try:
        melding = melding_te_volgen(uuid=str(uuid))
        melding_follow(
            melding=melding,
            partij=burger,
            email=request.POST.get("email", ""),
            naam=request.POST.get("naam", ""),
        )
    except DomainError as exc:
        form.is_valid()  # cleaned values and the form's own errors, then the service's
        _add_errors(form, exc)
        return _render_form(request, form, burger, status=400)
    seen = request.session.get(SESSION_GEVOLGD, [])[-20:]
    request.session[SESSION_GEVOLGD] = [*seen, str(melding.uuid)]
    return redirect("meldingen:gevolgd", uuid=melding.uuid)


def melding_gevolgd(request, uuid):
    if str(uuid) not in request.session.get(SESSION_GEVOLGD, []):
        raise Http404("Deze bevestiging is niet (meer) beschikbaar.")
    melding = Melding.objects.select_related("categorie").filter(uuid=uuid).first()
    if melding is None:
        raise Http404("Deze melding bestaat niet.")
    return render(
        request,
        "meldingen/melding_gevolgd.html",
        {"melding": melding, "burger": citizen_partij(request)},
    )


def melding_ontvangen(request, uuid):
    if str(uuid) not in request.session.get(SESSION_KEY, []):
        raise Http404("Deze ontvangstbevestiging is niet (meer) beschikbaar.")
    try:
        melding = Melding.objects.get(uuid=uuid)
    except Melding.DoesNotExist:
        raise Http404("Deze melding bestaat niet.") from None
    # Only whether a similar open report is near (no other citizen's words or data).
    nearby = len(
        melding_duplicates(
            categorie=melding.categorie,
            lat=melding.lat,
            lon=melding.lon,
            exclude_pk=melding.pk,
        )
    )
    return render(
        request, "meldingen/melding_ontvangen.html", {"melding": melding, "nearby": nearby}
    )
