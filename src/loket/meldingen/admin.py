from django.contrib import admin

from loket.accounts.permissions import MANAGE_REFERENCE_DATA
from loket.core.admin_mixins import (
    AuditedAdminMixin,
    ReadOnlyAdminMixin,
    RolePermissionAdminMixin,
)
from loket.meldingen.models import ClassificatieCorrectie, MeldCategorie, Melding
from loket.meldingen.selectors import melding_access_filter


@admin.register(MeldCategorie)
class MeldCategorieAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """BOR MELD categories with their routing rule (team) and handling term; keywords and
    examples help the classifier."""

    list_display = [
        "hoofdcategorie",
        "subcategorie",
        "team",
        "afhandeltermijn_werkdagen",
        "vraagt_urgentie",
        "is_actief",
    ]
    list_editable = ["team", "afhandeltermijn_werkdagen", "vraagt_urgentie", "is_actief"]
    list_filter = ["hoofdcategorie", "team", "vraagt_urgentie", "is_actief"]
    search_fields = ["hoofdcategorie", "subcategorie", "items", "trefwoorden"]
    readonly_fields = ["code", "hoofdcategorie", "subcategorie", "items"]
    fields = [
        "code",
        "hoofdcategorie",
        "subcategorie",
        "items",
        "team",
        "afhandeltermijn_werkdagen",
        "vraagt_urgentie",
        "trefwoorden",
        "is_actief",
    ]
    list_select_related = ["team"]
    manage_permission = MANAGE_REFERENCE_DATA

    def has_add_permission(self, request):
        return False  # the national BOR MELD list is seeded; categories are (de)activated


@admin.register(Melding)
class MeldingAdmin(AuditedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: meldingen are handled in the back office (/backoffice/meldingen/)."""

    audit_person = "melder"

    def access_filter(self, request):
        return melding_access_filter(request.user)

    list_display = ["referentie", "categorie", "status", "in_triage", "team", "streefdatum"]
    list_filter = ["status", "in_triage", "categorie__hoofdcategorie", "team"]
    search_fields = ["referentie", "tekst", "adres"]
    date_hierarchy = "created_at"
    list_select_related = ["categorie", "team"]


@admin.register(ClassificatieCorrectie)
class ClassificatieCorrectieAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Staff corrections: training examples for the classifier. A wrong one may be deleted."""

    list_display = ["tekst", "categorie", "voorgesteld", "door", "op"]
    list_filter = ["categorie__hoofdcategorie"]
    search_fields = ["tekst"]
    readonly_fields = ["melding", "tekst", "voorgesteld", "door", "op"]
    list_select_related = ["categorie", "voorgesteld", "door"]
    manage_permission = MANAGE_REFERENCE_DATA
    allow_delete = True

    def has_add_permission(self, request):
        return False
