"""Writing and reading the audit log. Selectors that return personal data call `audit_record`
(one record) or `audit_persons_read` (a page of a list: one entry per person shown), so a privacy
officer who searches one person finds every read of that person, lists included."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, Q, QuerySet

from loket.core.errors import DomainError
from loket.core.models import AuditAction, AuditEntry


def _actor(user) -> tuple[Any, str]:
    if user is None:
        return None, "systeem"
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        return user, user.get_username()
    return None, str(user)


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
    return AuditEntry.objects.create(
        user=db_user,
        actor_label=label[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:200],
        purpose=purpose.strip()[:255],
        detail=detail or {},
    )


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
    if not seen:
        return 0
    db_user, label = _actor(user)
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
) -> QuerySet[AuditEntry]:
    """Entries, newest first. `persoon` (a BSN, KVK-nummer or UUID) finds every entry about the
    records it identifies, list reads included."""
    qs = AuditEntry.objects.select_related("user")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if user_id:
        qs = qs.filter(user_id=user_id)
    if persoon:
        subjects = audit_subjects(persoon)
        if not subjects:
            return qs.none()
        match = Q()
        for subject_type, subject_id in subjects:
            match |= Q(object_type=subject_type, object_id=subject_id)
        qs = qs.filter(match)
    return qs
