"""Writing and reading the audit log. Selectors that return personal data call `audit_record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet

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


def audit_entry_list(
    *, object_type: str | None = None, object_id: str | None = None, user_id: int | None = None
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("user")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if user_id:
        qs = qs.filter(user_id=user_id)
    return qs
