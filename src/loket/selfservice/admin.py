"""Beheer of e-forms and counter locations. Submissions and appointments hold personal data and
are seen through the zaak (back office) and the klantbeeld, not here."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin

from loket.accounts.permissions import MANAGE_CATALOGUE
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.core.errors import DomainError
from loket.selfservice.fields import check_definition
from loket.selfservice.models import Formulier


class FormulierAdminForm(forms.ModelForm):
    class Meta:
        model = Formulier
        fields = [
            "slug",
            "titel",
            "inleiding",
            "product",
            "stappen",
            "automatisering",
            "zaaktype",
            "contactreden",
            "inloggen_verplicht",
            "is_actief",
        ]

    def clean_stappen(self):
        stappen = self.cleaned_data["stappen"]
        try:
            check_definition(stappen)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
        return stappen


@admin.register(Formulier)
class FormulierAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_CATALOGUE
    form = FormulierAdminForm
    list_display = ["titel", "slug", "product", "automatisering", "inloggen_verplicht", "is_actief"]
    list_filter = ["is_actief", "automatisering", "inloggen_verplicht"]
    search_fields = ["titel", "slug", "product__upl_naam"]
    raw_id_fields = ["product", "zaaktype", "contactreden"]
    readonly_fields = ["velden_overzicht"]

    @admin.display(description="Velden")
    def velden_overzicht(self, obj):
        return json.dumps(
            [[v.get("naam") for v in s.get("velden", [])] for s in obj.stappen or []],
            ensure_ascii=False,
        )
