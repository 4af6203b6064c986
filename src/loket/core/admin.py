from django.contrib import admin

from loket.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "actor_label", "action", "object_type", "object_id", "purpose"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_id", "object_label", "purpose"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
