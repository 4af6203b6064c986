"""The broker's wake-ups (issue 17's web chat): in-process, and across processes through a real
Redis (127.0.0.1:6379 on these machines; CI must have it)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from loket.core.broker import LocalBroker, RedisBroker

REDIS_URL = os.environ.get("LOKET_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_broker():
    broker = RedisBroker(REDIS_URL)
    try:
        broker.client.ping()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis ontbreekt op {REDIS_URL}: {exc}; met CI=true verplicht.")
        pytest.skip(f"Redis ontbreekt op {REDIS_URL}: {exc}")
    return broker


def _wakes(broker, topic: str, publish) -> float:
    sub = broker.subscribe([topic])
    try:
        begin = time.monotonic()
        timer = threading.Timer(0.2, publish)
        timer.start()
        assert sub.wait(5.0) is True
        return time.monotonic() - begin
    finally:
        sub.close()


def test_the_local_broker_wakes_a_waiter_on_its_topic_only():
    broker = LocalBroker()
    other = broker.subscribe(["chat:2"])
    duur = _wakes(broker, "chat:1", lambda: broker.publish_now("chat:1"))
    assert 0.15 < duur < 1.0
    assert other.wait(0.1) is False
    other.close()
    assert broker._subscriptions == {}


def test_redis_wakes_a_waiter_published_from_another_process(redis_broker):
    """Another OS process (a second gunicorn worker) publishes; this one wakes at once."""
    code = (
        "import time; from loket.core.broker import RedisBroker; time.sleep(0.3); "
        f"RedisBroker({REDIS_URL!r}).publish_now('chat:77')"
    )
    sub = redis_broker.subscribe(["chat:77"])
    try:
        begin = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", code])
        assert sub.wait(10.0) is True
        duur = time.monotonic() - begin
        proc.wait(10)
    finally:
        sub.close()
    assert duur < 5.0
    # No stray wake-up: nothing else was published on this topic.
    sub = redis_broker.subscribe(["chat:77"])
    try:
        assert sub.wait(0.3) is False
    finally:
        sub.close()
