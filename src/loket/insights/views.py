"""Insight pages for teamleiders and beheerders: dashboard, contact reasons, journeys, staffing,
exports and the monthly report. Aggregated figures only. Thin: parse, call, render."""

from __future__ import annotations

import datetime as dt
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from loket.accounts.models import Team
from loket.accounts.permissions import VIEW_INSIGHTS
from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.core.models import KanaalSoort
from loket.insights import erlang
from loket.insights.benchmark import benchmark_import
from loket.insights.exports import csv_response, xlsx_response
from loket.insights.forms import BenchmarkImportForm
from loket.insights.models import ContactDagTotaal, Tevredenheidsmeting, ZaakDagTotaal
from loket.insights.selectors import (
    Filters,
    Tabel,
    contactredenen_get,
    dashboard_get,
    filters_from_params,
    klantreis_producten,
    klantreizen_get,
    maandrapport_get,
    norm_map,
    planning_get,
)
from loket.insights.selectors.benchmark import (
    benchmark_csv_rows,
    benchmark_export_get,
    benchmark_vergelijking_get,
)
from loket.insights.selectors.kanaalsturing import kanaalsturing_get
from loket.insights.services import tevredenheid_submit


def _product_ids() -> list[int]:

    return sorted(
        set(
            ContactDagTotaal.objects.filter(product__isnull=False)
            .values_list("product", flat=True)
            .distinct()
        )
        | set(
            ZaakDagTotaal.objects.filter(product__isnull=False)
            .values_list("product", flat=True)
            .distinct()
        )
    )


def _filter_context(request, filters: Filters | None, errors: dict | None = None) -> dict:

    # Products with figures (a scan of the summaries): cached for ten minutes.
    product_ids = cache.get_or_set("insights:product-ids", _product_ids, 600)
    return {
        "filters": filters,
        "errors": errors or {},
        "waarden": request.GET,
        "kanaalsoorten": KanaalSoort.choices,
        "teams": Team.objects.order_by("name"),
        "producten": sorted(
            Product.objects.filter(pk__in=product_ids), key=lambda p: p.naam.lower()
        ),
        "query": urlencode(filters.as_params()) if filters else "",
    }


def _parse(request):
    """(filters, None) or (None, errors) for the GET parameters."""
    try:
        return filters_from_params(request.GET), None
    except DomainError as exc:
        return None, exc.as_dict()


def insight_page(template: str, pagina: str):
    """An insight page over the filters: staff with VIEW_INSIGHTS, the filters parsed from the
    query string (a bad one renders the page with its Dutch errors, status 400) and the filter
    context. The view gets (request, filters) and returns what its page adds to the context."""

    def decorate(view):
        @login_required
        @permission_required(VIEW_INSIGHTS, raise_exception=True)
        @wraps(view)
        def page(request):
            filters, errors = _parse(request)
            context = _filter_context(request, filters, errors)
            context["pagina"] = pagina
            if errors:
                return render(request, template, context, status=400)
            context.update(view(request, filters))
            return render(request, template, context)

        return page

    return decorate


@insight_page("insights/dashboard.html", "dashboard")
def home(request, filters: Filters) -> dict:
    dashboard = dashboard_get(filters=filters)
    return {"dashboard": dashboard, "grafieken": dashboard.grafieken_json()}


@insight_page("insights/contactredenen.html", "contactredenen")
def contactredenen(request, filters: Filters) -> dict:
    return {"tabellen": contactredenen_get(filters=filters)}


@insight_page("insights/kanaalsturing.html", "kanaalsturing")
def kanaalsturing(request, filters: Filters) -> dict:
    sturing = kanaalsturing_get(filters=filters)
    return {
        "sturing": sturing,
        "tabellen": sturing.tabellen,
        "grafieken": [g.as_json() for g in sturing.grafieken],
    }


def _journey_product(request):

    value = (request.GET.get("product") or "").strip()
    if not value:
        return None
    return Product.objects.filter(pk=int(value)).first() if value.isdigit() else None


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def klantreizen(request):
    filters, errors = _parse(request)
    context = _filter_context(request, filters, errors)
    context["reisproducten"] = klantreis_producten()
    context["pagina"] = "klantreizen"
    if errors:
        return render(request, "insights/klantreizen.html", context, status=400)
    product = filters.product
    if product is None and context["reisproducten"]:
        product = context["reisproducten"][0]
    if product is not None:
        reis = klantreizen_get(filters=filters, product=product)
        context.update(
            reis=reis,
            grafieken=[reis.grafiek.as_json()] if reis.grafiek else [],
            tabellen=reis.tabellen,
            reisproduct=product,
        )
    return render(request, "insights/klantreizen.html", context)


