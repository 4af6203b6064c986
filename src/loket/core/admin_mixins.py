"""Admin building blocks shared by the apps."""

from __future__ import annotations


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
