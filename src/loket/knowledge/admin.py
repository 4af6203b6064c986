"""Gegevensbeheer for the knowledge base. Articles are written in the redactie screens
(/kennis/redactie/), which check the revisie and sanitise; here their content is read-only and
published versions are immutable."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from loket.knowledge.models import (
    ArtikelFeedback,
    ArtikelVersie,
    Kennisartikel,
    Leesbevestiging,
    Nieuwsbericht,
    Synoniem,
    Werkinstructie,
    ZoekLog,
)
from loket.knowledge.services import CONTENT_FIELDS, sanitise_html


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ArtikelVersieInline(admin.TabularInline):
    model = ArtikelVersie
    fields = readonly_fields = (
        "nummer",
        "vraag",
        "organisatie",
        "gepubliceerd_op",
        "gepubliceerd_door",
    )
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Kennisartikel)
class KennisartikelAdmin(admin.ModelAdmin):
    list_display = ["vraag", "slug", "categorie", "status", "versie", "review_datum", "eigenaar"]
    list_filter = ["status", "categorie", "eigenaar"]
    search_fields = ["vraag", "slug"]
    readonly_fields = [
        "slug",
        *CONTENT_FIELDS,
        "status",
        "gepubliceerde_versie",
        "revisie",
        "organisatie",  # in the redactie form, where the referral rule is checked
        "redactie_link",
    ]
    fields = [
        "redactie_link",
        *readonly_fields[:-1],
        "categorie",
        "eigenaar",
        "review_datum",
    ]
    autocomplete_fields = ["eigenaar"]
    inlines = [ArtikelVersieInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("versie"))
    def versie(self, obj):
        return obj.gepubliceerde_versie.nummer if obj.gepubliceerde_versie_id else "—"

    @admin.display(description=_("bewerken"))
    def redactie_link(self, obj):
        url = reverse("knowledge:artikel_bewerken", kwargs={"slug": obj.slug})
        return format_html('<a href="{}">{}</a>', url, _("Bewerken in de redactie"))

    def save_model(self, request, obj, form, change):
        # Someone editing in the redactie at the same time gets a conflict instead of a loss.
        obj.revisie += 1
        super().save_model(request, obj, form, change)


@admin.register(ArtikelVersie)
class ArtikelVersieAdmin(ReadOnlyAdmin):
    list_display = ["vraag", "artikel", "nummer", "gepubliceerd_op", "gepubliceerd_door"]
    search_fields = ["vraag", "artikel__slug"]
    list_select_related = ["artikel", "gepubliceerd_door"]


@admin.register(Synoniem)
class SynoniemAdmin(admin.ModelAdmin):
    list_display = ["term", "betekenis", "is_actief"]
    list_filter = ["is_actief"]
    search_fields = ["term", "betekenis"]

    def save_model(self, request, obj, form, change):
        obj.term = " ".join(obj.term.lower().split())
        super().save_model(request, obj, form, change)


class SanitisedInhoudAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        obj.inhoud = sanitise_html(obj.inhoud)
        super().save_model(request, obj, form, change)


@admin.register(Werkinstructie)
class WerkinstructieAdmin(SanitisedInhoudAdmin):
    list_display = ["titel", "is_actief", "updated_at"]
    list_filter = ["is_actief", "teams"]
    search_fields = ["titel"]
    filter_horizontal = ["teams", "producten", "artikelen"]


@admin.register(Nieuwsbericht)
class NieuwsberichtAdmin(SanitisedInhoudAdmin):
    list_display = ["titel", "is_belangrijk", "gepubliceerd_op", "verloopt_op"]
    list_filter = ["is_belangrijk", "teams"]
    search_fields = ["titel"]
    filter_horizontal = ["teams"]


@admin.register(Leesbevestiging)
class LeesbevestigingAdmin(ReadOnlyAdmin):
    list_display = ["bericht", "medewerker", "gelezen_op"]
    list_select_related = ["bericht", "medewerker"]


@admin.register(ArtikelFeedback)
class ArtikelFeedbackAdmin(admin.ModelAdmin):
    list_display = ["artikel", "soort", "status", "melder", "created_at"]
    list_filter = ["status", "soort"]
    readonly_fields = ["artikel", "versie", "soort", "opmerking", "melder", "afgehandeld_door"]
    list_select_related = ["artikel", "melder"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        obj.afgehandeld_door = request.user
        super().save_model(request, obj, form, change)


@admin.register(ZoekLog)
class ZoekLogAdmin(ReadOnlyAdmin):
    list_display = ["q", "kanaal", "aantal_resultaten", "top_score", "gezocht_op"]
    list_filter = ["kanaal"]
    search_fields = ["q"]
    date_hierarchy = "gezocht_op"
