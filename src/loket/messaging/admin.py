"""Admin: the outbox's messages (read only) and citizens' consent, for beheerders of proactive
service; every person shown is audited."""

from django.contrib import admin

from loket.accounts.permissions import MANAGE_PROACTIVE_RULES
from loket.core.admin_mixins import AuditedAdminMixin, RolePermissionAdminMixin
from loket.messaging.models import Bericht, Toestemming


class ReadOnlyAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_PROACTIVE_RULES

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Bericht)
class BerichtAdmin(AuditedAdminMixin, ReadOnlyAdmin):
    list_display = ["onderwerp", "partij", "kanaal", "soort", "status", "pogingen", "created_at"]
    list_filter = ["status", "kanaal", "soort"]
    search_fields = ["onderwerp", "sleutel", "adres", "laatste_fout"]
    raw_id_fields = ["partij"]
    date_hierarchy = "created_at"


@admin.register(Toestemming)
class ToestemmingAdmin(AuditedAdminMixin, RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_PROACTIVE_RULES
    list_display = ["partij", "proactief", "email", "sms", "tevredenheid", "updated_at"]
    list_filter = ["proactief", "email", "sms", "tevredenheid"]
    raw_id_fields = ["partij"]
