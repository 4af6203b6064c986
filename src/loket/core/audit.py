"""Writing and reading the audit log. Selectors that return personal data call `audit_record`
(one record) or `audit_persons_read` (a page of a list: one entry per person shown), so a privacy
officer who searches one person finds every read of that person, lists included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry


def _actor(user) -> tuple[Any, str]:
    if user is None:
        return None, "systeem"
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        return user, user.get_username()
    return None, str(user)


# One request, one row per read (issue 16): a page that reads a person through three selectors
# (the klantbeeld: the person, their contacts, their zaken) writes one entry, whose detail lists
# what was read. The scope is set per request by core.middleware.AuditScopeMiddleware. What a
# repeated read adds to the entry's detail is kept in memory and written once when the scope
# ends (the klantbeeld read seven sources: six SELECTs and six UPDATEs per page before).
@dataclass
class _ScopedRead:
    entry: AuditEntry
    dirty: bool = False


_request_reads: ContextVar[dict[tuple, _ScopedRead] | None] = ContextVar(
    "audit_request_reads", default=None
)


@contextmanager
def audit_request_scope() -> Iterator[None]:
    """Within this block, repeated reads of the same record by the same actor for the same
    purpose are written once."""
    token = _request_reads.set({})
    try:
        yield
    finally:
        reads = _request_reads.get() or {}
        _request_reads.reset(token)
        _flush(reads)


def _flush(reads: dict[tuple, _ScopedRead]) -> None:
    """Write what repeated reads added; an entry whose first write was rolled back since (a
    read inside a failed transaction) is written again, so no read goes unrecorded."""
    for read in reads.values():
        if not read.dirty:
            continue
        entry = read.entry
        if not AuditEntry.objects.filter(pk=entry.pk).update(detail=entry.detail):
            entry.pk = None
            entry._state.adding = True
            entry.save()


def _merge_gegevens(detail: dict, extra: dict) -> dict:
    """The first entry's detail with the `gegevens` (what was read) of a repeated read added."""
    merged = dict(detail)
    for key, value in extra.items():
        if key == "gegevens":
            seen = merged.get("gegevens", [])
            seen = [seen] if isinstance(seen, str) else list(seen)
            if value not in seen:
                seen.append(value)
            merged["gegevens"] = seen
        else:
            merged.setdefault(key, value)
    return merged


def _repeated_read(key: tuple, detail: dict) -> AuditEntry | None:
    """The entry this request already wrote for `key` (its detail extended in memory), or None."""
    reads = _request_reads.get()
    if reads is None or key not in reads:
        return None
    read = reads[key]
    read.entry.detail = _merge_gegevens(read.entry.detail, detail)
    read.dirty = True  # also checks at the end that the first write was not rolled back
    return read.entry


def _remember_read(key: tuple, entry: AuditEntry) -> None:
    reads = _request_reads.get()
    if reads is not None:
        reads[key] = _ScopedRead(entry)


def audit_record(
    *,
    user,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    purpose: str,
    detail: dict | None = None,
) -> AuditEntry:
    """Record one access. A read of personal data without a purpose is refused."""
    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze gegevens inziet.", field="doel")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:200]
    db_user, label = _actor(user)
    key = (label, action, object_type, object_id, purpose.strip()[:255])
    if action == AuditAction.READ:
        repeated = _repeated_read(key, detail or {})
        if repeated is not None:
            return repeated
    entry = AuditEntry.objects.create(
        user=db_user,
        actor_label=label[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:200],
        purpose=purpose.strip()[:255],
        detail=detail or {},
    )
    if action == AuditAction.READ:
        _remember_read(key, entry)
    return entry


def audit_record_many(
    *, user, objects: Iterable[Model], purpose: str, action: str = AuditAction.READ
) -> None:
    """Record a read of several records (a search result list) in one bulk insert."""
    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze gegevens inziet.", field="doel")
    db_user, label = _actor(user)
    entries = [
        AuditEntry(
            user=db_user,
            actor_label=label[:150],
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:200],
            purpose=purpose.strip()[:255],
        )
        for obj in objects
    ]
    AuditEntry.objects.bulk_create(entries)


