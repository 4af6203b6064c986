"""E-form pages for citizens: step by step, save and resume, check and submit, the result.

Views parse the request, call the services and selectors, and render. The citizen is whoever
`citizen_partij(request)` says (DigiD in production, the simulator in the demo).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from loket.core.errors import DomainError
from loket.knowledge.zoektochten import zoektocht_mark_form_started
from loket.parties.citizen_auth import citizen_partij
from loket.selfservice import automations, selectors, services
from loket.selfservice.fields import is_visible, label_of, parse_date
from loket.selfservice.models import Concept

SESSION_INZENDINGEN = "loket_inzendingen"
INPUT_TYPES = {"email": "email", "telefoon": "tel", "datum": "text"}
AUTOCOMPLETE = {"email": "email", "telefoon": "tel", "postcode": "postal-code", "iban": "off"}


def _url_or_none(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _login_url(request) -> str | None:
    url = _url_or_none("portal:inloggen")
    return f"{url}?next={request.get_full_path()}" if url else None


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("mijn_loket_url", _url_or_none("portal:mijn"))
    context["burger"] = citizen_partij(request)
    return render(request, template, context, status=status)


def _display(veld: dict, value: Any, keuzes) -> str:
    if value in (None, "", [], False):
        return "—" if veld.get("type") != "selectievakje" else "Nee"
    if veld.get("type") == "selectievakje":
        return "Ja"
    labels = dict(keuzes or [])
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value)
    if veld.get("type") == "datum":
        day = parse_date(value)
        return f"{day:%d-%m-%Y}" if day else str(value)
    return str(labels.get(str(value), value))


def _velden(concept: Concept, stap: int, values: dict, errors: dict, partij) -> list[dict]:
    out = []
    bijlagen = {b.veld: b for b in concept.bijlagen.all()}
    for veld in concept.formulier.stappen[stap].get("velden", []):
        naam = veld["naam"]
        soort = veld.get("type", "tekst")
        keuzes = services.keuzes_voor(veld, partij)
        value = values.get(naam)
        if soort == "meerkeuze" and not isinstance(value, list):
            value = [value] if value else []
        if soort == "datum" and value:
            # Stored as ISO (2026-03-01); the citizen typed and reads dd-mm-jjjj.
            day = parse_date(value)
            value = f"{day:%d-%m-%Y}" if day else value
        cond = veld.get("als")
        out.append(
            {
                "naam": naam,
                "id": f"veld-{naam}",
                "type": soort,
                "label": label_of(veld),
                "hulptekst": veld.get("hulptekst", ""),
                "verplicht": veld.get("verplicht", True),
                "value": value if value is not None else "",
                "errors": errors.get(naam, []),
                "keuzes": keuzes or [],
                "input_type": INPUT_TYPES.get(soort, "text"),
                "inputmode": "numeric" if soort in ("huisnummer",) else "",
                "autocomplete": veld.get("autocomplete") or AUTOCOMPLETE.get(soort, ""),
                "alleen_lezen": veld.get("alleen_lezen", False),
                "als_veld": cond.get("veld") if cond else "",
                "als_is": str(cond.get("is")).lower() if cond else "",
                "zichtbaar": is_visible(veld, values),
                "bijlage": bijlagen.get(naam),
                "bestandstypen": ",".join(
                    f".{t}" for t in veld.get("bestandstypen") or ["pdf", "jpg", "png"]
                ),
                "is_groep": soort in ("keuze", "meerkeuze"),
            }
        )
    return out


def _stap_context(request, concept, stap, values, errors, partij) -> dict:
    formulier = concept.formulier
    velden = _velden(concept, stap, values, errors, partij)
    foutenlijst = []
    ids = {v["naam"]: v["id"] for v in velden}
    for naam, messages in errors.items():
        for message in messages:
            foutenlijst.append({"href": f"#{ids.get(naam, 'formulier')}", "tekst": message})
    return {
        "formulier": formulier,
        "concept": concept,
        "stap": stap,
        "stapnummer": stap + 1,
        "aantal_stappen": len(formulier.stappen),
        "stap_titel": formulier.stappen[stap]["titel"],
        "stappen": [s["titel"] for s in formulier.stappen],
        "velden": velden,
        "fouten": foutenlijst,
        "formule": formulier.product.dienstverleningsformule,
    }


def _get_concept(request, slug: str, token: str) -> tuple[Concept, Any]:
    concept = selectors.concept_get(token=token)
    if concept is None or concept.formulier.slug != slug:
        raise Http404("Dit formulier bestaat niet (meer).")
    partij = citizen_partij(request)
    return concept, partij


def _stap_url(concept: Concept, stap: int) -> str:
    return reverse(
        "selfservice:stap",
        kwargs={"slug": concept.formulier.slug, "token": concept.token, "stap": stap + 1},
    )


def _controle_url(concept: Concept) -> str:
    return reverse(
        "selfservice:controle", kwargs={"slug": concept.formulier.slug, "token": concept.token}
    )


def _volgende_url(concept: Concept) -> str:
    if concept.stap >= len(concept.formulier.stappen):
        return _controle_url(concept)
    return _stap_url(concept, concept.stap)


def formulier_list(request):
    return _render(request, "selfservice/index.html", {"formulieren": selectors.formulier_list()})


def formulier_start(request, slug: str):
    formulier = selectors.formulier_get(slug=slug)
    if formulier is None:
        raise Http404("Dit formulier bestaat niet.")
    partij = citizen_partij(request)
    try:
        concept = services.concept_start(formulier=formulier, partij=partij)
    except DomainError as exc:
        if exc.code == "login_required":
            return _render(
                request,
                "selfservice/inloggen_nodig.html",
                {"formulier": formulier, "login_url": _login_url(request)},
                status=200,
            )
        raise Http404(exc.message) from exc
    # Search to contact (issue 21): a form started shortly after a portal search.
    zoektocht_mark_form_started(sessie=request.session, product=formulier.product)
    return redirect(_volgende_url(concept))


def _access_denied(request, concept, exc: DomainError):
    return _render(
        request,
        "selfservice/geen_toegang.html",
        {"formulier": concept.formulier, "melding": exc.message, "login_url": _login_url(request)},
        status=403 if exc.code == "forbidden" else 410,
    )


@require_http_methods(["GET", "POST"])
def formulier_stap(request, slug: str, token: str, stap: int):
    concept, partij = _get_concept(request, slug, token)
    try:
        services.concept_check_access(concept=concept, partij=partij)
    except DomainError as exc:
        return _access_denied(request, concept, exc)
    if concept.inzending is not None:
        return redirect("selfservice:inzending", uuid=concept.inzending.uuid)
    index = stap - 1
    if index < 0 or index >= len(concept.formulier.stappen) or index > concept.stap:
        return redirect(_volgende_url(concept))
    if request.method == "GET":
        context = _stap_context(request, concept, index, concept.gegevens, {}, partij)
        return _render(request, "selfservice/stap.html", context)

    actie = request.POST.get("actie", "volgende")
    if actie == "vorige" and index > 0:
        return redirect(_stap_url(concept, index - 1))
    raw: dict[str, Any] = {}
    for veld in concept.formulier.stappen[index].get("velden", []):
        naam = veld["naam"]
        if veld.get("type") == "meerkeuze":
            raw[naam] = request.POST.getlist(naam)
        elif veld.get("type") == "bestand":
            continue
        elif veld.get("alleen_lezen"):
            raw[naam] = concept.gegevens.get(naam, "")
        elif naam in request.POST:
            raw[naam] = request.POST.get(naam, "")
    errors: dict[str, list[str]] = {}
    for veld in concept.formulier.stappen[index].get("velden", []):
        upload = request.FILES.get(veld["naam"]) if veld.get("type") == "bestand" else None
        if upload is not None:
            try:
                services.bijlage_add(
                    concept=concept, veld=veld["naam"], upload=upload, partij=partij
                )
            except DomainError as exc:
                errors[veld["naam"]] = [exc.message]
    if actie == "opslaan":
        services.concept_save(
            concept=concept, stap=index, gegevens=raw, partij=partij, valideren=False
        )
        return redirect("selfservice:opgeslagen", slug=slug, token=token)
    if not errors:
        try:
            services.concept_save(concept=concept, stap=index, gegevens=raw, partij=partij)
        except DomainError as exc:
            errors = exc.as_dict()
    if errors:
        values = {**concept.gegevens, **raw}
        context = _stap_context(request, concept, index, values, errors, partij)
        return _render(request, "selfservice/stap.html", context, status=422)
    concept.refresh_from_db()
    return redirect(
        _stap_url(concept, index + 1)
        if index + 1 < len(concept.formulier.stappen)
        else _controle_url(concept)
    )


def _samenvatting(concept: Concept, partij) -> list[dict]:
    out = []
    for index, stap in enumerate(concept.formulier.stappen):
        regels = []
        bijlagen = {b.veld: b for b in concept.bijlagen.all()}
        for veld in stap.get("velden", []):
            if not is_visible(veld, concept.gegevens):
                continue
            if veld.get("type") == "bestand":
                b = bijlagen.get(veld["naam"])
                regels.append({"label": label_of(veld), "waarde": b.naam if b else "—"})
                continue
            regels.append(
                {
                    "label": label_of(veld),
                    "waarde": _display(
                        veld, concept.gegevens.get(veld["naam"]), services.keuzes_voor(veld, partij)
                    ),
                }
            )
        for controle in stap.get("controles", []):
            if controle in automations.SAMENVATTING:
                label, waarde = automations.SAMENVATTING[controle]
                regels.append({"label": label, "waarde": waarde(concept.gegevens) or "—"})
        out.append({"titel": stap["titel"], "regels": regels, "url": _stap_url(concept, index)})
    return out


def _aanwijzingen(concept: Concept) -> list[str]:
    """Notices for the check page (a move reported late), from the steps' checks."""
    teksten = []
    for stap in concept.formulier.stappen:
        for controle in stap.get("controles", []):
            if controle in automations.AANWIJZINGEN:
                tekst = automations.AANWIJZINGEN[controle](concept.gegevens)
                if tekst:
                    teksten.append(tekst)
    return teksten


