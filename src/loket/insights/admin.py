from django.contrib import admin

from loket.accounts.permissions import MANAGE_REFERENCE_DATA
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.insights.models import (
    BenchmarkMaand,
    KanaalKosten,
    Norm,
    Persona,
    Tevredenheidsmeting,
)
from loket.insights.services import samenvattingen_recompute

# Norms whose parameter is baked into the daily summaries: a change rebuilds them.
PARAMETER_IN_SUMMARIES = {"serviceniveau", "email", "herhaal"}


@admin.register(Norm)
class NormAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Norms are reference data: the beheerder sets the target values the dashboard measures."""

    manage_permission = MANAGE_REFERENCE_DATA
    list_display = [
        "naam",
        "code",
        "richting",
        "streefwaarde",
        "eenheid",
        "parameter",
        "parameter_eenheid",
    ]
    list_editable = ["streefwaarde"]
    readonly_fields = ["code"]
    fields = [
        "code",
        "naam",
        "richting",
        "streefwaarde",
        "eenheid",
        "parameter",
        "parameter_eenheid",
        "toelichting",
    ]

    def has_add_permission(self, request):
        return False  # the dashboard knows each norm by its code

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.code in PARAMETER_IN_SUMMARIES and "parameter" in form.changed_data:
            samenvattingen_recompute()


@admin.register(KanaalKosten)
class KanaalKostenAdmin(admin.ModelAdmin):
    list_display = ["soort", "kosten_per_contact"]
    list_editable = ["kosten_per_contact"]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "tags", "volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Tevredenheidsmeting)
class TevredenheidsmetingAdmin(admin.ModelAdmin):
    """Read-only: the answers as given (comments may be read by beheerders for improvement)."""

    list_display = ["pk", "kanaal", "product", "score", "moeite", "aanbeveling", "beantwoord_op"]
    list_filter = ["score", "moeite", "kanaal"]
    # Who was invited is kept only for the period between invitations, not for reading.
    exclude = ["token", "partij"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BenchmarkMaand)
class BenchmarkMaandAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Imported months of other municipalities (docs/benchmark.md): read and delete only; a
    month is replaced by deleting it and importing the file again on the benchmark page."""

    manage_permission = MANAGE_REFERENCE_DATA
    list_display = ["gemeente", "maand", "inwoners", "bron", "ingelezen_op"]
    list_filter = ["gemeente"]
    readonly_fields = ["gemeente", "maand", "inwoners", "cijfers", "bron", "ingelezen_op"]
    exclude = ["ingelezen_door"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
