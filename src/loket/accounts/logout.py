"""What a medewerker should know before logging out. Apps above accounts register a function
that names the work he leaves behind (the KCC: open contacts); the logout view asks them all and,
when any answers, asks the medewerker to confirm first (a page, so it works without JS)."""

from __future__ import annotations

from collections.abc import Callable

from loket.accounts.models import User

LogoutWarning = Callable[[User], list[str]]

_warnings: list[LogoutWarning] = []


def register_logout_warning(warning: LogoutWarning) -> None:
    """Register `warning(user) -> [sentences]` (once; registering twice is a no-op)."""
    if warning not in _warnings:
        _warnings.append(warning)


def logout_warnings(*, user: User) -> list[str]:
    """The sentences every registered app has for this user, in registration order."""
    return [sentence for warning in _warnings for sentence in warning(user)]