def _remember(request, inzending) -> None:
    seen = list(request.session.get(SESSION_INZENDINGEN, []))
    if str(inzending.uuid) not in seen:
        request.session[SESSION_INZENDINGEN] = [*seen[-19:], str(inzending.uuid)]


@require_http_methods(["GET", "POST"])
def formulier_controle(request, slug: str, token: str):
    concept, partij = _get_concept(request, slug, token)
    if request.method == "POST":
        # A retried or double-clicked submit carries the same key: look it up before anything.
        done = selectors.inzending_for_retry(
            idempotency_key=request.POST.get("sleutel", ""), partij=partij
        )
        if done is not None:
            _remember(request, done)
            return redirect("selfservice:inzending", uuid=done.uuid)
    try:
        services.concept_check_access(concept=concept, partij=partij)
    except DomainError as exc:
        return _access_denied(request, concept, exc)
    if concept.inzending is not None:
        return redirect("selfservice:inzending", uuid=concept.inzending.uuid)
    if concept.stap < len(concept.formulier.stappen):
        return redirect(_volgende_url(concept))
    fouten = []
    verklaring_fout = ""
    with automations.registry_cache():
        samenvatting = _samenvatting(concept, partij)
        aanwijzingen = _aanwijzingen(concept)
    if request.method == "POST":
        try:
            inzending, _ = services.inzending_submit(
                formulier=concept.formulier,
                gegevens=concept.gegevens,
                idempotency_key=request.POST.get("sleutel", ""),
                partij=partij,
                concept=concept,
                naar_waarheid=request.POST.get("naar_waarheid") == "on",
            )
        except DomainError as exc:
            errors = exc.as_dict()
            if "naar_waarheid" in errors:
                verklaring_fout = errors["naar_waarheid"][0]
                fouten = [{"href": "#naar-waarheid", "tekst": verklaring_fout}]
                errors = {}
            # Send the citizen back to the step of the first field in error.
            for index, stap in enumerate(concept.formulier.stappen):
                names = {v["naam"] for v in stap.get("velden", [])}
                if names & set(errors):
                    context = _stap_context(
                        request, concept, index, concept.gegevens, errors, partij
                    )
                    return _render(request, "selfservice/stap.html", context, status=422)
            fouten += [{"href": "#versturen", "tekst": m} for ms in errors.values() for m in ms]
        else:
            _remember(request, inzending)
            return redirect("selfservice:inzending", uuid=inzending.uuid)
    return _render(
        request,
        "selfservice/controle.html",
        {
            "formulier": concept.formulier,
            "concept": concept,
            "samenvatting": samenvatting,
            "aanwijzingen": aanwijzingen,
            "verklaring_fout": verklaring_fout,
            "naar_waarheid": request.POST.get("naar_waarheid") == "on",
            "fouten": fouten,
            "formule": concept.formulier.product.dienstverleningsformule,
        },
        status=422 if fouten else 200,
    )


