"""The audit log in the shape of Logius' Logboek Dataverwerkingen (working draft; the field
names of its "Component: Logboek" and "Component: Applicatie", docs/verwerkingslog.md): one
JSON object per audit entry, one per line, for a privacy officer's export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from loket.core.models import AuditEntry, AuditStatus, Verwerkingsactiviteit

# `dpl.core.processing_activity_id` is a URI that refers to the register.
ACTIVITY_URN = "urn:loket:verwerkingsactiviteit:"
STATUS_CODES = {
    AuditStatus.UNSET: "STATUS_CODE_UNSET",
    AuditStatus.OK: "STATUS_CODE_OK",
    AuditStatus.ERROR: "STATUS_CODE_ERROR",
}


@cache
def _loket_version() -> str:
    try:
        return version("loket")
    except PackageNotFoundError:  # pragma: no cover - a source checkout without install
        return ""


def _timestamp(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with milliseconds (the standard's "timestamp (ms)")."""
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def verwerkingslog_record(entry: AuditEntry, *, activity_names: dict[str, str]) -> dict[str, Any]:
    """One entry as a log record of the standard. An entry is one action at one moment, so
    `start_time` and `end_time` are the same; entries written before issue 18 have no trace,
    activity or data subject, and their fields are empty. What the standard has no field for
    (the purpose, the actor, the record) is under `loket`, outside the standard's names."""
    attributes: dict[str, str] = {}
    if entry.activity_id:
        attributes["dpl.core.processing_activity_id"] = f"{ACTIVITY_URN}{entry.activity_id}"
    if entry.data_subject_id:
        attributes["dpl.core.data_subject_id"] = entry.data_subject_id
        attributes["dpl.core.data_subject_id_type"] = entry.data_subject_type
    record: dict[str, Any] = {
        "trace_id": entry.trace_id,
        "span_id": entry.span_id,
        "name": f"{entry.action} {entry.object_type}",
        "start_time": _timestamp(entry.occurred_at),
        "end_time": _timestamp(entry.occurred_at),
        "status_code": STATUS_CODES.get(AuditStatus(entry.status), "STATUS_CODE_UNSET"),
        "resource": {"attributes": {"service.name": "Loket", "service.version": _loket_version()}},
        "attributes": attributes,
        "loket": {
            "auditregel": entry.pk,
            "verwerkingsactiviteit": activity_names.get(entry.activity_id or "", ""),
            "doel": entry.purpose,
            "handeling": entry.action,
            "actor": entry.actor_label,
            "soort_gegeven": entry.object_type,
            "kenmerk": entry.object_id,
        },
    }
    if entry.parent_span_id:
        record["parent_span_id"] = entry.parent_span_id
    return record


def verwerkingslog_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """JSON lines (UTF-8, one record per line) of these entries; the register's names are read
    once."""
    names = dict(Verwerkingsactiviteit.objects.values_list("code", "naam"))
    for entry in entries:
        record = verwerkingslog_record(entry, activity_names=names)
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
