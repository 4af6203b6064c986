"""Writes for medewerkers, roles and teams."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from loket.accounts.constants import ROLE_PERMISSIONS, Role, TeamKind
from loket.accounts.models import Membership, Team, User
from loket.core.audit import audit_record
from loket.core.errors import DomainError
from loket.core.models import AuditAction


@transaction.atomic
def roles_ensure() -> None:
    """Create the role groups with their permissions (idempotent; runs after every migrate)."""
    # A flush (transactional tests) re-creates content types with new ids: drop the cached ones.
    ContentType.objects.clear_cache()
    content_type = ContentType.objects.get_for_model(User)
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = list(
            Permission.objects.filter(content_type=content_type, codename__in=codenames)
        )
        if len(permissions) != len(codenames):
            # Permissions are created by a post_migrate handler of contrib.auth; run it first.

            model = content_type.model_class()
            assert model is not None, content_type  # a stale content type has no model
            create_permissions(model._meta.app_config, verbosity=0)
            permissions = list(
                Permission.objects.filter(content_type=content_type, codename__in=codenames)
            )
        group.permissions.set(permissions)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: list[str] | tuple[str, ...] = (),
    teams: list[Team] | tuple[Team, ...] = (),
    job_title: str = "",
    is_superuser: bool = False,
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            f"De gebruikersnaam '{username}' is al in gebruik.", field="gebruikersnaam"
        )
    unknown = [role for role in roles if role not in Role.values]
    if unknown:
        raise DomainError(f"Onbekende rol: {', '.join(unknown)}.", field="rollen")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        is_staff=is_superuser or Role.BEHEERDER in roles,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if roles:
        roles_ensure()
        user.groups.set(Group.objects.filter(name__in=roles))
    for team in teams:
        Membership.objects.create(team=team, user=user)
    return user


@transaction.atomic
def team_create(
    *,
    name: str,
    slug: str,
    kind: str = TeamKind.GROEP,
    parent: Team | None = None,
    email: str = "",
    is_actief: bool = True,
) -> Team:
    if kind not in TeamKind.values:
        raise DomainError(f"Onbekende soort team: {kind}.", field="soort")
    if Team.objects.filter(slug=slug).exists() or Team.objects.filter(name__iexact=name).exists():
        raise DomainError(f"Er bestaat al een team '{name}'.", field="naam")
    return Team.objects.create(
        name=name, slug=slug, kind=kind, parent=parent, email=email, is_actief=is_actief
    )


@transaction.atomic
def team_set_active(*, team: Team, is_actief: bool) -> Team:
    """(De)activate a team. An inactive team takes no new work; what it has stays with it."""
    team.is_actief = is_actief
    team.save(update_fields=["is_actief", "updated_at"])
    return team


@transaction.atomic
def team_add_member(*, team: Team, user: User, is_coordinator: bool = False) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        team=team, user=user, defaults={"is_coordinator": is_coordinator}
    )
    return membership


def login_blokkade_record(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes blocked a login (too many wrong passwords): record it in the audit log, with
    the account and the address, so the beheerder sees who was attacked and from where."""

    audit_record(
        user=None,
        action=AuditAction.LOCKOUT,
        object_type="accounts.user",
        object_id=(username or "")[:64],
        object_label=f"Inloggen geblokkeerd voor '{username or '?'}'"[:200],
        purpose="Beveiliging: te veel mislukte inlogpogingen",
        detail={"ip_adres": ip_address or "", "pad": getattr(request, "path", "")[:200]},
    )
