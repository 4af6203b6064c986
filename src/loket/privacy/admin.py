"""Admin for the privacy officer (a beheerder with the audit-log right): retention terms,
legal holds and the destruction reports (read-only, exported as CSV: counts, never content)."""

import csv

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import VIEW_AUDIT_LOG
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.privacy.models import Bewaarplicht, Bewaartermijn, Vernietigingsverslag, VerslagRegel
from loket.privacy.retention import registered
from loket.privacy.services import verslag_rows


class _Privacy(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = VIEW_AUDIT_LOG


class BewaartermijnForm(forms.ModelForm):
    soort = forms.ChoiceField(label=_("Soort gegevens"))

    class Meta:
        model = Bewaartermijn
        fields = ["soort", "sleutel", "dagen", "actie", "bron"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [(s.code, s.label) for s in registered()]

    def clean(self):
        cleaned = super().clean()
        kind = {s.code: s for s in registered()}.get(cleaned.get("soort"))
        if kind and cleaned.get("actie") and cleaned["actie"] not in kind.acties:
            self.add_error("actie", _("Deze actie kan niet voor deze soort gegevens."))
        if cleaned.get("dagen") is not None and cleaned["dagen"] < 1:
            self.add_error("dagen", _("De bewaartermijn is ten minste 1 dag."))
        return cleaned


@admin.register(Bewaartermijn)
class BewaartermijnAdmin(_Privacy):
    form = BewaartermijnForm
    list_display = ["soort", "sleutel", "dagen", "actie", "bron"]
    list_filter = ["soort", "actie"]
    allow_delete = True


@admin.register(Bewaarplicht)
class BewaarplichtAdmin(_Privacy):
    list_display = ["__str__", "tot", "created_at"]
    raw_id_fields = ["partij"]
    fields = ["partij", "soort", "object_id", "reden", "tot"]
    allow_delete = True


class RegelInline(admin.TabularInline):
    model = VerslagRegel
    extra = 0
    can_delete = False
    fields = ("soort", "sleutel", "termijn_dagen", "actie", "aantal", "tegengehouden")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vernietigingsverslag)
class VernietigingsverslagAdmin(_Privacy):
    list_display = ["__str__", "proefrun", "door", "klaar_op"]
    list_filter = ["proefrun"]
    inlines = [RegelInline]
    readonly_fields = ["gestart_op", "klaar_op", "proefrun", "door"]
    actions = ["exporteren"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Exporteren als CSV (aantallen, geen inhoud)"))
    def exporteren(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="vernietigingsverslagen.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                "gestart",
                "proefrun",
                "soort",
                "alleen voor",
                "termijn (dagen)",
                "actie",
                "aantal",
                "tegengehouden",
            ]
        )
        for verslag in queryset.order_by("gestart_op"):
            writer.writerows(verslag_rows(verslag))
        return response
