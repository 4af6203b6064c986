def test_core_names_the_same_permission_as_accounts():
    """core sits below accounts and names DISTRIBUTE_WORK by its string; the two must agree."""
    import inspect

    from loket.accounts.permissions import DISTRIBUTE_WORK, VIEW_AUDIT_LOG
    from loket.core import access, views

    assert inspect.signature(access.sees_all_teams).parameters["perm"].default == DISTRIBUTE_WORK
    assert VIEW_AUDIT_LOG in inspect.getsource(views)


def test_the_module_names_every_role_permission_and_only_those():
    from loket.accounts import permissions
    from loket.accounts.models import User

    named = {v for k, v in vars(permissions).items() if k.isupper()}
    declared = {f"accounts.{codename}" for codename, _label in User._meta.permissions}
    assert named == declared
