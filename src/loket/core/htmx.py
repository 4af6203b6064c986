"""The one place views ask about htmx (django-htmx's middleware sets `request.htmx`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    """Any request htmx made (a fragment swap, a history restore, a form post)."""
    return bool(getattr(request, "htmx", False))


def is_htmx_fragment_request(request: HttpRequest, *, target: str | None = None) -> bool:
    """An htmx request that swaps a fragment (into `target`, when given); a history restore
    needs the whole page."""
    htmx = getattr(request, "htmx", None)
    if htmx is None or not bool(htmx) or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target


def vary_on_htmx(response: HttpResponseBase) -> HttpResponseBase:
    """A page that answers htmx with a fragment varies on the header (caches keep both)."""
    patch_vary_headers(response, ["HX-Request"])
    return response
