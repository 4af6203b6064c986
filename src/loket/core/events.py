"""Domain events: a service says what happened, the apps that care react, and the service does
not know them. This keeps the layering (docs/architecture.md): a domain app never imports
`proactive` or `insights`; those subscribe to the domain's events in their AppConfig.ready().

A service publishes inside its transaction: `publish(ZaakStatusGezet(...))`. A handler
subscribed with `on_commit=False` runs at once, in the same transaction (its writes commit or
roll back with the cause: queueing a message in the outbox, creating a signal); one with
`on_commit=True` runs after the commit (work that must only see committed data). A handler's
exception in the transaction propagates: the cause and its effects are one unit of work.

The events are plain frozen dataclasses of the objects involved; their list is in
docs/architecture.md ("Domain events").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Base class of every domain event."""


Handler = Callable[[Any], None]
_handlers: dict[type[Event], list[tuple[Handler, bool]]] = {}


def subscribe(event_type: type[Event], handler: Handler, *, on_commit: bool = False) -> None:
    """Call `handler(event)` for every published event of this type (idempotent per handler)."""
    entries = _handlers.setdefault(event_type, [])
    if not any(existing is handler for existing, _ in entries):
        entries.append((handler, on_commit))


def unsubscribe(event_type: type[Event], handler: Handler) -> None:
    """Stop calling `handler` for this event type (tests; an app that is switched off)."""
    _handlers[event_type] = [e for e in _handlers.get(event_type, []) if e[0] is not handler]


def subscribers(event_type: type[Event]) -> list[Handler]:
    return [handler for handler, _ in _handlers.get(event_type, [])]


def _run_after_commit(handler: Handler, event: Event) -> None:
    try:
        handler(event)
    except Exception:  # the cause is committed; log and let the worker's scans catch up
        logger.exception("Handler %s for %s failed after commit", handler, type(event).__name__)


def publish(event: Event) -> None:
    """Deliver the event to its subscribers (and to those of its base classes)."""
    for event_type in type(event).__mro__:
        for handler, on_commit in _handlers.get(event_type, []):
            if on_commit:
                transaction.on_commit(partial(_run_after_commit, handler, event))
            else:
                handler(event)
