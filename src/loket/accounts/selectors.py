from __future__ import annotations

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from loket.accounts.constants import ROLE_HOME, Role
from loket.accounts.models import Team, User


def user_home_url(*, user: User) -> str:
    """The start page for the user's first role (in the order of `Role`)."""
    for role in Role:
        if user.has_role(role):
            try:
                return reverse(ROLE_HOME[role])
            except NoReverseMatch:
                continue
    return reverse("accounts:home")


def team_list() -> QuerySet[Team]:
    return Team.objects.select_related("parent").order_by("name")


def team_members(*, team: Team) -> QuerySet[User]:
    return team.members.order_by("last_name", "first_name")
