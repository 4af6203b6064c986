"""Factories for medewerkers and teams, built through the accounts services (roles as groups,
memberships), so a test user has exactly the permissions a real one of that role has."""

import factory
from django.utils.text import slugify

from loket.accounts.models import Team, User
from loket.accounts.services import team_create, user_create


class TeamFactory(factory.Factory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    @classmethod
    def _create(cls, model_class, **kwargs):
        return team_create(**kwargs)


class UserFactory(factory.Factory):
    """`UserFactory(role="kcc-medewerker")`: a medewerker with that role (or none), password
    "geheim-123"; `teams=[team]` makes them a member."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = "geheim-123"
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    role = None

    @classmethod
    def _create(cls, model_class, *, role, **kwargs):
        kwargs.setdefault("roles", [role] if role else [])
        return user_create(**kwargs)
