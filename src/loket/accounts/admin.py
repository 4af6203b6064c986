from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from loket.accounts.models import Membership, Team, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class LoketUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "job_title", "is_active"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Loket", {"fields": ["job_title"]}))


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "email", "is_actief"]
    list_filter = ["kind", "is_actief"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
