"""The citizens' report form (melding openbare ruimte) and its receipt page."""

from __future__ import annotations

import uuid as uuid_mod

from django.http import Http404
from django.shortcuts import redirect, render

from loket.core.errors import DomainError
from loket.meldingen.forms import MeldingForm
from loket.meldingen.models import Melding
from loket.meldingen.selectors import melding_duplicates
from loket.meldingen.services import melding_create
from loket.portal.auth import citizen_partij

SESSION_KEY = "meldingen_ontvangen"
# The service's "locatie" error (no address and no coordinates) is shown at the address field.
LOCATION_FIELD = {"locatie": "adres"}


def _reporter(request, burger) -> str:
    """Whose idempotency keys these are: the logged-in citizen, else this browser's session. A
    key sent from another browser is a new report, never another reporter's receipt."""
    if burger is not None:
        return f"partij:{burger.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"sessie:{request.session.session_key}"


def melding_form(request):
    burger = citizen_partij(request)
    if request.method == "POST":
        form = MeldingForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
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
                    kanaal="web",
                    idempotency_key=data["sleutel"] or None,
                    idempotency_client=_reporter(request, burger),
                )
            except DomainError as exc:
                for name, errors in exc.as_dict().items():
                    name = LOCATION_FIELD.get(name, name)
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            else:
                # Only the browser that reported may see the receipt page.
                seen = request.session.get(SESSION_KEY, [])[-20:]
                request.session[SESSION_KEY] = [*seen, str(melding.uuid)]
                return redirect("meldingen:ontvangen", uuid=melding.uuid)
    else:
        form = MeldingForm(initial={"sleutel": uuid_mod.uuid4().hex})
        _reporter(request, burger)  # a session from the form on, so a retry is recognised
    return render(
        request,
        "meldingen/melding_form.html",
        {"form": form, "burger": burger},
        status=400 if form.is_bound else 200,
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
