from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.accounts.permissions import MANAGE_CATALOGUE
from loket.catalogue.admin import catalogus_site
from loket.portal.models import PaginaFeedback


class PaginaFeedbackAdmin(admin.ModelAdmin):
    """What citizens answered to "Heeft deze informatie u geholpen?": read only, for redacteuren
    and beheerders (accounts.manage_catalogue) to improve the pages."""

    list_display = ["moment", "pad", "paginatitel", "geholpen", "heeft_opmerking", "ingelogd"]
    list_filter = ["geholpen", "ingelogd", "moment", "product__dienstverleningsformule"]
    search_fields = ["pad", "paginatitel", "opmerking"]
    date_hierarchy = "moment"
    list_select_related = ["product"]
    readonly_fields = [
        "moment",
        "pad",
        "paginatitel",
        "product",
        "artikel",
        "levensgebeurtenis",
        "geholpen",
        "opmerking",
        "ingelogd",
    ]
    exclude = ["sleutel"]

    @admin.display(description=_("opmerking"), boolean=True)
    def heeft_opmerking(self, obj) -> bool:
        return bool(obj.opmerking)

    def _may_read(self, request) -> bool:
        return request.user.has_perm(MANAGE_CATALOGUE)

    def has_module_permission(self, request):
        return self._may_read(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_read(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(PaginaFeedback, PaginaFeedbackAdmin)
catalogus_site.register(PaginaFeedback, PaginaFeedbackAdmin)
