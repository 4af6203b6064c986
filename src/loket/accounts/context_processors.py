from loket.accounts.constants import Role


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": []}
    names = user.roles
    return {
        "user_roles": names,
        "user_role_labels": [Role(name).label for name in names],
    }
