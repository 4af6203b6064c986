"""API tokens in gegevensbeheer: created through the service (the key is shown once, only its
hash is stored), scoped, revoked instead of deleted (the audit log refers to them by name)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import MANAGE_API_TOKENS
from loket.api.models import ApiToken
from loket.api.services import (
    EXTRA_SCOPES,
    RESOURCES,
    api_token_create,
    api_token_revoke,
    scope_validate,
)
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.core.errors import DomainError

SCOPE_CHOICES = [
    (f"{resource}:{kind}", f"{resource}:{kind}")
    for resource in RESOURCES
    for kind in ("lezen", "schrijven")
] + [(scope, scope) for scope in EXTRA_SCOPES]


class ApiTokenAddForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wat de koppeling mag: per resource lezen en/of schrijven."),
    )

    class Meta:
        model = ApiToken
        fields = ["name", "default_purpose"]

    def clean(self):
        cleaned = super().clean()
        for scope in cleaned.get("scopes") or []:
            try:
                scope_validate(scope)
            except DomainError as exc:
                self.add_error("scopes", exc.message)
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_API_TOKENS
    list_display = ["name", "key_prefix", "scopes", "is_active", "last_used_at", "created_by"]
    list_filter = ["is_active"]
    search_fields = ["name", "key_prefix"]
    readonly_fields = ["key_prefix", "scopes", "is_active", "created_by", "last_used_at"]
    fields = [
        "name",
        "default_purpose",
        "key_prefix",
        "scopes",
        "is_active",
        "created_by",
        "last_used_at",
    ]
    actions = ["intrekken"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["name", "default_purpose", "scopes"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # Created through the service: only the hash is stored, the key is shown once here.
        token, key = api_token_create(
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,
            default_purpose=form.cleaned_data.get("default_purpose", ""),
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            _(
                "De sleutel van '%(naam)s' is: %(key)s — kopieer hem nu; hij wordt niet "
                "bewaard en is hierna niet meer te zien."
            )
            % {"naam": token.name, "key": key},
        )

    @admin.action(description=_("Geselecteerde tokens intrekken"))
    def intrekken(self, request, queryset):
        count = 0
        for token in queryset.filter(is_active=True):
            api_token_revoke(token=token)
            count += 1
        messages.success(request, _("%(n)d token(s) ingetrokken.") % {"n": count})
