from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.cases.models import Status, Statustype, Zaak, Zaaktype
from loket.cases.services import zaaktype_check_norms
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.core.errors import DomainError

MANAGE_CATALOGUE = "accounts.manage_catalogue"


class ZaaktypeForm(forms.ModelForm):
    class Meta:
        model = Zaaktype
        fields = [
            "identificatie",
            "omschrijving",
            "product",
            "team",
            "doorlooptijd_werkdagen",
            "servicenorm_werkdagen",
            "opschorting_mogelijk",
            "verlenging_mogelijk",
            "verlengingstermijn_werkdagen",
        ]

    def clean(self):
        cleaned = super().clean()
        try:
            zaaktype_check_norms(
                doorlooptijd_werkdagen=cleaned.get("doorlooptijd_werkdagen") or 0,
                servicenorm_werkdagen=cleaned.get("servicenorm_werkdagen") or 0,
                verlenging_mogelijk=cleaned.get("verlenging_mogelijk", False),
                verlengingstermijn_werkdagen=cleaned.get("verlengingstermijn_werkdagen") or 0,
            )
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned


class StatustypeInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if len(kept) < 2:
            raise forms.ValidationError(
                _("Een zaaktype heeft ten minste twee statustypen: een begin- en een eindstatus.")
            )


class StatustypeInline(admin.TabularInline):
    model = Statustype
    formset = StatustypeInlineFormSet
    fields = ["volgnummer", "omschrijving", "informeren", "statustekst"]
    extra = 0
    min_num = 2


@admin.register(Zaaktype)
class ZaaktypeAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    form = ZaaktypeForm
    list_display = [
        "identificatie",
        "omschrijving",
        "team",
        "servicenorm_werkdagen",
        "doorlooptijd_werkdagen",
    ]
    list_filter = ["team", "opschorting_mogelijk", "verlenging_mogelijk"]
    search_fields = ["identificatie", "omschrijving", "product__upl_naam"]
    autocomplete_fields = ["product"]
    list_select_related = ["team"]
    inlines = [StatustypeInline]

    manage_permission = MANAGE_CATALOGUE
    # No delete: zaken refer to their zaaktype


class StatusInline(admin.TabularInline):
    """The status history is append-only: shown, never edited here."""

    model = Status
    fields = ["datum_status_gezet", "statustype", "statustoelichting", "gezet_door"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["datum_status_gezet", "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Zaak)
class ZaakAdmin(admin.ModelAdmin):
    """Read-only: zaken are opened and moved on through cases.services."""

    list_display = [
        "identificatie",
        "zaaktype",
        "startdatum",
        "einddatum_gepland",
        "uiterlijke_einddatum_afdoening",
        "einddatum",
        "team",
    ]
    list_filter = ["zaaktype", "team", ("einddatum", admin.EmptyFieldListFilter)]
    search_fields = ["identificatie", "omschrijving"]
    date_hierarchy = "startdatum"
    list_select_related = ["zaaktype", "team"]
    inlines = [StatusInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
