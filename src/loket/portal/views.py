"""Pages of the citizen portal: thin views over portal selectors and services."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.catalogue.models import Levensgebeurtenis, Product
from loket.core.errors import DomainError
from loket.core.htmx import is_htmx
from loket.insights.services import paginabezoek_register
from loket.knowledge.models import Kennisartikel
from loket.knowledge.selectors import product_antwoorden, verwijs_organisatie
from loket.parties.citizen_auth import citizen_logout, citizen_partij
from loket.portal import selectors
from loket.portal.backends import (
    Inlogresultaat,
    configured_backends,
    finish_login,
    get_backend,
    safe_next,
)
from loket.portal.services import (
    BERICHTEN_KEUZES,
    bericht_mark_read_by_partij,
    burger_afspraak_cancel,
    burger_contactgegevens_update,
    burger_document_add,
    burger_vraag_register,
    pagina_feedback_register,
)
from loket.privacy.inzage import inzage_collect

NEXT_SESSION_KEY = "loket_inlog_next"


def citizen_required(view):
    """Mijn Loket pages: a logged-in citizen, else to the login page and back."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        partij = citizen_partij(request)
        if partij is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('portal:inloggen')}?{query}")
        request.burger = partij
        return view(request, *args, **kwargs)

    return wrapper


# --- information -----------------------------------------------------------------------------


@require_GET
def home(request):
    context = {
        "q": "",
        "flits": selectors.flits_producten(),
        "veelgevraagd": selectors.veelgevraagde_producten(),
        "levensgebeurtenissen": selectors.levensgebeurtenis_list(),
    }
    return render(request, "portal/home.html", context)


@require_GET
def producten(request):
    return render(
        request, "portal/producten.html", {"producten": selectors.product_list_portal(), "q": ""}
    )


@require_GET
def product(request, slug):
    gevonden = selectors.product_get_by_slug(slug=slug)
    if gevonden is None:
        raise Http404("Dit product bestaat niet (meer).")
    # For the insight layer: a contact about this product within 24 hours of a visit means the
    # page did not answer the question.
    paginabezoek_register(
        product=gevonden,
        partij=citizen_partij(request),
        sessie=request.session.session_key or "",
    )
    context = {
        "product": gevonden,
        "formule": gevonden.dienstverleningsformule,
        # The same published answers the KCC gives (one canonical version per question).
        "versies": product_antwoorden(product=gevonden),
        "organisatie": verwijs_organisatie(versie=None, producten=[gevonden]),
        "sturing": selectors.kanaalsturing(gevonden),
        "levensgebeurtenissen": selectors.levensgebeurtenissen_van_product(gevonden),
        "q": "",
    }
    return render(request, "portal/product.html", context)


@require_GET
def product_uuid(request, uuid):
    """Stable links by UUID (API, e-mails) redirect to the product page."""
    gevonden = Product.objects.filter(uuid=uuid, is_actief=True).only("slug").first()
    if gevonden is None or not gevonden.slug:
        raise Http404("Dit product bestaat niet (meer).")
    return redirect("portal:product", slug=gevonden.slug, permanent=True)


@require_GET
def levensgebeurtenissen(request):
    return render(
        request,
        "portal/levensgebeurtenissen.html",
        {"levensgebeurtenissen": selectors.levensgebeurtenis_list(), "q": ""},
    )


@require_GET
def levensgebeurtenis(request, slug):
    gebeurtenis = selectors.levensgebeurtenis_get(slug=slug)
    if gebeurtenis is None:
        raise Http404("Deze levensgebeurtenis bestaat niet.")
    stappen = [
        {"stap": stap, "sturing": selectors.kanaalsturing(stap.product)}
        for stap in gebeurtenis.levensgebeurtenisproduct_set.all()
    ]
    return render(
        request,
        "portal/levensgebeurtenis.html",
        {"gebeurtenis": gebeurtenis, "stappen": stappen, "q": ""},
    )


def _by_pk(model, value):
    """The row with this primary key from a form field, or None (also for rubbish)."""
    return model.objects.filter(pk=int(value)).first() if str(value or "").isdigit() else None


