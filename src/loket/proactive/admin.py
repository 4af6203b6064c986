"""Admin: signals to look into (read only); rules are edited at /proactief/regels/."""

from django.contrib import admin

from loket.accounts.permissions import MANAGE_PROACTIVE_RULES
from loket.core.admin_mixins import AuditedAdminMixin, RolePermissionAdminMixin
from loket.proactive.models import Signaal


class ReadOnlyAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_PROACTIVE_RULES

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Signaal)
class SignaalAdmin(AuditedAdminMixin, ReadOnlyAdmin):
    list_display = ["regel", "partij", "aanleiding", "datum", "status", "aangeboden_op"]
    list_filter = ["regel", "status"]
    raw_id_fields = ["partij", "bericht", "klantcontact"]
