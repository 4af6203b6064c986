from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.catalogue.models import Organisatie, Product
from loket.catalogue.services import organisatie_check
from loket.core.errors import DomainError

UPL_FIELDS = (
    "upl_naam",
    "upl_uri",
    "is_gemeente",
    "is_rijk",
    "is_provincie",
    "is_waterschap",
    "doelgroep_burger",
    "doelgroep_bedrijf",
    "sdg_code",
    "is_aanvraag",
    "is_melding",
    "is_subsidie",
    "is_verplichting",
    "grondslagen",
)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    """Products come from the UPL import (`loket import-upl`); here the municipality enriches them."""

    list_display = [
        "upl_naam",
        "titel",
        "is_gemeente",
        "doelgroep_burger",
        "doelgroep_bedrijf",
        "is_actief",
    ]
    list_select_related = ["organisatie"]
    autocomplete_fields = ["organisatie"]
    list_filter = [
        "is_actief",
        "organisatie",
        "is_gemeente",
        "is_rijk",
        "is_provincie",
        "is_waterschap",
        "doelgroep_burger",
        "doelgroep_bedrijf",
        "is_aanvraag",
        "is_melding",
        "is_subsidie",
        "is_verplichting",
    ]
    search_fields = ["upl_naam", "titel", "upl_uri", "sdg_code"]
    readonly_fields = ["uuid", *UPL_FIELDS, "created_at", "updated_at"]
    fieldsets = [
        (_("Voor inwoners"), {"fields": ["titel", "samenvatting", "is_actief", "organisatie"]}),
        (_("Uniforme Productnamenlijst"), {"fields": ["uuid", *UPL_FIELDS]}),
        (_("Registratie"), {"fields": ["created_at", "updated_at"]}),
    ]

    def _may_manage(self, request) -> bool:
        return request.user.has_perm("accounts.manage_catalogue")

    def has_module_permission(self, request):
        return self._may_manage(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False  # products are added by the UPL import

    def has_delete_permission(self, request, obj=None):
        return False  # contacts and zaaktypen refer to products; deactivate instead


class OrganisatieAdminForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = [
            "slug",
            "naam",
            "regelt",
            "website",
            "telefoon",
            "openingstijden",
            "doorverbinden",
            "is_demo",
            "is_actief",
        ]

    def clean(self):
        data = super().clean()
        try:
            organisatie_check(
                website=data.get("website", ""),
                telefoon=data.get("telefoon", ""),
                is_actief=data.get("is_actief", False),
            )
        except DomainError as exc:
            self.add_error(exc.field, exc.message)
        return data


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    """The bodies citizens are referred to (`loket organisaties_laden` loads the bundled ones)."""

    form = OrganisatieAdminForm
    list_display = ["naam", "slug", "telefoon", "website", "doorverbinden", "is_demo", "is_actief"]
    list_filter = ["is_actief", "doorverbinden", "is_demo"]
    search_fields = ["naam", "slug", "regelt"]
    readonly_fields = ["created_at", "updated_at"]
    prepopulated_fields = {"slug": ["naam"]}

    def _may_manage(self, request) -> bool:
        return request.user.has_perm("accounts.manage_catalogue")

    def has_module_permission(self, request):
        return self._may_manage(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return self._may_manage(request) or super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # products, articles and contacts refer to it; deactivate instead