@require_POST
def feedback(request):
    """ "Heeft deze informatie u geholpen?": works without JavaScript (POST, redirect back);
    with htmx only the form is replaced."""
    data = request.POST
    keuze = data.get("geholpen")
    geholpen = {"ja": True, "nee": False}.get(keuze or "")
    product = _by_pk(Product, data.get("product"))
    gebeurtenis = _by_pk(Levensgebeurtenis, data.get("levensgebeurtenis"))
    artikel = _by_pk(Kennisartikel, data.get("artikel"))
    pad = data.get("pad", "")
    context = {
        "sleutel": data.get("sleutel", ""),
        "pad": pad,
        "paginatitel": data.get("paginatitel", ""),
        "product": product,
        "levensgebeurtenis": gebeurtenis,
        "artikel": artikel,
        "zoekvraag": data.get("zoekvraag", "")[:500],
        "opmerking": data.get("opmerking", ""),
    }
    try:
        opgeslagen, _created = pagina_feedback_register(
            sleutel=context["sleutel"],
            pad=pad,
            geholpen=geholpen,
            opmerking=context["opmerking"],
            paginatitel=context["paginatitel"],
            product=product,
            levensgebeurtenis=gebeurtenis,
            artikel=artikel,
            zoekvraag=context["zoekvraag"],
            # One vote per address, however many sessions (knowledge.search.leren).
            wie=f"ip:{request.META.get('REMOTE_ADDR', '')}",
            ingelogd=citizen_partij(request) is not None,
        )
    except DomainError as exc:
        if is_htmx(request):
            context["fout"] = exc
            return render(request, "portal/_feedback.html", context, status=422)
        messages.error(request, exc.message)
        return HttpResponseRedirect(safe_next(request, pad, reverse("start")) + "#feedback")
    context["feedback"] = opgeslagen
    if is_htmx(request):
        return render(request, "portal/_feedback.html", context)
    terug = safe_next(request, pad, reverse("start"))
    return HttpResponseRedirect(f"{terug}?{urlencode({'feedback': 'bedankt'})}#feedback")


# --- citizen login ---------------------------------------------------------------------------


@require_GET
def inloggen(request):
    next_url = safe_next(request, request.GET.get("next"), reverse("portal:mijn"))
    try:
        methoden = configured_backends()
    except ImproperlyConfigured as exc:
        methoden, fout = [], str(exc)
    else:
        fout = ""
    context = {
        "methoden": methoden,
        "next": next_url,
        "fout": fout,
        "burger": citizen_partij(request),
    }
    return render(request, "portal/inloggen.html", context)


@require_GET
def inloggen_start(request, methode):
    backend = get_backend(methode)
    if backend is None:
        raise Http404("Deze inlogmethode is niet beschikbaar.")
    next_url = safe_next(request, request.GET.get("next"), reverse("portal:mijn"))
    return backend.start(request, next_url=next_url)


@require_GET
def inloggen_terug(request, methode):
    backend = get_backend(methode)
    if backend is None:
        raise Http404("Deze inlogmethode is niet beschikbaar.")
    try:
        resultaat = backend.callback(request)
        finish_login(request, resultaat=resultaat)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:inloggen")
    next_url = request.session.pop(NEXT_SESSION_KEY, "")
    return redirect(safe_next(request, next_url, reverse("portal:mijn")))


@require_http_methods(["GET", "POST"])
def digid_simulator(request):
    """The demo's DigiD: pick a resident. Clearly marked; off unless LOKET_DIGID_SIMULATOR."""
    backend = get_backend("demo-digid")
    if backend is None:
        raise Http404("De DigiD-simulator staat uit.")
    next_url = safe_next(
        request, request.POST.get("next") or request.GET.get("next"), reverse("portal:mijn")
    )
    fout = None
    if request.method == "POST":
        bsn = "".join((request.POST.get("bsn") or "").split())
        try:
            if not bsn:
                raise DomainError("Kies een inwoner om mee in te loggen.", field="bsn")
            partij = finish_login(request, resultaat=Inlogresultaat(bsn=bsn, methode=backend.code))
        except DomainError as exc:
            fout = exc
        else:
            messages.success(request, f"U bent ingelogd als {partij.weergavenaam}.")
            return redirect(next_url)
    q = request.GET.get("q", "").strip()[:100]
    context = {
        "inwoners": selectors.demo_inwoners(q=q),
        "zoek": q,
        "next": next_url,
        "fout": fout,
    }
    return render(request, "portal/digid_simulator.html", context, status=422 if fout else 200)


