"""Template filters of the training pages."""

import datetime as dt

from django import template

from loket.contacts.constants import Afhandeling

register = template.Library()


@register.filter
def datum(value: str) -> str:
    """An ISO date from a session's klantbeeld (JSON) as the Dutch d-m-Y."""
    try:
        return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
    except (TypeError, ValueError):
        return value or ""


@register.filter
def afhandeling_label(value: str) -> str:
    return str(Afhandeling(value).label) if value in Afhandeling.values else value


@register.filter
def duur(seconden: int | None) -> str:
    """A duration in seconds as minutes:seconds, the way the session's timer shows it (3:05)."""
    if seconden is None:
        return "—"
    minuten, rest = divmod(int(seconden), 60)
    return f"{minuten}:{rest:02d}"