def _float(value, field, label, errors, *, minimum=0.0, maximum=None, default=None):
    if value in (None, ""):
        return default
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        errors[field] = [f"{label} moet een getal zijn."]
        return default
    if number < minimum or (maximum is not None and number > maximum):
        errors[field] = [
            f"{label} moet tussen {minimum:g} en {maximum:g} liggen."
            if maximum is not None
            else f"{label} moet ten minste {minimum:g} zijn."
        ]
        return default
    return number


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def personeelsplanning(request):
    normen = norm_map()
    errors: dict = {}
    g = request.GET
    sl_norm = normen.get("serviceniveau")
    uitval = normen.get("uitval")
    invoer = {
        "gesprekken": _float(
            g.get("gesprekken"),
            "gesprekken",
            "Het aantal gesprekken",
            errors,
            maximum=100000,
            default=100,
        ),
        "aht": _float(
            g.get("aht"), "aht", "De gespreksduur", errors, minimum=1, maximum=36000, default=180
        ),
        "doel_seconden": _float(
            g.get("doel_seconden"),
            "doel_seconden",
            "De wachttijdnorm",
            errors,
            maximum=3600,
            default=float(sl_norm.parameter or 30) if sl_norm else 30,
        ),
        "doel_procent": _float(
            g.get("doel_procent"),
            "doel_procent",
            "Het servicelevel",
            errors,
            minimum=1,
            maximum=99.9,
            default=float(sl_norm.streefwaarde) if sl_norm else 80,
        ),
        "uitval": _float(
            g.get("uitval"),
            "uitval",
            "De uitval",
            errors,
            maximum=95,
            default=float(uitval.streefwaarde) if uitval else 30,
        ),
        "interval": _float(
            g.get("interval"),
            "interval",
            "De intervallengte",
            errors,
            minimum=5,
            maximum=240,
            default=30,
        ),
    }
    context = {"invoer": invoer, "errors": errors, "pagina": "planning"}
    if not errors:
        a = erlang.traffic(
            calls=invoer["gesprekken"],
            aht_seconds=invoer["aht"],
            interval_seconds=invoer["interval"] * 60,
        )
        advies = erlang.staffing(
            calls=invoer["gesprekken"],
            aht_seconds=invoer["aht"],
            target_seconds=invoer["doel_seconden"],
            service_level_target=invoer["doel_procent"] / 100,
            shrinkage=invoer["uitval"] / 100,
            interval_seconds=invoer["interval"] * 60,
        )
        rijen = []
        for n in range(max(1, advies.agents - 3), advies.agents + 4):
            if n <= a:
                continue
            rijen.append(
                [
                    n,
                    round(erlang.p_wait(agents=n, traffic_erlangs=a), 4),
                    round(
                        erlang.service_level(
                            agents=n,
                            traffic_erlangs=a,
                            aht_seconds=invoer["aht"],
                            target_seconds=invoer["doel_seconden"],
                        ),
                        4,
                    ),
                    round(erlang.asa(agents=n, traffic_erlangs=a, aht_seconds=invoer["aht"]), 2),
                    round(erlang.occupancy(agents=n, traffic_erlangs=a), 3),
                    erlang.rostered(agents=n, shrinkage=invoer["uitval"] / 100),
                ]
            )
        context.update(advies=advies, verkeer=round(a, 2), erlang_rijen=rijen)
    planning = planning_get()
    context.update(
        planning=planning,
        tabellen=planning.tabellen,
        grafieken=[planning.grafiek.as_json()] if planning.grafiek else [],
    )
    status = 400 if errors else 200
    return render(request, "insights/planning.html", context, status=status)


def _tables_for(pagina: str, request):
    filters = filters_from_params(request.GET)
    if pagina == "dashboard":
        return [t for s in dashboard_get(filters=filters).secties for t in s.tabellen], filters
    if pagina == "contactredenen":
        return contactredenen_get(filters=filters), filters
    if pagina == "klantreizen":
        product = filters.product or (klantreis_producten() or [None])[0]
        return (
            klantreizen_get(filters=filters, product=product).tabellen if product else []
        ), filters
    if pagina == "planning":
        return planning_get().tabellen, filters
    if pagina == "kanaalsturing":
        return kanaalsturing_get(filters=filters).tabellen, filters
    if pagina == "tevredenheid":
        from loket.insights.selectors.tevredenheid import tevredenheid_get

        return tevredenheid_get(filters=filters, normen=norm_map()).tabellen, filters
    raise Http404("Onbekende pagina.")


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def export(request, pagina: str, tabel: str, formaat: str):
    try:
        tabellen, filters = _tables_for(pagina, request)
    except DomainError as exc:
        return HttpResponseBadRequest(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.as_dict().items()),
            content_type="text/plain; charset=utf-8",
        )
    found = next((t for t in tabellen if t.key == tabel), None)
    if found is None:
        raise Http404("Onbekende tabel.")
    naam = f"{pagina}-{tabel}-{filters.van:%Y%m%d}-{filters.tot:%Y%m%d}"
    if formaat == "csv":
        return csv_response(found, naam=naam)
    return xlsx_response(found, naam=naam, toelichting=filters.omschrijving)


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def maandrapport(request):
    today = timezone.localdate()
    value = (request.GET.get("maand") or "").strip()
    errors = {}
    if value:
        try:
            maand = dt.date.fromisoformat(value + "-01")
        except ValueError:
            errors["maand"] = [f"De maand '{value}' is ongeldig; gebruik de vorm 2026-10."]
            maand = None
    else:
        maand = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    filters, filter_errors = (
        _parse(request)
        if any(request.GET.get(k) for k in ("kanaal", "team", "product"))
        else (None, None)
    )
    errors.update(filter_errors or {})
    if errors:
        return render(request, "insights/maandrapport.html", {"errors": errors}, status=400)
    dashboard = maandrapport_get(maand=maand, filters=filters)
    return render(
        request,
        "insights/maandrapport.html",
        {
            "dashboard": dashboard,
            "maand": maand,
            "grafieken": dashboard.grafieken_json(),
            "errors": {},
            "vorige": (maand - dt.timedelta(days=1)).replace(day=1),
            "volgende": (maand + dt.timedelta(days=32)).replace(day=1),
            "gemaakt_op": timezone.localtime(),
        },
    )