@require_POST
def uitloggen(request):
    citizen_logout(request)
    messages.success(request, "U bent uitgelogd.")
    return redirect("start")


# --- Mijn Loket ------------------------------------------------------------------------------


@citizen_required
@require_GET
def mijn(request):
    partij = request.burger
    return render(
        request,
        "portal/mijn/overzicht.html",
        {"overzicht": selectors.mijn_overzicht(partij), "sectie": "overzicht"},
    )


@citizen_required
@require_GET
def mijn_zaken(request):
    zaken = list(selectors.mijn_zaken(request.burger)[:200])
    return render(
        request,
        "portal/mijn/zaken.html",
        {
            "open_zaken": [z for z in zaken if z.einddatum is None],
            "afgeronde_zaken": [z for z in zaken if z.einddatum is not None],
            "sectie": "zaken",
        },
    )


def _render_zaak(request, zaak, *, errors=None, titel="", status=200):
    statussen = sorted(zaak.statussen.all(), key=lambda s: (s.datum_status_gezet, s.pk))
    return render(
        request,
        "portal/mijn/zaak.html",
        {
            "zaak": zaak,
            "statussen": statussen,
            "documenten": selectors.mijn_zaak_documenten(zaak),
            "errors": errors or {},
            "titel": titel,
            "fouten": _fouten(
                errors or {}, {"bestand": "document-bestand", "titel": "document-titel"}
            ),
            "sectie": "zaken",
        },
        status=status,
    )


def _fouten(errors: dict, ids: dict) -> list[dict]:
    """The error summary: each message links to its field."""
    return [
        {"href": f"#{ids.get(field, 'formulier')}", "tekst": message}
        for field, messages in errors.items()
        for message in messages
    ]


@citizen_required
@require_GET
def mijn_zaak(request, uuid):
    zaak = selectors.mijn_zaak(request.burger, uuid)
    if zaak is None:
        raise Http404("Deze zaak bestaat niet.")
    return _render_zaak(request, zaak)


@citizen_required
@require_POST
def mijn_zaak_document(request, uuid):
    """A document the citizen adds to their own zaak (type and size checked)."""
    zaak = selectors.mijn_zaak(request.burger, uuid)
    if zaak is None:
        raise Http404("Deze zaak bestaat niet.")
    titel = request.POST.get("titel", "")
    try:
        document = burger_document_add(
            partij=request.burger, zaak=zaak, bestand=request.FILES.get("bestand"), titel=titel
        )
    except DomainError as exc:
        errors = exc.as_dict()
        if not set(errors) <= {"bestand", "titel"}:
            errors = {"bestand": [exc.message]}
        return _render_zaak(request, zaak, errors=errors, titel=titel, status=422)
    messages.success(
        request, f"Uw document {document} is toegevoegd aan zaak {zaak.identificatie}."
    )
    return redirect("portal:mijn_zaak", uuid=zaak.uuid)


@citizen_required
@require_GET
def mijn_afspraken(request):
    return render(
        request,
        "portal/mijn/afspraken.html",
        {"afspraken": selectors.mijn_afspraken(request.burger), "sectie": "afspraken"},
    )


@citizen_required
@require_POST
def mijn_afspraak_afzeggen(request, uuid):
    afspraak = selectors.mijn_afspraak(request.burger, uuid)
    if afspraak is None:
        raise Http404("Deze afspraak bestaat niet.")
    try:
        burger_afspraak_cancel(partij=request.burger, afspraak=afspraak)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"Uw afspraak voor {afspraak.product.naam} is afgezegd. U krijgt een bericht."
        )
    return redirect("portal:mijn_afspraken")


