from django.contrib import admin

from loket.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "scopes", "is_active", "last_used_at"]
    readonly_fields = ["key_prefix", "key_hash", "last_used_at"]
