"""Types shared by every app's services and selectors (checked by mypy, see pyproject.toml)."""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    """Who acts: a medewerker (User), an inwoner's or API token's identity, or AnonymousUser.
    Services take `user: Actor | None`; None is a system process (the worker, an import)."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    def has_perm(self, perm: str, obj: Any = ...) -> bool: ...