@citizen_required
@require_GET
def mijn_meldingen(request):
    return render(
        request,
        "portal/mijn/meldingen.html",
        {"meldingen": list(selectors.mijn_meldingen(request.burger)[:100]), "sectie": "meldingen"},
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def mijn_vraag(request):
    """ "Stel een vraag": a web question that becomes a klantcontact with a contactverzoek."""
    import secrets

    vraag = ""
    errors: dict[str, list[str]] = {}
    sleutel = request.POST.get("sleutel") or secrets.token_urlsafe(24)
    if request.method == "POST":
        vraag = request.POST.get("vraag", "")
        try:
            burger_vraag_register(partij=request.burger, vraag=vraag, sleutel=sleutel)
        except DomainError as exc:
            errors = exc.as_dict()
        else:
            messages.success(
                request,
                "Uw vraag is verstuurd. U krijgt het antwoord per e-mail; u ziet uw vraag "
                "hieronder bij 'Vragen waarop wij nog reageren'.",
            )
            return redirect("portal:mijn_contacten")
    contact = selectors.mijn_contactgegevens(request.burger)
    return render(
        request,
        "portal/mijn/vraag.html",
        {
            "vraag": vraag,
            "sleutel": sleutel,
            "errors": errors,
            "fouten": _fouten(errors, {"vraag": "vraag-tekst", "email": "vraag-email"}),
            "email": contact.email,
            "sectie": "vraag",
        },
        status=422 if errors else 200,
    )


@citizen_required
@require_GET
def mijn_contacten(request):
    return render(
        request,
        "portal/mijn/contacten.html",
        {
            "contacten": list(selectors.mijn_contacten(request.burger)[:100]),
            "vragen": list(selectors.mijn_vragen(request.burger)[:50]),
            "sectie": "contacten",
        },
    )


@citizen_required
@require_GET
def mijn_berichten(request):
    return render(
        request,
        "portal/mijn/berichten.html",
        {"berichten": list(selectors.mijn_berichten(request.burger)[:100]), "sectie": "berichten"},
    )


@citizen_required
@require_GET
def mijn_bericht(request, uuid):
    bericht = selectors.mijn_bericht(request.burger, uuid)
    if bericht is None:
        raise Http404("Dit bericht bestaat niet.")
    # Opening a message reads it, as in any mailbox.
    bericht_mark_read_by_partij(partij=request.burger, bericht=bericht)
    return render(request, "portal/mijn/bericht.html", {"bericht": bericht, "sectie": "berichten"})


@citizen_required
@require_GET
def mijn_inzendingen(request):
    return render(
        request,
        "portal/mijn/inzendingen.html",
        {
            "inzendingen": selectors.mijn_inzendingen(request.burger),
            "concepten": selectors.mijn_concepten(request.burger),
            "sectie": "inzendingen",
        },
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def mijn_gegevens(request):
    """The BRP data (read only) and the citizen's own contact details and message choice."""
    contact = selectors.mijn_contactgegevens(request.burger)
    waarden = {"email": contact.email, "telefoon": contact.telefoon, "berichten": contact.berichten}
    tevredenheid = contact.tevredenheid
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        waarden = {k: request.POST.get(k, "").strip() for k in waarden}
        tevredenheid = request.POST.get("tevredenheid") == "ja"
        try:
            burger_contactgegevens_update(
                partij=request.burger, tevredenheid=tevredenheid, **waarden
            )
        except DomainError as exc:
            errors = exc.as_dict()
        else:
            messages.success(request, "Uw contactgegevens en berichtvoorkeur zijn opgeslagen.")
            return redirect("portal:mijn_gegevens")
    return render(
        request,
        "portal/mijn/gegevens.html",
        {
            "brp": selectors.mijn_brp_gegevens(request.burger),
            "waarden": waarden,
            "tevredenheid": tevredenheid,
            "tevredenheid_interval": settings.LOKET_TEVREDENHEID_INTERVAL_DAGEN,
            "keuzes": [(code, label) for code, (label, _t, _k) in BERICHTEN_KEUZES.items()],
            "errors": errors,
            "fouten": _fouten(
                errors,
                {
                    "email": "gegevens-email",
                    "telefoon": "gegevens-telefoon",
                    "berichten": "gegevens-berichten",
                },
            ),
            "sectie": "gegevens",
        },
        status=422 if errors else 200,
    )


@citizen_required
@require_GET
def mijn_inzage(request):
    """Everything the municipality holds on the logged-in citizen (AVG art. 15), without staff
    names; `?formaat=json` downloads it."""
    overzicht = inzage_collect(partij=request.burger, user=None, voor_inwoner=True)
    if request.GET.get("formaat") == "json":
        response = JsonResponse(overzicht.as_json(), json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-gemeente.json"'
        return response
    return render(request, "portal/mijn/inzage.html", {"inzage": overzicht, "sectie": "gegevens"})
