from django import forms
from django.contrib import admin

from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.core.errors import DomainError
from loket.core.models import AuditEntry, Kanaal
from loket.core.services import kanaal_check_naam


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


class KanaalAdminForm(forms.ModelForm):
    class Meta:
        model = Kanaal
        fields = ["naam", "code", "soort", "is_actief", "volgorde"]

    def clean_naam(self):
        naam = " ".join(self.cleaned_data["naam"].split())
        try:
            kanaal_check_naam(naam=naam, instance=self.instance)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        return naam


@admin.register(Kanaal)
class KanaalAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Beheerders maintain the channel list; "E-mail" and "email" can never become two channels."""

    form = KanaalAdminForm
    list_display = ["naam", "code", "soort", "is_actief", "volgorde"]
    list_filter = ["soort", "is_actief"]
    search_fields = ["naam", "code"]
    manage_permission = "accounts.manage_reference_data"  # no delete: contacts refer to channels

    def get_readonly_fields(self, request, obj=None):
        # Contacts and statistics refer to the code: it is fixed once created.
        return ["code"] if obj else []
