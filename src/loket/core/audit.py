"""Writing and reading the audit log. Selectors that return personal data call `audit_record`
(one record) or `audit_persons_read` (a page of a list: one entry per person shown), so a privacy
officer who searches one person finds every read of that person, lists included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from loket.core.access import api_token
from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry, AuditStatus
from loket.core.tracing import current_trace, new_span_id, new_trace_id


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


# --- The processing log (Logius' Logboek Dataverwerkingen, docs/verwerkingslog.md) ------------
# Each entry refers to one activity of the register (core.Verwerkingsactiviteit, seeded by
# migration 0008) and to one data subject. A caller may name the activity; otherwise it is
# derived here from the purpose, the kind of record and the caller, so the existing call sites
# need no change.
class Activiteit:
    """The codes of the activities Loket performs (the register's seed)."""

    KLANTCONTACT = "klantcontact-afhandelen"
    KLANTBEELD = "klantbeeld-raadplegen"
    CONTACTVERZOEK = "contactverzoek-behandelen"
    ZAAK = "zaak-behandelen"
    MELDING = "melding-afhandelen"
    BERICHTEN = "berichten-versturen"
    KLANTGEGEVENS = "klantgegevens-beheren"
    INZAGE = "inzageverzoek-avg"
    WISSEN = "wisverzoek-avg"
    API = "koppeling-api"
    VERANTWOORDING = "beveiliging-verantwoording"
    DEFAULT = KLANTCONTACT


# Words of a purpose (lower case) and their activity; the first match wins, so the more
# specific words come first ("Klantbeeld bij klantcontact KC-1" is a klantbeeld).
PURPOSE_ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("inzage", Activiteit.INZAGE),
    ("artikel 15", Activiteit.INZAGE),
    ("wissen", Activiteit.WISSEN),
    ("artikel 17", Activiteit.WISSEN),
    ("auditlog", Activiteit.VERANTWOORDING),
    ("verantwoording", Activiteit.VERANTWOORDING),
    ("beveiliging", Activiteit.VERANTWOORDING),
    ("klantbeeld", Activiteit.KLANTBEELD),
    ("contactverzoek", Activiteit.CONTACTVERZOEK),
    ("terugbel", Activiteit.CONTACTVERZOEK),
    ("interne taak", Activiteit.CONTACTVERZOEK),
    ("melding", Activiteit.MELDING),
    ("zaak", Activiteit.ZAAK),
    ("zaken", Activiteit.ZAAK),
    ("outbox", Activiteit.BERICHTEN),
    ("bericht", Activiteit.BERICHTEN),
    ("beheer", Activiteit.KLANTGEGEVENS),
    ("vastleggen", Activiteit.KLANTGEGEVENS),
    ("contactgegevens", Activiteit.KLANTGEGEVENS),
    ("kanaalvoorkeur", Activiteit.KLANTGEGEVENS),
    ("klantcontact", Activiteit.KLANTCONTACT),
    ("chat", Activiteit.KLANTCONTACT),
    ("inbox", Activiteit.KLANTCONTACT),
    ("klant", Activiteit.KLANTCONTACT),
)
# The kind of record, when the purpose names no activity.
OBJECT_TYPE_ACTIVITIES: dict[str, str] = {
    "cases.zaak": Activiteit.ZAAK,
    "meldingen.melding": Activiteit.MELDING,
    "contacts.contactverzoek": Activiteit.CONTACTVERZOEK,
    "contacts.klantcontact": Activiteit.KLANTCONTACT,
    "messaging.bericht": Activiteit.BERICHTEN,
    "accounts.user": Activiteit.VERANTWOORDING,
    "core.auditentry": Activiteit.VERANTWOORDING,
}


def audit_activity_for(*, purpose: str, object_type: str = "", user=None) -> str:
    """The register code of the activity an access belongs to: another system's call through
    the API is "Koppeling via API" (its purpose stays in the entry); else the first activity
    whose word the purpose holds, else the kind of record's, else the default."""
    if api_token(user) is not None:
        return Activiteit.API
    text = (purpose or "").lower()
    for word, code in PURPOSE_ACTIVITIES:
        if word in text:
            return code
    return OBJECT_TYPE_ACTIVITIES.get(object_type, Activiteit.DEFAULT)


# The data subject of an entry (`dpl.core.data_subject_id` and its type): apps that know how a
# person is identified register a resolver in their AppConfig.ready() (parties: the BSN, the
# KVK-nummer, else the partij's UUID); core never imports them.
DataSubject = tuple[str, str]  # (type, id): ("BSN", "999990019"), ("partij-uuid", "…")
DataSubjectResolver = Callable[[Sequence[Model]], list[DataSubject | None]]
_data_subject_resolvers: list[DataSubjectResolver] = []


