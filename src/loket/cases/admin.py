from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import MANAGE_CATALOGUE
from loket.cases.models import (
    Resultaattype,
    Status,
    StatusOvergang,
    Statustype,
    Zaak,
    Zaaktype,
)
from loket.cases.selectors import zaak_access_filter
from loket.cases.services import zaaktype_check_norms
from loket.core.admin_mixins import (
    AuditedAdminMixin,
    ReadOnlyAdminMixin,
    RolePermissionAdminMixin,
)
from loket.core.errors import DomainError


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
            "opschortingstermijn_werkdagen",
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


class ResultaattypeInline(admin.TabularInline):
    model = Resultaattype
    fields = ["omschrijving", "toelichting"]
    extra = 0


class StatusOvergangInline(admin.TabularInline):
    """Allowed transitions; none declared means: forward in volgnummer order."""

    model = StatusOvergang
    fields = ["van", "naar"]
    extra = 0
    verbose_name_plural = _("toegestane statusovergangen (leeg: alleen vooruit)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        object_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        if db_field.name in ("van", "naar"):
            field.queryset = (
                Statustype.objects.filter(zaaktype_id=object_id)
                if object_id
                else Statustype.objects.none()
            )
        return field


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
    inlines = [StatustypeInline, ResultaattypeInline, StatusOvergangInline]

    manage_permission = MANAGE_CATALOGUE
    # No delete: zaken refer to their zaaktype


class StatusInline(admin.TabularInline):
    """The status history is append-only: shown, never edited here."""

    model = Status
    fields = readonly_fields = (
        "datum_status_gezet",
        "statustype",
        "statustoelichting",
        "gezet_door",
    )
    extra = 0
    can_delete = False
    ordering = ["datum_status_gezet", "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Zaak)
class ZaakAdmin(AuditedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: zaken are opened and moved on through cases.services."""

    audit_person = "initiator"

    def access_filter(self, request):
        return zaak_access_filter(request.user)

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
