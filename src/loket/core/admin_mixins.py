"""Admin building blocks shared by the apps."""

from __future__ import annotations

from loket.core.audit import audit_persons_read, audit_record
from loket.core.models import AuditAction


class RolePermissionAdminMixin:
    """Let a Loket role permission (e.g. "accounts.manage_reference_data") manage a model in the
    admin, beside Django's own model permissions. Deleting is off unless `allow_delete`: most
    reference data is referred to by history and is deactivated instead."""

    manage_permission: str = ""
    allow_delete: bool = False

    def _may_manage(self, request) -> bool:
        return bool(self.manage_permission) and request.user.has_perm(self.manage_permission)

    def has_module_permission(self, request):
        return self._may_manage(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._may_manage(request) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not self.allow_delete:
            return False
        return self._may_manage(request) or super().has_delete_permission(request, obj)


class ReadOnlyAdminMixin:
    """A model that is written only through its services (contacts, zaken, meldingen): the admin
    shows it and never adds, changes or deletes."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminMixin:
    """A model with personal data in the admin: the changelist records one audit entry per
    person on the page, opening a record one entry for its person, and `access_filter` (the
    domain's access selector) limits the rows exactly as the pages and the API do.

    `audit_person` is the attribute path from a row to its person (a Partij); an empty string
    means the row itself is the person."""

    audit_person: str = "partij"
    audit_purpose: str = "Gegevensbeheer (beheerscherm)"

    def access_filter(self, request):
        """A Q object that limits the rows this user may see, or None for all rows."""
        return None

    def _person_of(self, obj):
        person = obj
        for part in [p for p in self.audit_person.split("__") if p]:
            person = getattr(person, part, None)
            if person is None:
                return None
        return person

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        rule = self.access_filter(request)
        return qs.filter(rule) if rule is not None else qs

    def get_changelist_instance(self, request):

        changelist = super().get_changelist_instance(request)
        audit_persons_read(
            user=request.user,
            persons=(self._person_of(obj) for obj in changelist.result_list),
            purpose=self.audit_purpose,
            detail={"gegevens": f"beheer: {self.model._meta.verbose_name_plural}"},
        )
        return changelist

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here the permission checks have passed and the record is about to be shown.

        person = self._person_of(obj) if obj is not None else None
        if person is not None:
            audit_record(
                user=request.user,
                action=AuditAction.READ,
                obj=person,
                purpose=self.audit_purpose,
                detail={"gegevens": f"beheer: {self.model._meta.verbose_name}", "id": str(obj.pk)},
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
