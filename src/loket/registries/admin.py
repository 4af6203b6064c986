"""Django admin for the demo registries: read-only views of the Zeventerpen demo data.

The national registries are the source of truth; these tables only stand in for them in the demo
and in tests, and are filled by `loket demo`. Changes go through the backends (e.g. a verhuizing).
"""

from django.contrib import admin

from loket.accounts.permissions import MANAGE_REFERENCE_DATA
from loket.registries.models import BagAdres, BrpPersoon, KvkVestiging, Reisdocument
from loket.registries.services import bag_adres_set_onderzoek

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
    list_display = [
        "__str__",
        "postcode",
        "huisnummer",
        "woonplaats",
        "nummeraanduiding_id",
        "in_onderzoek",
    ]
    list_filter = ["woonplaats", "in_onderzoek"]
    search_fields = ["=postcode", "straatnaam", "=nummeraanduiding_id"]
    actions = ["onderzoek_starten", "onderzoek_beeindigen"]

    def has_onderzoek_permission(self, request):
        return request.user.has_perm(MANAGE_REFERENCE_DATA)

    @admin.action(description="Adres in onderzoek zetten", permissions=["onderzoek"])
    def onderzoek_starten(self, request, queryset):

        n = bag_adres_set_onderzoek(adres_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{n} adres(sen) in onderzoek gezet.")

    @admin.action(description="Onderzoek beëindigen", permissions=["onderzoek"])
    def onderzoek_beeindigen(self, request, queryset):

        n = bag_adres_set_onderzoek(
            adres_ids=list(queryset.values_list("pk", flat=True)), in_onderzoek=False
        )
        self.message_user(request, f"Onderzoek beëindigd voor {n} adres(sen).")


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
