"""Django admin for partijen: only for users who may see personal data; opening a partij is audited."""

from django.contrib import admin

from loket.core.admin_mixins import AuditedAdminMixin
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.parties.selectors import VIEW_PERSON_DATA

ADMIN_PURPOSE = "Beheer van klantgegevens (Django-beheer)"


class PersonDataAdminMixin:
    """The model permission is not enough: the user also needs `accounts.view_person_data`."""

    def has_module_permission(self, request):
        return request.user.has_perm(VIEW_PERSON_DATA) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(VIEW_PERSON_DATA) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(VIEW_PERSON_DATA) and super().has_change_permission(
            request, obj
        )


class PersoonInline(admin.StackedInline):
    model = Persoon
    can_delete = False
    fields = ["bsn", "voornamen", "voorvoegsel_geslachtsnaam", "geslachtsnaam", "geboortedatum"]


class OrganisatieInline(admin.StackedInline):
    model = Organisatie
    can_delete = False
    fields = ["kvk_nummer", "vestigingsnummer", "rsin", "handelsnaam"]


class DigitaalAdresInline(admin.TabularInline):
    model = DigitaalAdres
    extra = 0
    fields = ["soort", "adres", "omschrijving", "is_standaard_adres", "verified_at"]


@admin.register(Partij)
class PartijAdmin(AuditedAdminMixin, PersonDataAdminMixin, admin.ModelAdmin):
    audit_person = ""  # the row is the person
    audit_purpose = ADMIN_PURPOSE
    list_display = ["weergavenaam", "soort", "voorkeurskanaal", "created_at"]
    list_filter = ["soort", "indicatie_geheimhouding"]
    # Exact matches on identifiers only; the name is searched by its start.
    search_fields = ["^weergavenaam", "=persoon__bsn", "=organisatie__kvk_nummer"]
    list_select_related = ["voorkeurskanaal"]
    readonly_fields = ["uuid", "created_at", "updated_at"]
    inlines = [PersoonInline, OrganisatieInline, DigitaalAdresInline]

    def get_inlines(self, request, obj):
        if obj is None:
            return self.inlines
        if obj.soort == "persoon":
            return [PersoonInline, DigitaalAdresInline]
        return [OrganisatieInline, DigitaalAdresInline]


@admin.register(DigitaalAdres)
class DigitaalAdresAdmin(AuditedAdminMixin, PersonDataAdminMixin, admin.ModelAdmin):
    audit_purpose = ADMIN_PURPOSE
    list_display = ["partij", "soort", "is_standaard_adres", "verified_at"]
    list_filter = ["soort", "is_standaard_adres"]
    raw_id_fields = ["partij"]
    readonly_fields = ["uuid", "created_at", "updated_at"]