def audit_persons_read(
    *,
    user,
    persons: Iterable[Model | None],
    purpose: str,
    detail: dict | None = None,
    action: str = AuditAction.READ,
) -> int:
    """Record that a list showed these persons (a page of a work queue, an API page): one entry
    per distinct person, in one bulk insert, so a search for one person finds the list read.
    `None` (an anonymous row) is skipped. Returns the number of entries written."""
    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze gegevens inziet.", field="doel")
    seen: dict[tuple[str, str], Model] = {}
    for person in persons:
        if person is not None and person.pk is not None:
            seen.setdefault((person._meta.label_lower, str(person.pk)), person)
    db_user, label = _actor(user)
    reads = _request_reads.get()
    if reads is not None and action == AuditAction.READ:
        clean_purpose = purpose.strip()[:255]
        seen = {
            subject: person
            for subject, person in seen.items()
            if (label, action, *subject, clean_purpose) not in reads
        }
    if not seen:
        return 0
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                user=db_user,
                actor_label=label[:150],
                action=action,
                object_type=object_type,
                object_id=object_id,
                object_label=str(person)[:200],
                purpose=purpose.strip()[:255],
                detail={**(detail or {}), "lijst": True},
            )
            for (object_type, object_id), person in seen.items()
        ],
        batch_size=500,
    )
    return len(seen)


# Apps that know how a person is identified (parties: BSN, KVK-nummer, UUID) register a finder
# in their AppConfig.ready(); core stays below them and never imports them.
SubjectFinder = Callable[[str], Iterable[tuple[str, str]]]
_subject_finders: list[SubjectFinder] = []


def register_subject_finder(finder: SubjectFinder) -> None:
    """`finder(term)` returns the (object_type, object_id) pairs of the records that `term`
    (a BSN, a KVK-nummer, a UUID) identifies; the audit log search uses them."""
    if finder not in _subject_finders:
        _subject_finders.append(finder)


def audit_subjects(term: str) -> list[tuple[str, str]]:
    term = (term or "").strip()
    if not term:
        return []
    found: list[tuple[str, str]] = []
    for finder in _subject_finders:
        found.extend(finder(term))
    return found


def audit_entry_list(
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    user_id: int | None = None,
    persoon: str | None = None,
    van: dt.date | None = None,
    tot: dt.date | None = None,
    subjects: list[tuple[str, str]] | None = None,
) -> QuerySet[AuditEntry]:
    """Entries, newest first. `persoon` (a BSN, KVK-nummer, name, KC- or ZAAK-number or UUID)
    finds every entry about the records it identifies, list reads included; `van` and `tot`
    are days (both included, Europe/Amsterdam). `subjects`: what `audit_subjects(persoon)`
    already returned (a name search runs once)."""
    qs = AuditEntry.objects.select_related("user")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if user_id:
        qs = qs.filter(user_id=user_id)
    if van:
        qs = qs.filter(occurred_at__gte=_start_of(van))
    if tot:
        qs = qs.filter(occurred_at__lt=_start_of(tot + dt.timedelta(days=1)))
    if persoon:
        if subjects is None:
            subjects = audit_subjects(persoon)
        if not subjects:
            return qs.none()
        by_type: dict[str, list[str]] = {}
        for subject_type, subject_id in subjects:
            by_type.setdefault(subject_type, []).append(subject_id)
        match = Q()
        for subject_type, ids in by_type.items():
            match |= Q(object_type=subject_type, object_id__in=ids)
        qs = qs.filter(match)
    return qs


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_export_record(*, user, filters: dict[str, str], rows: int) -> AuditEntry:
    """An export of the audit log is itself recorded: who exported which selection, when."""
    return audit_record(
        user=user,
        action=AuditAction.EXPORT,
        object_type="core.auditentry",
        object_id="export",
        object_label=f"Export van het auditlog ({rows} regels)",
        purpose="Verantwoording: export van het auditlog",
        detail={"filters": filters, "regels": rows},
    )
