"""The rubric is reference data: a beheerder adds, reorders, reweighs or deactivates criteria
(never deletes one: scores refer to it)."""

from django.contrib import admin

from loket.accounts.permissions import MANAGE_REFERENCE_DATA
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.kwaliteit.models import Criterium, Rubriek


class CriteriumInline(admin.TabularInline):
    model = Criterium
    extra = 1
    fields = ["code", "vraag", "gewicht", "volgorde", "actief"]

    def _may_manage(self, request) -> bool:
        return bool(request.user.has_perm(MANAGE_REFERENCE_DATA))

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rubriek)
class RubriekAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_REFERENCE_DATA
    list_display = ["naam", "actief"]
    inlines = [CriteriumInline]
