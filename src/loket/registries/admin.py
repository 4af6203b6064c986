"""Django admin for the demo registries: read-only views of the Zeventerpen demo data.

The national registries are the source of truth; these tables only stand in for them in the demo
and in tests, and are filled by `loket demo`. Changes go through the backends (e.g. a verhuizing).
"""

from django.contrib import admin

from loket.registries.models import BagAdres, BrpPersoon, KvkVestiging, Reisdocument

DEMO_NOTE = "Demogegevens van de fictieve gemeente Zeventerpen; niet de echte basisregistratie."


class DemoRegistryAdmin(admin.ModelAdmin):
    """Read-only: viewing is allowed with the view permission; adding/changing/deleting is not."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "subtitle": DEMO_NOTE}
        return super().changelist_view(request, extra_context)


@admin.register(BagAdres)
class BagAdresAdmin(DemoRegistryAdmin):
    list_display = ["__str__", "postcode", "huisnummer", "woonplaats", "nummeraanduiding_id"]
    list_filter = ["woonplaats"]
    search_fields = ["=postcode", "straatnaam", "=nummeraanduiding_id"]


class ReisdocumentInline(admin.TabularInline):
    model = Reisdocument
    extra = 0
    can_delete = False
    fields = ["soort", "documentnummer", "datum_uitgifte", "datum_einde_geldigheid"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BrpPersoon)
class BrpPersoonAdmin(DemoRegistryAdmin):
    list_display = ["__str__", "bsn", "geboortedatum", "adres"]
    list_select_related = ["adres"]
    search_fields = ["=bsn", "^geslachtsnaam"]
    inlines = [ReisdocumentInline]


@admin.register(KvkVestiging)
class KvkVestigingAdmin(DemoRegistryAdmin):
    list_display = ["handelsnaam", "kvk_nummer", "vestigingsnummer", "is_hoofdvestiging"]
    list_filter = ["is_hoofdvestiging", "rechtsvorm"]
    search_fields = ["=kvk_nummer", "handelsnaam"]
    list_select_related = ["adres"]
