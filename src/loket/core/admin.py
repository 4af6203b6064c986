from django import forms
from django.contrib import admin

from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.core.errors import DomainError
from loket.core.models import AuditEntry, Kanaal, Verwerkingsactiviteit
from loket.core.services import kanaal_check_naam


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "occurred_at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "purpose",
        "activity",
    ]
    list_filter = ["action", "activity", "object_type"]
    search_fields = ["actor_label", "object_id", "object_label", "purpose", "trace_id"]
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


@admin.register(Verwerkingsactiviteit)
class VerwerkingsactiviteitAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """The register of processing activities (AVG art. 30) that every audit entry refers to:
    the privacy officer (view_audit_log) maintains it. No delete: the log refers to it; an
    activity Loket no longer performs is made inactive."""

    list_display = ["naam", "code", "rechtsgrond", "bewaartermijn", "is_actief", "gewijzigd_op"]
    list_filter = ["is_actief"]
    search_fields = ["naam", "code", "doel", "rechtsgrond"]
    fields = ["naam", "code", "doel", "rechtsgrond", "bewaartermijn", "is_actief", "gewijzigd_op"]
    manage_permission = "accounts.view_audit_log"

    def get_readonly_fields(self, request, obj=None):
        # The processing log refers to the code: it is fixed once created.
        return ["code", "gewijzigd_op"] if obj else ["gewijzigd_op"]
