"""Real-time wake-ups between web processes (the web chat, issue 17).

The data itself always lives in the database; the broker only says "something changed on this
topic", so a request waiting for news (a long poll) can stop waiting and read it. Two backends:

- `LocalBroker` (the embedded default, one process: `scripts/run`'s runserver): threads in the
  same process wake each other.
- `RedisBroker` (production, several gunicorn processes): Redis pub/sub, `LOKET_BROKER_URL=
  redis://127.0.0.1:6379/0`.

A waiter subscribes *before* it reads the database and then waits, so a change committed between
the read and the wait still wakes it. Publishing happens after the transaction commits (a reader
woken earlier would not see the change yet).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterable
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


class Subscription(Protocol):
    def wait(self, timeout: float) -> bool:
        """Block until a topic was published to (True) or the timeout passed (False)."""

    def close(self) -> None: ...


class _LocalSubscription:
    def __init__(self, broker: LocalBroker, topics: list[str]) -> None:
        self.broker = broker
        self.topics = topics
        self.event = threading.Event()

    def wait(self, timeout: float) -> bool:
        return self.event.wait(timeout)

    def close(self) -> None:
        self.broker._remove(self)


class LocalBroker:
    """In-process pub/sub for a single web process."""

    # Without a shared broker a process cannot hear another one: a waiter then looks again after
    # this many seconds at most (a slower chat, never a lost message).
    max_wait: float | None = None

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: dict[str, set[_LocalSubscription]] = {}

    def subscribe(self, topics: Iterable[str]) -> _LocalSubscription:
        sub = _LocalSubscription(self, list(topics))
        with self._lock:
            for topic in sub.topics:
                self._subscriptions.setdefault(topic, set()).add(sub)
        return sub

    def _remove(self, sub: _LocalSubscription) -> None:
        with self._lock:
            for topic in sub.topics:
                subs = self._subscriptions.get(topic)
                if subs is not None:
                    subs.discard(sub)
                    if not subs:
                        del self._subscriptions[topic]

    def publish_now(self, topic: str) -> None:
        with self._lock:
            subs = list(self._subscriptions.get(topic, ()))
        for sub in subs:
            sub.event.set()

    def publish_all(self) -> None:
        """Wake every waiter (after a lost connection to the shared broker)."""
        with self._lock:
            subs = {sub for group in self._subscriptions.values() for sub in group}
        for sub in subs:
            sub.event.set()


class RedisBroker:
    """Redis pub/sub: wakes waiters in every web process. One subscription per process (a
    listener thread on `loket:*`) fans out to the waiters in the process, so a thousand waiting
    chats cost one Redis connection, not a thousand."""

    max_wait: float | None = None

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_connect_timeout=2)
        self.prefix = "loket:"
        self.local = LocalBroker()
        self._started = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def _listen(self) -> None:
        while True:
            pubsub = self.client.pubsub(ignore_subscribe_messages=True)
            try:
                pubsub.psubscribe(self.prefix + "*")
                pubsub.get_message(timeout=2)  # the confirmation
                self._started.set()
                # Reconnected: whatever was published meanwhile, the waiters read again.
                self.local.publish_all()
                for message in pubsub.listen():
                    if message.get("type") == "pmessage":
                        channel = message["channel"]
                        if isinstance(channel, bytes):
                            channel = channel.decode()
                        self.local.publish_now(channel[len(self.prefix) :])
            except Exception:
                logger.warning("Verbinding met Redis verbroken; opnieuw over 1 s.", exc_info=True)
                self._started.clear()
                time.sleep(1)
            finally:
                with contextlib.suppress(Exception):
                    pubsub.close()

    def _ensure_listening(self) -> None:
        if self._started.is_set():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._listen, name="loket-broker", daemon=True
                )
                self._thread.start()
        self._started.wait(5)

    def subscribe(self, topics: Iterable[str]) -> _LocalSubscription:
        self._ensure_listening()
        return self.local.subscribe(topics)

    def publish_now(self, topic: str) -> None:
        self.client.publish(self.prefix + topic, "1")


@cache
def _broker_for(url: str) -> LocalBroker | RedisBroker:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisBroker(url)
    broker = LocalBroker()
    broker.max_wait = settings.LOKET_BROKER_LOCAL_MAX_WAIT
    return broker


def get_broker() -> LocalBroker | RedisBroker:
    return _broker_for(settings.LOKET_BROKER_URL or "local")


def broker_publish(topic: str) -> None:
    """Wake the waiters on `topic` once the current transaction has committed."""
    broker = get_broker()
    transaction.on_commit(lambda: broker.publish_now(topic))


def broker_wait(sub: Subscription, timeout: float) -> bool:
    broker = get_broker()
    if broker.max_wait is not None:
        timeout = min(timeout, broker.max_wait)
    return sub.wait(timeout)
