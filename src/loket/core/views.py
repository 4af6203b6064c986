from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from loket.core.audit import audit_entry_list


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
    entries = audit_entry_list(
        object_type=request.GET.get("soort") or None,
        object_id=request.GET.get("kenmerk") or None,
    )
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    template = "core/audit_log.html#rows" if request.htmx else "core/audit_log.html"
    return render(request, template, {"page": page})
