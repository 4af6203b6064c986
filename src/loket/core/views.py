from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from loket.core.audit import audit_entry_list, audit_subjects
from loket.core.htmx import is_htmx_fragment_request, vary_on_htmx
from loket.core.middleware import refuse


def start(request):
    """The public front door; the citizen portal grows here."""
    return render(request, "core/start.html")


def health(request):
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
def beheer_home(request):
    return render(request, "core/beheer_home.html")


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
def audit_log(request):
    filters = {
        "kenmerk": request.GET.get("kenmerk", "").strip(),
        "soort": request.GET.get("soort", "").strip(),
    }
    # A BSN, KVK-nummer or a partij's UUID finds every read of that person (lists included);
    # any other kenmerk is matched exactly (a zaak's number, a record's key).
    kenmerk = filters["kenmerk"]
    is_person = bool(kenmerk) and bool(audit_subjects(kenmerk))
    entries = audit_entry_list(
        object_type=filters["soort"] or None,
        object_id=(kenmerk or None) if not is_person else None,
        persoon=kenmerk if is_person else None,
    )
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    active = {key: value for key, value in filters.items() if value}
    context = {
        "page": page,
        "filters": filters,
        "query_prefix": f"{urlencode(active)}&" if active else "",
    }
    context["fragment"] = is_htmx_fragment_request(request)
    template = "core/audit_log.html#rows" if context["fragment"] else "core/audit_log.html"
    response = render(request, template, context)
    vary_on_htmx(response)
    return response


def bad_request(request, exception=None):
    """Django's own 400 (a suspicious request, too many fields, a body over the limit) in Dutch;
    JSON for the API and Open311."""

    if isinstance(exception, RequestDataTooBig):
        return refuse(request, field="body", message="Het verzoek is te groot.", status=413)
    return refuse(
        request,
        field="verzoek",
        message="Dit verzoek kon niet worden verwerkt. Controleer de invoer en probeer het opnieuw.",
    )
