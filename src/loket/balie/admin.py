from django.contrib import admin

from loket.accounts.permissions import MANAGE_REFERENCE_DATA
from loket.balie.models import Locatie
from loket.core.admin_mixins import RolePermissionAdminMixin


@admin.register(Locatie)
class LocatieAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_REFERENCE_DATA
    list_display = ["naam", "slug", "balies_voor_afspraken", "open_balies", "is_actief"]
    list_filter = ["is_actief"]
    filter_horizontal = ["producten"]
