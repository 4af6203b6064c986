"""Who is asking: a medewerker (a user), another system (an API token's identity) or Loket itself
(None). The access selectors of the domain apps (`zaak_access_filter`, `access_zaak`,
`contactverzoek_access_filter`, `access_melding`, …) build on these, so the page, the API and the
admin apply one rule per resource (docs/security.md)."""

from __future__ import annotations


def api_token(user):
    """The ApiToken behind a token identity (api.authentication.TokenUser), or None."""
    token = getattr(user, "token", None)
    return token if token is not None and hasattr(token, "has_scope") else None


def is_system(user) -> bool:
    """Loket itself (a service called by the worker or a management command)."""
    return user is None


def sees_all_teams(user, *, perm: str = "accounts.distribute_work") -> bool:
    """Loket itself, another system (its scope was checked at the door) and a medewerker who
    distributes work (teamleider) see every team's records; others only their own teams'."""
    if is_system(user) or api_token(user) is not None:
        return True
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(perm)


def idempotency_client_of(user) -> str:
    """The namespace of a caller's idempotency keys: its API token or its user account ("" for
    Loket itself and anonymous callers). A key is only ever matched within its client: another
    client that sends the same key makes a new request and never reads the first one's record."""
    token = api_token(user)
    if token is not None:
        return f"token:{token.pk}"
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        return f"user:{user.pk}"
    return ""
