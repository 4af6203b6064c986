import csv
import io
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from loket.core.audit import audit_entry_list, audit_export_record, audit_subjects
from loket.core.forms import AuditFilterForm
from loket.core.htmx import is_htmx_fragment_request, vary_on_htmx
from loket.core.middleware import refuse
from loket.core.models import AuditEntry
from loket.core.verwerkingslog import verwerkingslog_lines


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


def _audit_selection(request) -> tuple[AuditFilterForm, dict]:
    """The filter form and the arguments of audit_entry_list it asks for (none when invalid)."""
    form = AuditFilterForm(request.GET or None)
    if not form.is_valid():
        return form, {}  # unbound: everything; invalid: the caller shows the errors
    data = form.cleaned_data
    # A BSN, KVK-nummer, name, KC- or ZAAK-number or a partij's UUID finds every read of that
    # person (lists included); any other kenmerk is matched exactly (a record's key).
    kenmerk = data["kenmerk"].strip()
    subjects = audit_subjects(kenmerk) if kenmerk else []
    is_person = bool(subjects)
    return form, {
        "subjects": subjects if is_person else None,
        "object_type": data["soort"] or None,
        "object_id": (kenmerk or None) if not is_person else None,
        "persoon": kenmerk if is_person else None,
        "user_id": data["medewerker"].pk if data["medewerker"] else None,
        "van": data["van"],
        "tot": data["tot"],
    }


def _active_filters(form: AuditFilterForm) -> dict[str, str]:
    if not form.is_bound:
        return {}
    return {name: value for name in form.fields if (value := str(form.data.get(name, "")).strip())}


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
def audit_log(request):
    form, selection = _audit_selection(request)
    entries = audit_entry_list(**selection) if not form.errors else AuditEntry.objects.none()
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    active = _active_filters(form)
    context = {
        "form": form,
        "page": page,
        "filters": {"kenmerk": active.get("kenmerk", ""), "soort": active.get("soort", "")},
        "active": active,
        "query_prefix": f"{urlencode(active)}&" if active else "",
        "export_query": urlencode(active),
    }
    context["fragment"] = is_htmx_fragment_request(request)
    template = "core/audit_log.html#rows" if context["fragment"] else "core/audit_log.html"
    response = render(request, template, context, status=400 if form.errors else 200)
    vary_on_htmx(response)
    return response


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
def audit_log_export(request):
    """The selection as CSV (UTF-8 with BOM, semicolons: opens in Excel as Dutch users expect).
    The export itself is recorded in the audit log."""
    form, selection = _audit_selection(request)
    if form.errors:
        return audit_log(request)
    entries = audit_entry_list(**selection)
    rows = entries.count()
    audit_export_record(user=request.user, filters=_active_filters(form), rows=rows)

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        buffer.write("\ufeff")
        writer.writerow(
            [
                "tijdstip",
                "medewerker",
                "gebruikersnaam",
                "handeling",
                "gegeven",
                "soort",
                "kenmerk",
                "wat",
                "doel",
            ]
        )
        for entry in entries.iterator(chunk_size=2000):
            writer.writerow(
                [
                    timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.medewerker_naam,
                    entry.actor_label,
                    entry.get_action_display(),
                    entry.object_label,
                    entry.object_type,
                    entry.object_id,
                    entry.gegevens,
                    entry.purpose,
                ]
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.csv"'
    return response


@login_required
@permission_required("accounts.view_audit_log", raise_exception=True)
def verwerkingslog_export(request):
    """The selection (a period, one person) as JSON lines in the shape of Logius' Logboek
    Dataverwerkingen (docs/verwerkingslog.md). The export itself is recorded in the audit log."""
    form, selection = _audit_selection(request)
    if form.errors:
        return audit_log(request)
    entries = audit_entry_list(**selection)
    rows = entries.count()
    audit_export_record(
        user=request.user, filters=_active_filters(form), rows=rows, formaat="verwerkingslog"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        verwerkingslog_lines(entries.iterator(chunk_size=2000)),
        content_type="application/x-ndjson; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="verwerkingslog-{stamp}.jsonl"'
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
