from rest_framework import permissions

from loket.api.authentication import TokenUser

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


class HasScope(permissions.BasePermission):
    """A view declares `scope = "partijen"`; reads need "partijen:lezen", writes "partijen:schrijven".

    A logged-in medewerker (session) needs the Django permission in the view's
    `session_permissions` for the method kind instead.
    """

    message = "Dit token heeft niet de benodigde scope."

    def has_permission(self, request, view) -> bool:
        scope = getattr(view, "scope", None)
        if scope is None:
            return False
        kind = "lezen" if request.method in READ_METHODS else "schrijven"
        user = request.user
        if isinstance(user, TokenUser):
            self.message = f"Dit token heeft niet de scope '{scope}:{kind}'."
            return user.token.has_scope(f"{scope}:{kind}")
        if user and user.is_authenticated:
            perms = getattr(view, "session_permissions", {}).get(kind)
            return bool(perms) and user.has_perms(perms)
        return False
