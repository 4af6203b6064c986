"""Where an article's links lead: articles name a target (`loket:formulier`), the channel that
shows them knows the address. The portal registers how it resolves them (PortalConfig.ready), so
the knowledge API can give a client outside Loket real addresses without importing the portal."""

from __future__ import annotations

from collections.abc import Callable

from loket.catalogue.models import Product

Resolver = Callable[..., str]
_resolver: Resolver | None = None


def register_link_resolver(resolver: Resolver) -> None:
    global _resolver
    _resolver = resolver


def resolve_article_links(html: str, *, producten: list[Product], basis: str = "") -> str:
    """The article's HTML with its links resolved (unchanged when no channel registered one)."""
    if _resolver is None:
        return html
    return _resolver(html, producten=producten, basis=basis)