def _benchmark_period(request):
    """(van, tot) of whole months: the last twelve full months unless the GET names others."""
    filters, errors = _parse(request)
    if errors:
        return None, errors
    if not request.GET.get("van") and not request.GET.get("tot"):
        tot = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
        van = (tot.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        return Filters(van=van, tot=tot, per="maand"), None
    return filters, None


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def benchmark(request):
    filters, errors = _benchmark_period(request)
    form = BenchmarkImportForm()
    status = 200
    ingelezen = None
    if request.method == "POST":
        form = BenchmarkImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["bestand"]
            try:
                ingelezen = benchmark_import(
                    data=upload.read(), bron=upload.name, user=request.user
                )
                form = BenchmarkImportForm()
            except DomainError as exc:
                for field, messages in exc.as_dict().items():
                    for message in messages:
                        form.add_error("bestand" if field not in form.fields else field, message)
        if not form.is_valid() and form.is_bound:
            status = 400
    context = {
        "pagina": "benchmark",
        "filters": filters,
        "errors": errors or {},
        "form": form,
        "ingelezen": ingelezen,
        "query": urlencode({"van": filters.van, "tot": filters.tot}) if filters else "",
    }
    if errors:
        return render(request, "insights/benchmark.html", context, status=400)
    vergelijking = benchmark_vergelijking_get(van=filters.van, tot=filters.tot)
    context.update(
        vergelijking=vergelijking,
        tabellen=vergelijking.tabellen,
        grafieken=[g.as_json() for g in vergelijking.grafieken],
    )
    return render(request, "insights/benchmark.html", context, status=status)


@login_required
@permission_required(VIEW_INSIGHTS, raise_exception=True)
def benchmark_export(request, formaat: str):
    filters, errors = _benchmark_period(request)
    if errors:
        return HttpResponseBadRequest(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()),
            content_type="text/plain; charset=utf-8",
        )
    export = benchmark_export_get(van=filters.van, tot=filters.tot)
    naam = f"benchmark-{export['gemeente']['naam']}-{filters.van:%Y%m}-{filters.tot:%Y%m}"
    if formaat == "json":
        response = JsonResponse(export, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'attachment; filename="{naam.lower()}.json"'
        return response
    rows = benchmark_csv_rows(export)
    return csv_response(Tabel("benchmark", naam, rows[0], rows[1:]), naam=naam)


# --- the public satisfaction survey ------------------------------------------------------------
def tevredenheid(request, token: str):

    meting = Tevredenheidsmeting.objects.filter(token=token).first()
    if meting is None:
        raise Http404("Deze vragenlijst bestaat niet (meer).")
    context = {
        "meting": meting,
        "errors": {},
        "waarden": {},
        "klaar": meting.beantwoord_op is not None,
        # NPS only after a zaak: after a single contact the survey stays at two or three questions.
        "nps_vragen": meting.zaak_id is not None,
        "nps_schaal": [str(i) for i in range(11)],
        "ces_schaal": [str(i) for i in range(1, 8)],
    }
    if request.method == "POST" and not context["klaar"]:
        try:
            tevredenheid_submit(
                token=token,
                score=request.POST.get("score"),
                moeite=request.POST.get("moeite"),
                aanbeveling=request.POST.get("aanbeveling") if context["nps_vragen"] else None,
                opmerking=request.POST.get("opmerking", ""),
            )
            context["klaar"] = True
        except DomainError as exc:
            if exc.code == "done":
                context["klaar"] = True
            else:
                context.update(errors=exc.as_dict(), waarden=request.POST)
                return render(request, "insights/tevredenheid.html", context, status=400)
    return render(request, "insights/tevredenheid.html", context)
