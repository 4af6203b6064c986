"""Face: booking an appointment, managing it by its link, the kiosk, the ticket and the counter
overview for the teamleider (permission accounts.manage_counter)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from loket.accounts.permissions import MANAGE_COUNTER
from loket.balie import selectors, services
from loket.balie.agenda import afspraak_ics
from loket.balie.models import AfspraakStatus, Locatie, TicketStatus, Wachtrijticket
from loket.catalogue.selectors import product_get
from loket.core.errors import DomainError
from loket.core.htmx import is_htmx_fragment_request
from loket.parties.citizen_auth import citizen_partij
from loket.selfservice import services as selfservice_services
from loket.selfservice.views import _render

DAGEN_VOORUIT = 21


def _fouten(errors: dict, ids: dict) -> list[dict]:
    return [
        {"href": f"#{ids.get(field, 'formulier')}", "tekst": message}
        for field, messages in errors.items()
        for message in messages
    ]


def _parse_slot(value: str) -> dt.datetime | None:
    try:
        naive = dt.datetime.strptime(value or "", "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    return timezone.make_aware(naive)


def _dagen(locatie: Locatie) -> list[dict]:
    """The coming days with free slots (at most DAGEN_VOORUIT days ahead)."""
    today = timezone.localdate()
    out = []
    for offset in range(DAGEN_VOORUIT):
        day = today + dt.timedelta(days=offset)
        slots = selectors.tijdsloten(locatie=locatie, datum=day)
        vrij = sum(1 for s in slots if s.vrij > 0)
        if vrij:
            out.append({"datum": day, "vrij": vrij})
    return out


def _keuze_context(request, locatie: Locatie | None, locaties) -> dict:
    if locatie is None:
        return {"dagen": [], "slots": [], "datum": None}
    dagen = _dagen(locatie)
    gekozen = request.GET.get("datum") or request.POST.get("datum")
    try:
        datum = dt.date.fromisoformat(gekozen) if gekozen else None
    except ValueError:
        datum = None
    if datum is None and dagen:
        datum = dagen[0]["datum"]
    slots = selectors.tijdsloten(locatie=locatie, datum=datum) if datum else []
    return {"dagen": dagen, "slots": slots, "datum": datum}


def _link(request, afspraak) -> str:
    return request.build_absolute_uri(
        reverse("selfservice:afspraak", kwargs={"token": afspraak.token})
    )


@require_http_methods(["GET", "POST"])
def afspraak_book(request, product):
    product = product_get(uuid=product)
    if product is None or not product.is_actief:
        raise Http404("Dit product bestaat niet.")
    locaties = list(selectors.locatie_list_for_product(product))
    slug = request.POST.get("locatie") or request.GET.get("locatie")
    locatie = next((loc for loc in locaties if loc.slug == slug), locaties[0] if locaties else None)
    partij = citizen_partij(request)
    waarden = {
        "naam": partij.weergavenaam if partij else "",
        "email": selfservice_services._prefill_value("partij.email", partij) or "",
        "telefoon": selfservice_services._prefill_value("partij.telefoon", partij) or "",
        "tijdslot": "",
    }
    errors: dict[str, list[str]] = {}
    sleutel = request.POST.get("sleutel") or f"afspraak:{secrets.token_urlsafe(24)}"
    if request.method == "POST":
        waarden.update({k: request.POST.get(k, "").strip() for k in waarden})
        start = _parse_slot(waarden["tijdslot"])
        if locatie is None:
            errors["locatie"] = ["Locatie: kies een locatie."]
        elif start is None:
            errors["tijdslot"] = ["Tijdslot: kies een dag en een tijd."]
        else:
            try:
                afspraak, _ = services.afspraak_book(
                    locatie=locatie,
                    product=product,
                    start=start,
                    naam=waarden["naam"],
                    email=waarden["email"],
                    telefoon=waarden["telefoon"],
                    partij=partij,
                    idempotency_key=sleutel,
                    link_voor=lambda a: _link(request, a),
                )
            except DomainError as exc:
                errors = exc.as_dict()
            else:
                url = reverse("selfservice:afspraak", kwargs={"token": afspraak.token})
                return redirect(f"{url}?gemaakt=1")
    context = {
        "product": product,
        "locaties": locaties,
        "locatie": locatie,
        "waarden": waarden,
        "sleutel": sleutel,
        "errors": errors,
        "fouten": _fouten(
            errors,
            {
                "naam": "afspraak-naam",
                "email": "afspraak-email",
                "telefoon": "afspraak-telefoon",
                "tijdslot": "afspraak-tijdslot",
                "locatie": "afspraak-locatie",
            },
        ),
        **_keuze_context(request, locatie, locaties),
    }
    return _render(request, "balie/afspraak_maken.html", context, status=422 if errors else 200)


@require_http_methods(["GET", "POST"])
def afspraak_beheren(request, token: str):
    afspraak = selectors.afspraak_get(token=token)
    if afspraak is None:
        raise Http404("Deze afspraak bestaat niet.")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "annuleren":
                services.afspraak_cancel(afspraak=afspraak)
                return redirect("selfservice:afspraak", token=token)
            if actie == "verzetten":
                start = _parse_slot(request.POST.get("tijdslot", ""))
                if start is None:
                    raise DomainError("Tijdslot: kies een nieuwe dag en tijd.", field="tijdslot")
                services.afspraak_reschedule(
                    afspraak=afspraak, start=start, link_voor=lambda a: _link(request, a)
                )
                return redirect("selfservice:afspraak", token=token)
            if actie == "inchecken":
                ticket = services.ticket_draw(locatie=afspraak.locatie, afspraak=afspraak)
                return redirect("selfservice:ticket", token=ticket.token)
        except DomainError as exc:
            errors = exc.as_dict()
        afspraak = selectors.afspraak_get(token=token)
    vandaag = timezone.localdate()
    context = {
        "afspraak": afspraak,
        # Just booked: the page says it worked (the booking redirects here with ?gemaakt=1).
        "gemaakt": request.GET.get("gemaakt") == "1" and afspraak.status == AfspraakStatus.GEPLAND,
        "meenemen": selectors.afspraak_meenemen(afspraak),
        "gepland": afspraak.status == AfspraakStatus.GEPLAND and afspraak.start > timezone.now(),
        "kan_inchecken": afspraak.status == AfspraakStatus.GEPLAND
        and timezone.localtime(afspraak.start).date() == vandaag
        and not afspraak.tickets.exists(),
        "errors": errors,
        "fouten": _fouten(errors, {"tijdslot": "afspraak-tijdslot"}),
        "locatie": afspraak.locatie,
        **_keuze_context(request, afspraak.locatie, [afspraak.locatie]),
    }
    return _render(request, "balie/afspraak.html", context, status=422 if errors else 200)


@require_http_methods(["GET"])
def afspraak_agenda(request, token: str):
    """The appointment as an .ics file for the citizen's agenda. Only by its own link (the token
    in the confirmation), and never for a logged-in citizen whose appointment it is not."""
    afspraak = selectors.afspraak_get(token=token)
    partij = citizen_partij(request)
    if afspraak is None or (
        partij is not None and afspraak.partij_id is not None and afspraak.partij_id != partij.pk
    ):
        raise Http404("Deze afspraak bestaat niet.")
    inhoud = afspraak_ics(
        afspraak,
        url=_link(request, afspraak),
        meenemen=selectors.afspraak_meenemen(afspraak),
        gemeente=settings.LOKET_MUNICIPALITY,
        domein=request.get_host().split(":")[0] or "loket",
    )
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="afspraak-gemeente.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the counter queue ------------------------------------------------------------------------


def _locatie(slug: str) -> Locatie:
    locatie = Locatie.objects.filter(slug=slug, is_actief=True).first()
    if locatie is None:
        raise Http404("Deze locatie bestaat niet.")
    return locatie


@require_http_methods(["GET", "POST"])
def kiosk(request, locatie: str):
    """The touch screen at the entrance: pick what you come for, get a ticket."""
    locatie = _locatie(locatie)
    producten = list(locatie.producten.filter(is_actief=True).order_by("upl_naam"))
    if request.method == "POST":
        product = next((p for p in producten if str(p.uuid) == request.POST.get("product")), None)
        ticket = services.ticket_draw(locatie=locatie, product=product)
        return redirect("selfservice:ticket", token=ticket.token)
    return _render(
        request,
        "balie/kiosk.html",
        {
            "locatie": locatie,
            "producten": producten,
            "stand": selectors.wachtrij_stand(locatie=locatie),
        },
    )


def ticket(request, token: str):
    ticket = selectors.ticket_get(token=token)
    if ticket is None:
        raise Http404("Dit ticket bestaat niet.")
    voor, minuten = (0, 0)
    if ticket.status == TicketStatus.WACHTEND:
        voor, minuten = selectors.ticket_wachttijd(ticket=ticket)
    context = {
        "ticket": ticket,
        "voor": voor,
        "minuten": minuten,
        "garantie": selectors.wachttijd_garantie(ticket.locatie),
    }
    template = "balie/ticket.html"
    if is_htmx_fragment_request(request):
        template += "#stand"
    return _render(request, template, context)


@login_required
@permission_required(MANAGE_COUNTER, raise_exception=True)
def balie_list(request):
    locaties = [
        {"locatie": loc, "stand": selectors.wachtrij_stand(locatie=loc)}
        for loc in Locatie.objects.filter(is_actief=True).order_by("naam")
    ]
    return _render(request, "balie/balie_list.html", {"locaties": locaties})


@login_required
@permission_required(MANAGE_COUNTER, raise_exception=True)
@require_http_methods(["GET", "POST"])
def balie_overzicht(request, locatie: str):
    """The teamleider's and counter staff's view: the queue, the forecast, the signal."""
    locatie = _locatie(locatie)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "oproepen":
                try:
                    balie = int(request.POST.get("balie", "0"))
                except ValueError:
                    balie = 0
                services.ticket_call(locatie=locatie, balie=balie, user=request.user)
            elif actie in ("afronden", "niet_verschenen"):
                ticket = Wachtrijticket.objects.filter(
                    locatie=locatie, pk=request.POST.get("ticket") or 0
                ).first()
                if ticket is None:
                    raise DomainError("Dit ticket bestaat niet.", field="ticket")
                services.ticket_finish(ticket=ticket, verschenen=actie == "afronden")
            elif actie == "open_balies":
                try:
                    aantal = int(request.POST.get("open_balies", ""))
                except ValueError:
                    aantal = -1
                services.locatie_set_open_balies(locatie=locatie, open_balies=aantal)
        except DomainError as exc:
            errors = exc.as_dict()
        else:
            return redirect("selfservice:balie", locatie=locatie.slug)
        locatie.refresh_from_db()
    tickets = list(selectors.wachtrij_list(locatie=locatie))
    context = {
        "locatie": locatie,
        "stand": selectors.wachtrij_stand(locatie=locatie),
        "wachtend": [t for t in tickets if t.status == TicketStatus.WACHTEND],
        "opgeroepen": [t for t in tickets if t.status == TicketStatus.OPGEROEPEN],
        "geholpen": sum(1 for t in tickets if t.status == TicketStatus.AFGEHANDELD),
        "fouten": [m for ms in errors.values() for m in ms],
        "balies": range(1, max(locatie.open_balies, 1) + 1),
    }
    template = "balie/balie.html"
    if is_htmx_fragment_request(request) and request.method == "GET":
        template += "#paneel"
    return _render(request, template, context, status=422 if errors else 200)
