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
import threading
import time
from collections.abc import Iterable
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db import transaction


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


class _RedisSubscription:
    def __init__(self, pubsub) -> None:
        self.pubsub = pubsub

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            message = self.pubsub.get_message(ignore_subscribe_messages=True, timeout=left)
            if message is not None and message.get("type") == "message":
                return True

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a broken connection is closed anyway
            self.pubsub.close()


class RedisBroker:
    """Redis pub/sub: wakes waiters in every web process."""

    max_wait: float | None = None

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_connect_timeout=2)
        self.prefix = "loket:"

    def subscribe(self, topics: Iterable[str]) -> _RedisSubscription:
        pubsub = self.client.pubsub()
        pubsub.subscribe(*(self.prefix + t for t in topics))
        # Wait for the confirmations, so a publish right after this call is heard.
        for _ in pubsub.channels:
            pubsub.get_message(timeout=1)
        return _RedisSubscription(pubsub)

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
