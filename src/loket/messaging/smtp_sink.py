"""A local SMTP sink (aiosmtpd) for tests and the outbox benchmark.

It stands for the receiving side of the idempotency key: a message whose Message-ID it has already
accepted is acknowledged but not delivered again, as a mail relay with duplicate suppression
(or the citizen's mailbox, which threads by Message-ID) does.
"""

from __future__ import annotations

import logging
import multiprocessing
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.delivered: dict[str, bytes] = {}
        self.attempts = 0
        self.duplicates = 0
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        key = "".join(str(message.get("Message-ID", "")).split()) or f"zonder-id-{self.attempts}"
        with self.lock:
            self.attempts += 1
            if key in self.delivered:
                self.duplicates += 1
            else:
                self.delivered[key] = envelope.content
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """with SmtpSink() as sink: ... sink.port, sink.delivered, sink.duplicates"""

    def __init__(self, port: int | None = None) -> None:
        self.handler = _Handler()
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per SMTP command
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def delivered(self) -> dict[str, bytes]:
        return self.handler.delivered

    @property
    def attempts(self) -> int:
        return self.handler.attempts

    @property
    def duplicates(self) -> int:
        return self.handler.duplicates

    def mailer(self) -> dict:
        """A MAILERS entry that sends to this sink."""
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
        }


def _serve(port: int, ready, stop, conn) -> None:
    with SmtpSink(port) as sink:
        ready.set()
        stop.wait()
        conn.send(
            {
                "delivered": len(sink.delivered),
                "duplicates": sink.duplicates,
                "attempts": sink.attempts,
            }
        )


class SmtpSinkProcess:
    """The sink in its own process, as a real mail server is: the sender does not share the
    interpreter (and its GIL) with it. Counts come back when it stops."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        context = multiprocessing.get_context("spawn")
        self._ready = context.Event()
        self._stop = context.Event()
        self._parent, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(self.port, self._ready, self._stop, child), daemon=True
        )
        self.counts: dict[str, int] = {}

    def __enter__(self) -> SmtpSinkProcess:
        self._process.start()
        if not self._ready.wait(30):
            raise RuntimeError("SMTP-sink start niet")
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._parent.poll(30):
            self.counts = self._parent.recv()
        self._process.join(10)

    def mailer(self) -> dict:
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
        }
