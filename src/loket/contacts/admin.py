from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import MANAGE_REFERENCE_DATA
from loket.contacts.models import (
    Contactreden,
    Contactverzoek,
    ContactverzoekGebeurtenis,
    ContactverzoekNorm,
    Klantcontact,
    Vraag,
)
from loket.contacts.selectors import contactverzoek_access_filter
from loket.contacts.services import (
    contactreden_check,
    contactreden_code_for,
    contactreden_deactivate,
)
from loket.contacts.vertrouwelijk import contactverzoek_readable_q, klantcontact_readable_q
from loket.core.admin_mixins import (
    AuditedAdminMixin,
    ReadOnlyAdminMixin,
    RolePermissionAdminMixin,
)
from loket.core.errors import DomainError


class ContactredenForm(forms.ModelForm):
    class Meta:
        model = Contactreden
        fields = ["naam", "hoofdreden", "volgorde", "is_actief"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "hoofdreden" in self.fields:
            self.fields["hoofdreden"].queryset = Contactreden.objects.filter(
                hoofdreden__isnull=True
            )

    def clean(self):
        cleaned = super().clean()
        if "naam" in cleaned:
            try:
                cleaned["naam"] = contactreden_check(
                    naam=cleaned["naam"],
                    hoofdreden=cleaned.get("hoofdreden"),
                    instance=self.instance,
                )
            except DomainError as exc:
                field = exc.field if exc.field in self.fields else None
                self.add_error(field, exc.message)
        return cleaned


class SubredenInline(admin.TabularInline):
    model = Contactreden
    fk_name = "hoofdreden"
    fields = ["naam", "code", "volgorde", "is_actief"]
    readonly_fields = tuple(str(name) for name in fields)
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("subreden")
    verbose_name_plural = _("subredenen")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contactreden)
class ContactredenAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Beheerders maintain the contact reasons; the rules are those of contacts.services."""

    form = ContactredenForm
    list_display = ["__str__", "code", "volgorde", "is_actief"]
    list_filter = ["is_actief", ("hoofdreden", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["naam", "code", "hoofdreden__naam"]
    readonly_fields = ["code"]
    inlines = [SubredenInline]
    actions = ["deactivate"]

    manage_permission = MANAGE_REFERENCE_DATA
    # No delete: contacts refer to their reasons; deactivate instead

    def save_model(self, request, obj, form, change):
        if not change:
            obj.code = contactreden_code_for(naam=obj.naam, hoofdreden=obj.hoofdreden)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Geselecteerde contactredenen buiten gebruik stellen"))
    def deactivate(self, request, queryset):
        for contactreden in queryset:
            contactreden_deactivate(contactreden=contactreden)
        self.message_user(
            request, _("De contactredenen zijn buiten gebruik gesteld."), messages.SUCCESS
        )


class VraagInline(admin.TabularInline):
    model = Vraag
    fields = [
        "vraagtekst",
        "contactreden",
        "product",
        "afhandeling",
        "doorverwezen_naar",
        "antwoord",
    ]
    readonly_fields = tuple(str(name) for name in fields)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Klantcontact)
class KlantcontactAdmin(AuditedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: contacts are registered through the channels (contacts.services). A
    confidential contact shows only to whom may read it (contacts.vertrouwelijk); the pages show
    the others that it exists."""

    def access_filter(self, request):
        return klantcontact_readable_q(request.user)

    list_display = ["referentienummer", "plaatsgevonden_op", "kanaal", "medewerker", "onderwerp"]
    list_filter = ["kanaal", "indicatie_contact_gelukt", "vertrouwelijk"]
    search_fields = ["referentienummer", "onderwerp"]
    date_hierarchy = "plaatsgevonden_op"
    list_select_related = ["kanaal", "medewerker"]
    raw_id_fields = ["partij", "medewerker"]
    inlines = [VraagInline]


class ContactverzoekGebeurtenisInline(admin.TabularInline):
    model = ContactverzoekGebeurtenis
    fields = ["op", "soort", "door", "detail"]
    readonly_fields = tuple(str(name) for name in fields)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Contactverzoek)
class ContactverzoekAdmin(AuditedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, with its history: verzoeken are handled in the back office (contacts.services)."""

    def access_filter(self, request):
        return contactverzoek_access_filter(request.user) & contactverzoek_readable_q(request.user)

    list_display = ["__str__", "team", "medewerker", "status", "deadline", "created_at"]
    list_filter = ["status", ("team", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["klantcontact__referentienummer", "gevraagde_handeling"]
    date_hierarchy = "deadline"
    list_select_related = ["klantcontact", "team", "medewerker"]
    inlines = [ContactverzoekGebeurtenisInline]


@admin.register(ContactverzoekNorm)
class ContactverzoekNormAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    """Beheerders set the deadline norm per team, per product or per team and product; see
    contacts.services.contactverzoek_norm_werkuren for which one applies."""

    list_display = ["__str__", "team", "product", "werkuren"]
    list_filter = [("team", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["team__name", "product__upl_naam", "product__titel"]
    autocomplete_fields = ["product"]  # teams are few: a plain select
    list_select_related = ["team", "product"]

    manage_permission = MANAGE_REFERENCE_DATA
    allow_delete = True
