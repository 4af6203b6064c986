"""Who the citizen in this browser session is.

Citizens are not staff users: an authentication backend (the DigiD simulator in the demo; DigiD,
eHerkenning or OIDC in production) proves an identity and calls `citizen_login`. Every other part
of Loket asks only `citizen_partij(request)`.

A citizen session ends after `LOKET_BURGER_SESSIE_MINUTEN` idle minutes (DigiD's norm: 15);
`citizen_partij` then returns None and the citizen logs in again.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase

from loket.parties.models import Partij

SESSION_KEY = "loket_burger_partij"
SESSION_METHOD_KEY = "loket_burger_methode"
SESSION_SEEN_KEY = "loket_burger_gezien"
# The last-seen time is written at most this often, so reading pages does not save the session
# on every request.
SEEN_RESOLUTION_SECONDS = 60


def citizen_login(request, *, partij, methode: str) -> None:
    """Bind the session to a party; the session key rotates against session fixation."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = str(partij.uuid)
    request.session[SESSION_METHOD_KEY] = methode
    request.session[SESSION_SEEN_KEY] = int(time.time())
    request._loket_burger = partij


def citizen_logout(request) -> None:
    session: SessionBase = request.session
    session.pop(SESSION_KEY, None)
    session.pop(SESSION_METHOD_KEY, None)
    session.pop(SESSION_SEEN_KEY, None)
    session.cycle_key()
    request._loket_burger = None


def _expired(request) -> bool:
    """True (and the citizen logged out) when the session was idle too long."""
    now = int(time.time())
    seen = request.session.get(SESSION_SEEN_KEY)
    if not isinstance(seen, int):
        # A session bound without citizen_login (tests, benchmarks): the clock starts now.
        request.session[SESSION_SEEN_KEY] = now
        return False
    timeout = int(settings.LOKET_BURGER_SESSIE_MINUTEN) * 60
    if now - seen > timeout:
        citizen_logout(request)

        messages.info(
            request,
            "U was een tijd niet actief en bent daarom uitgelogd. Log opnieuw in.",
            fail_silently=True,
        )
        return True
    if now - seen >= SEEN_RESOLUTION_SECONDS:
        request.session[SESSION_SEEN_KEY] = now
    return False


def citizen_partij(request):
    """The logged-in citizen's Partij, or None."""

    value = request.session.get(SESSION_KEY)
    if not value:
        return None
    cached = getattr(request, "_loket_burger", None)
    if cached is not None and str(cached.uuid) == value:
        return cached
    if _expired(request):
        return None
    partij = Partij.objects.filter(uuid=value).select_related("persoon").first()
    request._loket_burger = partij
    return partij
