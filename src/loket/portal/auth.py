"""Who the citizen in this browser session is.

Citizens are not staff users: an authentication backend (the DigiD simulator in the demo; DigiD,
eHerkenning or OIDC in production) proves an identity and calls `citizen_login`. Every other part
of Loket asks only `citizen_partij(request)`.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "loket_burger_partij"
SESSION_METHOD_KEY = "loket_burger_methode"


def citizen_login(request, *, partij, methode: str) -> None:
    """Bind the session to a party; the session key rotates against session fixation."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = str(partij.uuid)
    request.session[SESSION_METHOD_KEY] = methode


def citizen_logout(request) -> None:
    session: SessionBase = request.session
    session.pop(SESSION_KEY, None)
    session.pop(SESSION_METHOD_KEY, None)
    session.cycle_key()


def citizen_partij(request):
    """The logged-in citizen's Partij, or None."""
    from loket.parties.models import Partij

    value = request.session.get(SESSION_KEY)
    if not value:
        return None
    cached = getattr(request, "_loket_burger", None)
    if cached is not None and str(cached.uuid) == value:
        return cached
    partij = Partij.objects.filter(uuid=value).select_related("persoon").first()
    request._loket_burger = partij
    return partij
