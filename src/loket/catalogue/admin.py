from django import forms
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import MANAGE_CATALOGUE
from loket.catalogue.models import (
    Dienstverleningsformule,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Organisatie,
    Product,
)
from loket.catalogue.services import formule_check, organisatie_check, product_kanalen_check
from loket.core.admin_mixins import RolePermissionAdminMixin
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


class ProductAdminForm(forms.ModelForm):
    """The enrichment form; the channel strategy is checked by the same rule as the loader."""

    class Meta:
        model = Product
        fields = [
            "titel",
            "samenvatting",
            "is_actief",
            "organisatie",
            "voorwaarden",
            "kosten",
            "benodigdheden",
            "dienstverleningsformule",
            "complexiteit",
            "snelheid",
            "wettelijke_termijn_werkdagen",
            "servicenorm_werkdagen",
            "kanaal_click",
            "kanaal_call",
            "kanaal_face",
            "voorkeurskanaal",
            "kanaaladvies",
        ]

    def clean(self):
        data = super().clean()
        try:
            product_kanalen_check(
                kanaal_click=bool(data.get("kanaal_click")),
                kanaal_call=bool(data.get("kanaal_call")),
                kanaal_face=bool(data.get("kanaal_face")),
                voorkeurskanaal=data.get("voorkeurskanaal") or "",
                formule=data.get("dienstverleningsformule"),
            )
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        if data.get("is_actief") and not data.get("dienstverleningsformule"):
            self.add_error(
                "dienstverleningsformule",
                _("Elk actief product heeft een dienstverleningsformule."),
            )
        return data


class CatalogueInlineMixin:
    """Inlines follow the same role permission as their page (accounts.manage_catalogue)."""

    def _may_manage(self, request) -> bool:
        return request.user.has_perm(MANAGE_CATALOGUE)

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_delete_permission(request, obj)


class LevensgebeurtenisProductInline(CatalogueInlineMixin, admin.TabularInline):
    model = LevensgebeurtenisProduct
    fk_name = "product"
    extra = 0
    autocomplete_fields = ["levensgebeurtenis"]
    verbose_name = _("levensgebeurtenis")
    verbose_name_plural = _("levensgebeurtenissen waarbij dit product hoort")


