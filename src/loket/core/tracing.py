"""Traces of the processing log (Logius' Logboek Dataverwerkingen, docs/verwerkingslog.md).

A request is one trace: `core.middleware.AuditScopeMiddleware` opens a `trace_scope` with the
incoming W3C `traceparent` header (its trace id is kept; an invalid header is replaced by a new
trace) and returns the trace in a `traceparent` response header. Every audit entry, outbox
message and notification written in that request carries the trace id, so the log of one
request can be followed from the read of a person to the e-mail and the notification it caused.
Outside a request (the worker, a management command) `current_trace_id()` is "" and the audit
log starts a trace per entry."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# W3C Trace Context, version 00: version-traceid-parentid-flags, lower-case hex.
_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$")
_ZERO_TRACE = "0" * 32
_ZERO_SPAN = "0" * 16


@dataclass(frozen=True)
class Trace:
    """The trace of one request: its id, the span of this request in Loket and, when the caller
    sent a traceparent, the caller's span (the standard's foreign operation)."""

    trace_id: str
    span_id: str
    foreign_span_id: str = ""

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-01"


_current: ContextVar[Trace | None] = ContextVar("loket_trace", default=None)


def new_trace_id() -> str:
    """16 random bytes as 32 hex characters (never all zeros)."""
    return secrets.token_hex(16)


def new_span_id() -> str:
    """8 random bytes as 16 hex characters."""
    return secrets.token_hex(8)


def parse_traceparent(value: str) -> tuple[str, str] | None:
    """The (trace id, parent span id) of a valid traceparent header, else None. Version ff, an
    all-zero id and a version-00 header with extra fields are invalid (W3C Trace Context §3.2)."""
    match = _TRACEPARENT.match((value or "").strip())
    if match is None:
        return None
    version, trace_id, span_id, _flags, rest = match.groups()
    if version == "ff" or (version == "00" and rest):
        return None
    if trace_id == _ZERO_TRACE or span_id == _ZERO_SPAN:
        return None
    return trace_id, span_id


@contextmanager
def trace_scope(traceparent: str = "") -> Iterator[Trace]:
    """Within this block everything written belongs to one trace: the caller's (a valid
    `traceparent`) or a new one."""
    parsed = parse_traceparent(traceparent)
    trace = Trace(
        trace_id=parsed[0] if parsed else new_trace_id(),
        span_id=new_span_id(),
        foreign_span_id=parsed[1] if parsed else "",
    )
    token = _current.set(trace)
    try:
        yield trace
    finally:
        _current.reset(token)


def current_trace() -> Trace | None:
    return _current.get()


def current_trace_id() -> str:
    """The trace id of the current request, or "" outside one."""
    trace = _current.get()
    return trace.trace_id if trace is not None else ""