def formulier_opgeslagen(request, slug: str, token: str):
    concept, partij = _get_concept(request, slug, token)
    try:
        services.concept_check_access(concept=concept, partij=partij)
    except DomainError as exc:
        return _access_denied(request, concept, exc)
    link = request.build_absolute_uri(reverse("selfservice:hervatten", kwargs={"token": token}))
    return _render(
        request,
        "selfservice/opgeslagen.html",
        {"formulier": concept.formulier, "concept": concept, "link": link},
    )


def formulier_hervatten(request, token: str):
    concept = selectors.concept_get(token=token)
    if concept is None:
        raise Http404("Dit formulier bestaat niet (meer).")
    try:
        services.concept_check_access(concept=concept, partij=citizen_partij(request))
    except DomainError as exc:
        return _access_denied(request, concept, exc)
    if concept.inzending is not None:
        return redirect("selfservice:inzending", uuid=concept.inzending.uuid)
    return HttpResponseRedirect(_volgende_url(concept))


def inzending_detail(request, uuid):
    inzending = selectors.inzending_get_for_visitor(
        uuid=uuid,
        partij=citizen_partij(request),
        session_uuids=request.session.get(SESSION_INZENDINGEN, []),
    )
    if inzending is None:
        raise Http404("Deze inzending bestaat niet of is niet van u.")
    aanbod = [
        {
            "product": product,
            "url": (
                reverse("selfservice:formulier", kwargs={"slug": formulier.slug})
                if formulier
                else _url_or_none("portal:product", slug=getattr(product, "slug", "") or "x")
            ),
        }
        for product, formulier in selectors.inzending_vervolgaanbod(inzending)
    ]
    return _render(
        request,
        "selfservice/inzending.html",
        {
            "inzending": inzending,
            "aanbod": aanbod,
            "formule": inzending.formulier.product.dienstverleningsformule,
            "verhuisdatum": parse_date(inzending.resultaat.get("verhuisdatum")),
            "klaar_titel": _klaar_titel(inzending),
        },
    )


def _klaar_titel(inzending) -> str:
    automatisering = automations.AUTOMATISERINGEN.get(inzending.formulier.automatisering)
    if automatisering is None or not inzending.resultaat:
        return f"{inzending.formulier.titel}: klaar"
    return automatisering[2](inzending)[0]
