"""Hostile input stopped at the door, once for every page and API: characters no database can
store (NUL and other control characters) in the address or a query parameter, page numbers
beyond any page, and bodies over the size limit. Each gets a 400 (or 413) that names the field in
Dutch: JSON for the API and Open311, the error page for everything else."""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url

# C0 control characters except tab, newline and carriage return; PostgreSQL refuses NUL outright.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PAGE_PARAMETERS = ("pagina", "page")
MAX_PAGE = 100_000
JSON_PREFIXES = ("/api/", "/open311/")


def wants_json(request) -> bool:
    return request.path.startswith(JSON_PREFIXES)


def refuse(request, *, field: str, message: str, status: int = 400):
    """The Dutch refusal of a request, naming the field: JSON for machines, a page for people."""
    if wants_json(request):
        return JsonResponse({field: [message]}, status=status)
    return render(
        request, "400.html", {"veld": field, "melding": message, "status": status}, status=status
    )


def _check_parameters(request):
    if CONTROL.search(request.path):
        return refuse(
            request, field="adres", message="Het adres bevat een teken dat niet is toegestaan."
        )
    for name, values in request.GET.lists():
        if CONTROL.search(name):
            return refuse(
                request,
                field="parameter",
                message="Een parameter in het adres bevat een teken dat niet is toegestaan.",
            )
        for value in values:
            if CONTROL.search(value):
                return refuse(
                    request,
                    field=name,
                    message=f"De parameter '{name}' bevat een teken dat niet is toegestaan.",
                )
        if name in PAGE_PARAMETERS:
            value = values[-1].strip()
            if value not in ("", "last") and (
                not (value.isascii() and value.isdigit())
                or len(value) > 6
                or not 1 <= int(value) <= MAX_PAGE
            ):
                return refuse(
                    request,
                    field=name,
                    message=f"Het paginanummer '{name}' moet een getal van 1 tot en met "
                    f"{MAX_PAGE} zijn.",
                )
    return None


def _check_size(request):
    """A body that is not a file upload may be at most DATA_UPLOAD_MAX_MEMORY_SIZE (file uploads
    are limited per file by the upload checks)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or request.content_type == "multipart/form-data":
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return refuse(
            request, field="Content-Length", message="De lengte van het verzoek klopt niet."
        )
    if length > limit:
        return refuse(
            request,
            field="body",
            message=f"Het verzoek is te groot: hoogstens {limit // 1024} kB.",
            status=413,
        )
    return None


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = _check_parameters(request) or _check_size(request)
        if refused is not None:
            return refused
        return self.get_response(request)


IDLE_SESSION_KEY = "loket_medewerker_actief"


class StaffIdleTimeoutMiddleware:
    """Log out a medewerker whose last request is longer ago than
    LOKET_MEDEWERKER_INACTIEF_MINUTEN, and send him to the login page with a Dutch message (an
    htmx request gets HX-Redirect). The page warns two minutes before (loket.js); a request made
    with an API token is not a session and is not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            limit = settings.LOKET_MEDEWERKER_INACTIEF_MINUTEN * 60
            now = int(time.time())
            last = request.session.get(IDLE_SESSION_KEY)
            if last is not None and now - int(last) > limit:
                logout(request)
                messages.info(
                    request,
                    f"U bent uitgelogd omdat u {settings.LOKET_MEDEWERKER_INACTIEF_MINUTEN} "
                    "minuten niets in Loket heeft gedaan. Log opnieuw in.",
                )
                # Before HtmxMiddleware in MIDDLEWARE: request.htmx is not set yet.
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
                    return response
                if wants_json(request):
                    return JsonResponse(
                        {"detail": "Uw sessie is verlopen; log opnieuw in."}, status=401
                    )
                return redirect_to_login(request.get_full_path())
            # A page's own background poll (X-Loket-Achtergrond: the telephone pop, the chat
            # badge and long polls) is not activity: it would keep an abandoned session alive.
            achtergrond = request.headers.get("X-Loket-Achtergrond") == "1"
            if not achtergrond and (last is None or now - int(last) >= 30):
                request.session[IDLE_SESSION_KEY] = now
            request.loket_inactief_seconden = limit
        return self.get_response(request)


class AuditScopeMiddleware:
    """One request is one audit scope: a page that reads the same person through several
    selectors (the klantbeeld: person, contacts, zaken) writes one audit entry for it. It is
    also one trace of the processing log (core.tracing): an incoming W3C `traceparent` is
    continued, else a new trace starts, and the response names it in `traceparent`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from loket.core.audit import audit_request_scope
        from loket.core.tracing import trace_scope

        with trace_scope(request.headers.get("traceparent", "")) as trace:
            with audit_request_scope():
                response = self.get_response(request)
            response["traceparent"] = trace.traceparent
            return response
