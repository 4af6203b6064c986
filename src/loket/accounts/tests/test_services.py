import pytest

from loket.accounts.constants import Role
from loket.accounts.services import team_add_member, team_create, user_create
from loket.core.errors import DomainError


@pytest.mark.django_db
def test_roles_carry_their_permissions():
    kcc = user_create(username="k", password="x", roles=[Role.KCC])
    beheerder = user_create(username="b", password="x", roles=[Role.BEHEERDER])
    assert kcc.has_perm("accounts.view_person_data")
    assert not kcc.has_perm("accounts.view_audit_log")
    assert beheerder.has_perm("accounts.view_audit_log")
    assert not beheerder.has_perm("accounts.view_person_data")


@pytest.mark.django_db
def test_username_is_unique_case_insensitively():
    user_create(username="Piet", password="x")
    with pytest.raises(DomainError) as excinfo:
        user_create(username="piet", password="x")
    assert excinfo.value.field == "gebruikersnaam"


@pytest.mark.django_db
def test_unknown_role_is_refused():
    with pytest.raises(DomainError, match="Onbekende rol"):
        user_create(username="x", password="x", roles=["directeur"])


@pytest.mark.django_db
def test_team_membership():
    afdeling = team_create(name="Publiekszaken", slug="publiekszaken", kind="afdeling")
    groep = team_create(name="KCC", slug="kcc", parent=afdeling)
    user = user_create(username="k", password="x", roles=[Role.KCC])
    team_add_member(team=groep, user=user, is_coordinator=True)
    assert list(user.teams.all()) == [groep]
    assert groep.parent == afdeling
    with pytest.raises(DomainError):
        team_create(name="kcc", slug="kcc-2")


@pytest.mark.django_db
def test_a_team_is_active_until_deactivated():
    from loket.accounts.services import team_set_active

    team = team_create(name="Belastingen", slug="belastingen")
    assert team.is_actief
    team_set_active(team=team, is_actief=False)
    team.refresh_from_db()
    assert not team.is_actief
    assert not team_create(name="Oud", slug="oud", is_actief=False).is_actief