def register_data_subject_resolver(resolver: DataSubjectResolver) -> None:
    """`resolver(objects)` returns, per object, its data subject or None when it does not know
    the object; it is asked for a whole list at once (one query for a page of persons)."""
    if resolver not in _data_subject_resolvers:
        _data_subject_resolvers.append(resolver)


def audit_data_subjects(objects: Sequence[Model | None]) -> list[DataSubject | None]:
    """The data subject of each object (None where no resolver knows it)."""
    found: list[DataSubject | None] = [None] * len(objects)
    for resolver in _data_subject_resolvers:
        pending = [i for i, obj in enumerate(objects) if obj is not None and found[i] is None]
        if not pending:
            break
        answers = resolver([objects[i] for i in pending])  # type: ignore[misc]
        for i, subject in zip(pending, answers, strict=True):
            found[i] = subject
    return found


def _log_fields(*, activity: str, subject: DataSubject | None, status: str) -> dict[str, Any]:
    """The Logboek Dataverwerkingen fields of a new entry: activity, data subject, and the
    request's trace (a new trace outside a request) with a span of its own."""
    trace = current_trace()
    return {
        "activity_id": activity,
        "data_subject_type": subject[0][:20] if subject else "",
        "data_subject_id": subject[1][:64] if subject else "",
        "trace_id": trace.trace_id if trace else new_trace_id(),
        "span_id": new_span_id(),
        "parent_span_id": trace.span_id if trace else "",
        "status": status,
    }


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
    activity: str = "",
    data_subject: DataSubject | None = None,
    status: str = AuditStatus.UNSET,
) -> AuditEntry:
    """Record one access. A read of personal data without a purpose is refused. The activity
    and the data subject are derived (`audit_activity_for`, the registered resolvers) unless
    the caller names them."""
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
    if data_subject is None and obj is not None:
        data_subject = audit_data_subjects([obj])[0]
    entry = AuditEntry.objects.create(
        user=db_user,
        actor_label=label[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:200],
        purpose=purpose.strip()[:255],
        detail=detail or {},
        **_log_fields(
            activity=activity
            or audit_activity_for(purpose=purpose, object_type=object_type, user=user),
            subject=data_subject,
            status=status,
        ),
    )
    if action == AuditAction.READ:
        _remember_read(key, entry)
    return entry


def audit_record_many(
    *,
    user,
    objects: Iterable[Model],
    purpose: str,
    action: str = AuditAction.READ,
    activity: str = "",
) -> None:
    """Record a read of several records (a search result list) in one bulk insert."""
    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze gegevens inziet.", field="doel")
    db_user, label = _actor(user)
    objects = list(objects)
    subjects = audit_data_subjects(objects)
    entries = [
        AuditEntry(
            user=db_user,
            actor_label=label[:150],
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:200],
            purpose=purpose.strip()[:255],
            **_log_fields(
                activity=activity
                or audit_activity_for(
                    purpose=purpose, object_type=obj._meta.label_lower, user=user
                ),
                subject=subject,
                status=AuditStatus.UNSET,
            ),
        )
        for obj, subject in zip(objects, subjects, strict=True)
    ]
    AuditEntry.objects.bulk_create(entries)


def audit_persons_read(
    *,
    user,
    persons: Iterable[Model | None],
    purpose: str,
    detail: dict | None = None,
    action: str = AuditAction.READ,
    activity: str = "",
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
    subjects = audit_data_subjects(list(seen.values()))
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
                **_log_fields(
                    activity=activity
                    or audit_activity_for(purpose=purpose, object_type=object_type, user=user),
                    subject=subject,
                    status=AuditStatus.UNSET,
                ),
            )
            for ((object_type, object_id), person), subject in zip(
                seen.items(), subjects, strict=True
            )
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


def audit_export_record(
    *, user, filters: dict[str, str], rows: int, formaat: str = "csv"
) -> AuditEntry:
    """An export of the audit log is itself recorded: who exported which selection, when, in
    which format (csv, verwerkingslog)."""
    return audit_record(
        user=user,
        action=AuditAction.EXPORT,
        object_type="core.auditentry",
        object_id="export",
        object_label=f"Export van het auditlog ({rows} regels)",
        purpose="Verantwoording: export van het auditlog",
        # The CSV export's detail is as before; another format is named.
        detail={"filters": filters, "regels": rows}
        | ({"formaat": formaat} if formaat != "csv" else {}),
    )
