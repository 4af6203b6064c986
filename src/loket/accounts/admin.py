from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Membership, Team, User
from loket.accounts.permissions import MANAGE_USERS
from loket.core.admin_mixins import RolePermissionAdminMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "team"]

    # The inline follows the page it is on: whoever manages users manages memberships.
    def _may_manage(self, request) -> bool:
        return request.user.has_perm(MANAGE_USERS)

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_manage(request) or super().has_delete_permission(request, obj)


@admin.register(User)
class LoketUserAdmin(RolePermissionAdminMixin, UserAdmin):
    """Medewerkers with their roles (groups) and teams, for whoever manages users (beheerder).
    Superuser status and loose permissions stay with superusers: a role is the unit of rights."""

    manage_permission = MANAGE_USERS
    list_display = ["username", "first_name", "last_name", "job_title", "rollen", "is_active"]
    list_filter = ["is_active", "groups", "teams"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = (
        (None, {"fields": ["username", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email", "job_title", "toestel"]}),
        (_("Rollen en toegang"), {"fields": ["is_active", "is_staff", "groups"]}),
        (_("Alleen voor superusers"), {"fields": ["is_superuser", "user_permissions"]}),
        (_("Datums"), {"fields": ["last_login", "date_joined"]}),
    )
    inlines = [MembershipInline]

    @admin.display(description=_("rollen"))
    def rollen(self, obj: User) -> str:
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


@admin.register(Team)
class TeamAdmin(RolePermissionAdminMixin, admin.ModelAdmin):
    manage_permission = MANAGE_USERS
    list_display = ["name", "kind", "parent", "email", "is_actief"]
    list_filter = ["kind", "is_actief"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