@admin.register(Product)
class ProductAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Products come from the UPL import (`loket import-upl`); here the municipality enriches them
    (`loket catalogus_verrijken` loads the bundled Zeventerpen texts)."""

    manage_permission = MANAGE_CATALOGUE
    form = ProductAdminForm
    list_display = [
        "upl_naam",
        "titel",
        "dienstverleningsformule",
        "voorkeurskanaal",
        "complexiteit",
        "servicenorm_werkdagen",
        "is_gemeente",
        "is_actief",
    ]
    list_select_related = ["organisatie", "dienstverleningsformule"]
    autocomplete_fields = ["organisatie"]
    list_filter = [
        "is_actief",
        "dienstverleningsformule",
        "voorkeurskanaal",
        "complexiteit",
        "kanaal_click",
        "kanaal_call",
        "kanaal_face",
        "levensgebeurtenissen",
        "organisatie",
        "is_gemeente",
        "is_rijk",
        "is_provincie",
        "is_waterschap",
        "doelgroep_burger",
        "doelgroep_bedrijf",
        "is_aanvraag",
        "is_melding",
    ]
    search_fields = ["upl_naam", "titel", "samenvatting", "upl_uri", "sdg_code"]
    readonly_fields = ["uuid", "slug", *UPL_FIELDS, "created_at", "updated_at"]
    inlines = [LevensgebeurtenisProductInline]
    fieldsets = [
        (
            _("Voor inwoners"),
            {"fields": ["titel", "samenvatting", "is_actief", "organisatie", "slug"]},
        ),
        (
            _("Wat moet u weten"),
            {"fields": ["voorwaarden", "kosten", "benodigdheden"]},
        ),
        (
            _("Dienstverlening"),
            {
                "fields": [
                    "dienstverleningsformule",
                    "complexiteit",
                    "snelheid",
                    "wettelijke_termijn_werkdagen",
                    "servicenorm_werkdagen",
                ]
            },
        ),
        (
            _("Kanaalsturing (Click-Call-Face)"),
            {
                "fields": [
                    "kanaal_click",
                    "kanaal_call",
                    "kanaal_face",
                    "voorkeurskanaal",
                    "kanaaladvies",
                ],
                "description": _(
                    "Welke kanalen het product aanbiedt en welk kanaal het snelst is. "
                    "Bij een volledig automatische formule (Flits) is online het voorkeurskanaal."
                ),
            },
        ),
        (_("Uniforme Productnamenlijst"), {"fields": ["uuid", *UPL_FIELDS]}),
        (_("Registratie"), {"fields": ["created_at", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # products are added by the UPL import

    def has_delete_permission(self, request, obj=None):
        return False  # contacts and zaaktypen refer to products; deactivate instead


class DienstverleningsformuleAdminForm(forms.ModelForm):
    class Meta:
        model = Dienstverleningsformule
        fields = [
            "code",
            "naam",
            "belofte",
            "omschrijving",
            "volgorde",
            "altijd_beschikbaar",
            "zonder_medewerker",
            "bij_eerste_contact",
            "max_afhandeltijd_minuten",
            "max_afhandeltijd_werkdagen",
            "eerste_reactie_werkdagen",
            "max_wachttijd_balie_minuten",
        ]

    def clean(self):
        data = super().clean()
        try:
            formule_check(values=data)
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data


@admin.register(Dienstverleningsformule)
class DienstverleningsformuleAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """The service formulas and their measurable guarantees; every product has one."""

    manage_permission = MANAGE_CATALOGUE
    form = DienstverleningsformuleAdminForm
    list_display = [
        "naam",
        "belofte",
        "altijd_beschikbaar",
        "zonder_medewerker",
        "bij_eerste_contact",
        "max_afhandeltijd_minuten",
        "eerste_reactie_werkdagen",
        "aantal_producten",
        "volgorde",
    ]
    list_editable = ["volgorde"]
    search_fields = ["naam", "code", "belofte"]
    readonly_fields = ["created_at", "updated_at"]
    prepopulated_fields = {"code": ["naam"]}
    fieldsets = [
        (None, {"fields": ["code", "naam", "belofte", "omschrijving", "volgorde"]}),
        (
            _("Garanties"),
            {
                "fields": [
                    "altijd_beschikbaar",
                    "zonder_medewerker",
                    "bij_eerste_contact",
                    "max_afhandeltijd_minuten",
                    "max_afhandeltijd_werkdagen",
                    "eerste_reactie_werkdagen",
                    "max_wachttijd_balie_minuten",
                    "doel_procent",
                ]
            },
        ),
        (_("Registratie"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal=Count("producten"))

    @admin.display(description=_("producten"), ordering="_aantal")
    def aantal_producten(self, obj) -> int:
        return obj._aantal


class LevensgebeurtenisProductInlineForEvent(CatalogueInlineMixin, admin.TabularInline):
    model = LevensgebeurtenisProduct
    fk_name = "levensgebeurtenis"
    extra = 1
    autocomplete_fields = ["product"]
    fields = ["volgorde", "product", "toelichting"]
    ordering = ["volgorde"]


@admin.register(Levensgebeurtenis)
class LevensgebeurtenisAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Life events and their products, in the order the citizen arranges them."""

    manage_permission = MANAGE_CATALOGUE
    allow_delete = True  # nothing refers to a life event but its own product list
    list_display = ["naam", "slug", "aantal_producten", "volgorde"]
    list_editable = ["volgorde"]
    search_fields = ["naam", "slug", "samenvatting"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [LevensgebeurtenisProductInlineForEvent]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal=Count("producten"))

    @admin.display(description=_("producten"), ordering="_aantal")
    def aantal_producten(self, obj) -> int:
        return obj._aantal


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
        return request.user.has_perm(MANAGE_CATALOGUE)

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


class CatalogusBeheerSite(admin.AdminSite):
    """Catalogue beheer for redacteuren and beheerders (`accounts.manage_catalogue`) at
    /catalogusbeheer/: the same admin screens as in gegevensbeheer, without needing staff status
    (redacteuren have no access to the rest of the admin)."""

    site_header = _("Catalogusbeheer")
    site_title = _("Loket catalogus")
    index_title = _("Producten, formules en levensgebeurtenissen")
    enable_nav_sidebar = False

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm(MANAGE_CATALOGUE)

    def login(self, request, extra_context=None):

        if request.user.is_authenticated:
            raise PermissionDenied("U mag de productcatalogus niet beheren.")
        return redirect_to_login(
            request.GET.get("next") or request.get_full_path(), reverse_lazy("accounts:login")
        )


catalogus_site = CatalogusBeheerSite(name="catalogusbeheer")
catalogus_site.register(Product, ProductAdmin)
catalogus_site.register(Dienstverleningsformule, DienstverleningsformuleAdmin)
catalogus_site.register(Levensgebeurtenis, LevensgebeurtenisAdmin)
catalogus_site.register(Organisatie, OrganisatieAdmin)
