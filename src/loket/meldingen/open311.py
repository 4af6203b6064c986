"""Open311 GeoReport v2 (JSON) for meldingen openbare ruimte, so existing 311 apps can submit
to Loket. Services are the BOR MELD subcategorieën; a request is a Melding. POST needs an
`api_key`: an API token with the scope meldingen:schrijven. Reading a request's description
(which may contain personal details) needs meldingen:lezen; the rest is public as in the
standard. Errors are `[{"code": …, "description": …}]`."""

from __future__ import annotations

import datetime as dt

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from loket.api.models import ApiToken, hash_key
from loket.core.errors import DomainError
from loket.meldingen.models import MELDING_OPEN, MeldCategorie, Melding, MeldingStatus
from loket.meldingen.openbaar import openbaar_maken
from loket.meldingen.services import melding_create

AGENCY = "Gemeente"
MAX_PERIOD = dt.timedelta(days=90)
LIST_LIMIT = 1000
FIELD_NAMES = {"tekst": "description", "locatie": "lat", "adres": "address_string"}


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _token(request, scope: str) -> ApiToken | None:
    key = request.POST.get("api_key") or request.GET.get("api_key") or ""
    if not key:
        return None
    token = ApiToken.objects.filter(key_hash=hash_key(key), is_active=True).first()
    if token is None or not token.has_scope(scope):
        return None
    return token


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    # A date: the end of the working day, local time.
    return timezone.make_aware(dt.datetime.combine(value, dt.time(17, 0))).isoformat()


def _service(categorie: MeldCategorie) -> dict:
    keywords = [w.strip() for w in categorie.trefwoorden.splitlines() if w.strip()][:10]
    return {
        "service_code": categorie.code,
        "service_name": categorie.subcategorie,
        "description": "; ".join(i for i in categorie.items.splitlines() if i)[:500],
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(keywords),
        "group": categorie.hoofdcategorie,
    }


@require_GET
def services(request):
    rows = MeldCategorie.objects.filter(is_actief=True).order_by("hoofdcategorie", "subcategorie")
    return JsonResponse([_service(c) for c in rows], safe=False)


@require_GET
def service_definition(request, code: str):
    categorie = MeldCategorie.objects.filter(code=code, is_actief=True).first()
    if categorie is None:
        return _error(404, f"Onbekende service_code '{code}'.")
    return JsonResponse({"service_code": categorie.code, "attributes": []})


def _request_json(melding: Melding, *, with_description: bool) -> dict:
    categorie = melding.categorie or melding.voorgestelde_categorie
    data = {
        "service_request_id": melding.referentie,
        "status": "open" if melding.status in MELDING_OPEN else "closed",
        # Never the note for the reporter (afhandeling): only the public one, scrubbed again
        # in case it was stored before scrubbing existed.
        "status_notes": openbaar_maken(melding.openbare_toelichting, locatie=melding.adres)
        or MeldingStatus(melding.status).label,
        "service_name": categorie.subcategorie if categorie else None,
        "service_code": categorie.code if categorie else None,
        "agency_responsible": melding.team.name if melding.team is not None else AGENCY,
        "service_notice": "",
        "requested_datetime": _iso(melding.created_at),
        "updated_datetime": _iso(melding.updated_at),
        "expected_datetime": _iso(melding.streefdatum),
        "address": melding.adres,
        "address_id": None,
        "zipcode": None,
        "lat": melding.lat,
        "long": melding.lon,
        "media_url": melding.media_url or None,
    }
    if with_description:
        data["description"] = openbaar_maken(melding.tekst, locatie=melding.adres)
    return data


def _parse_moment(value: str, name: str):
    moment = parse_datetime(value)
    if moment is None:
        raise DomainError(f"{name} is geen ISO 8601-tijdstip.", field=name)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _list_requests(request) -> JsonResponse:
    qs = Melding.objects.select_related("categorie", "voorgestelde_categorie", "team")
    ids = request.GET.get("service_request_id", "").strip()
    try:
        if ids:
            qs = qs.filter(referentie__in=[i.strip() for i in ids.split(",") if i.strip()][:100])
        else:
            end = (
                _parse_moment(request.GET["end_date"], "end_date")
                if request.GET.get("end_date")
                else timezone.now()
            )
            start = (
                _parse_moment(request.GET["start_date"], "start_date")
                if request.GET.get("start_date")
                else end - MAX_PERIOD
            )
            if end < start:
                raise DomainError("end_date ligt vóór start_date.", field="end_date")
            if end - start > MAX_PERIOD:
                raise DomainError("De periode is hoogstens 90 dagen.", field="start_date")
            qs = qs.filter(created_at__gte=start, created_at__lte=end)
            codes = [c for c in request.GET.get("service_code", "").split(",") if c.strip()]
            if codes:
                qs = qs.filter(categorie__code__in=codes)
            status = request.GET.get("status", "").strip()
            if status == "open":
                qs = qs.filter(status__in=MELDING_OPEN)
            elif status == "closed":
                qs = qs.exclude(status__in=MELDING_OPEN)
            elif status:
                raise DomainError("status is 'open' of 'closed'.", field="status")
    except DomainError as exc:
        return _error(400, exc.message)
    with_description = _token(request, "meldingen:lezen") is not None
    rows = qs.order_by("-created_at", "-pk")[:LIST_LIMIT]
    return JsonResponse(
        [_request_json(m, with_description=with_description) for m in rows], safe=False
    )


def _create_request(request) -> JsonResponse:
    token = _token(request, "meldingen:schrijven")
    if token is None:
        return _error(403, "Een geldige api_key met de scope meldingen:schrijven is nodig.")
    data = request.POST
    code = data.get("service_code", "").strip()
    categorie = None
    if code:
        categorie = MeldCategorie.objects.filter(code=code, is_actief=True).first()
        if categorie is None:
            return _error(400, f"Onbekende service_code '{code}'.")
    lat, lon = data.get("lat"), data.get("long")
    naam = " ".join(p for p in (data.get("first_name", ""), data.get("last_name", "")) if p)
    try:
        melding = melding_create(
            tekst=data.get("description", ""),
            adres=data.get("address_string", ""),
            lat=lat if lat not in (None, "") else None,
            lon=lon if lon not in (None, "") else None,
            email=data.get("email", ""),
            naam=naam,
            telefoon=data.get("phone", ""),
            kanaal="open311",
            categorie=categorie,
            media_url=data.get("media_url", ""),
            idempotency_key=data.get("idempotency_key") or None,
            idempotency_client=f"token:{token.pk}",
        )
    except DomainError as exc:
        field = FIELD_NAMES.get(exc.field or "", exc.field)
        return _error(400, f"{field}: {exc.message}" if field else exc.message)
    notice = (
        f"Verwacht afgehandeld op {melding.streefdatum:%d-%m-%Y}." if melding.streefdatum else ""
    )
    return JsonResponse(
        [
            {
                "service_request_id": melding.referentie,
                "service_notice": notice,
                "account_id": None,
            }
        ],
        status=201,
        safe=False,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_view(request):
    if request.method == "POST":
        return _create_request(request)
    return _list_requests(request)


@require_GET
def request_detail(request, service_request_id: str):
    melding = (
        Melding.objects.select_related("categorie", "voorgestelde_categorie", "team")
        .filter(referentie=service_request_id)
        .first()
    )
    if melding is None:
        return _error(404, f"Onbekend service_request_id '{service_request_id}'.")
    with_description = _token(request, "meldingen:lezen") is not None
    return JsonResponse([_request_json(melding, with_description=with_description)], safe=False)
