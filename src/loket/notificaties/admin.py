"""Admin for beheerders: the subscribers, the notifications sent with each delivery's state (a
failed one can be tried again), and the notifications received."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import MANAGE_API_TOKENS
from loket.core.admin_mixins import RolePermissionAdminMixin
from loket.core.errors import DomainError
from loket.notificaties.models import (
    Abonnement,
    Aflevering,
    AfleverStatus,
    Notificatie,
    OntvangenNotificatie,
)
from loket.notificaties.services import aflevering_retry


class _Beheer(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_API_TOKENS


@admin.register(Abonnement)
class AbonnementAdmin(_Beheer):
    list_display = ["naam", "callback_url", "kanalen", "actief", "created_at"]
    list_filter = ["actief"]
    search_fields = ["naam", "callback_url"]
    fields = ["naam", "callback_url", "auth", "kanalen", "actief"]


class _ReadOnly(_Beheer):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notificatie)
class NotificatieAdmin(_ReadOnly):
    list_display = ["kanaal", "resource", "actie", "hoofd_object", "aanmaakdatum"]
    list_filter = ["kanaal", "actie"]
    search_fields = ["hoofd_object", "uuid"]
    date_hierarchy = "aanmaakdatum"


@admin.register(Aflevering)
class AfleveringAdmin(_ReadOnly):
    list_display = ["notificatie", "abonnement", "status", "pogingen", "volgende_poging_op"]
    list_filter = ["status", "abonnement"]
    search_fields = ["hoofd_object", "laatste_fout"]
    actions = ["opnieuw_proberen"]

    @admin.action(description=_("Opnieuw proberen (mislukte afleveringen)"))
    def opnieuw_proberen(self, request, queryset):
        gedaan = 0
        for aflevering in queryset.filter(status=AfleverStatus.MISLUKT):
            try:
                aflevering_retry(aflevering=aflevering)
                gedaan += 1
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
        self.message_user(request, f"{gedaan} aflevering(en) staan weer in de wachtrij.")


@admin.register(OntvangenNotificatie)
class OntvangenNotificatieAdmin(_ReadOnly):
    list_display = ["afzender", "kanaal", "resource", "actie", "hoofd_object", "ontvangen_op"]
    list_filter = ["kanaal", "afzender"]
    search_fields = ["hoofd_object", "resource_url"]
