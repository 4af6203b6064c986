"""Fixtures shared by every app's tests."""

import contextlib
import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"


def _serial_live_server_on_sqlite() -> None:
    """On SQLite the test database lives in memory and the live server's threads share its one
    connection: two requests at once (the KCC's draft autosave beside the knowledge panel)
    interleave on that connection and read empty rows. Serve one request at a time there (the
    server then answers Connection: close, so a browser never holds it). PostgreSQL gives each
    thread its own connection and keeps the threaded server."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

    LiveServerThread.server_class = SerialWSGIServer


def pytest_configure(config):
    _serial_live_server_on_sqlite()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep `--dist loadgroup` grouping on pytest 9.2. pytest-xdist 3.8 sends an `xdist_group`
    test to its group's worker by appending "@<group>" to `item._nodeid`, which pytest 9.2 no
    longer reads (node ids are structured), so a group was silently spread over the workers
    (pytest-dev/pytest-xdist#1386). This sets the same suffix on the structured id, after xdist's
    own hook; it does nothing when xdist's suffix took effect (older pytest, or a fixed xdist:
    pytest-dev/pytest-xdist#1388), and can go once that fix is released."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        groups = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(groups))
        node_id = getattr(item, "_id", None)
        if groups and node_id is not None and not item.nodeid.endswith(suffix):
            item._id = type(node_id).parse(item.nodeid + suffix)


@pytest.fixture
def make_user(db):
    """make_user(role="kcc-medewerker", username=...) -> a medewerker with that role."""
    from loket.accounts.tests.factories import UserFactory

    counter = {"n": 0}

    def _make(role: str | None = None, username: str | None = None, password: str = "geheim-123"):
        counter["n"] += 1
        return UserFactory(
            role=role,
            username=username or f"medewerker{counter['n']}",
            password=password,
            last_name=f"Medewerker {counter['n']}",
        )

    return _make


@pytest.fixture(scope="session")
def module_transaction(django_db_setup, django_db_blocker):
    """For data that every test of a module reads, created once for the module instead of once
    per test, in a module-scoped fixture:

        @pytest.fixture(scope="module")
        def catalogus(module_transaction):
            with module_transaction():
                yield upl_import(...)

    The module's data lives in one transaction that each test's own transaction nests in as a
    savepoint: what a test changes is rolled back after it, the module's data after the module.
    Only for modules without transactional tests (`transaction=True`, `live_server`): those
    commit and flush. Keep such a module on one xdist worker (`xdist_group`), or each worker that
    gets some of its tests loads the data again."""
    from django.db import transaction

    @contextlib.contextmanager
    def _module_transaction():
        with django_db_blocker.unblock(), transaction.atomic():
            yield
            transaction.set_rollback(True)

    return _module_transaction


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium fails under CI=true, else skips."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium ontbreekt (/usr/bin/chromium): apt-get install chromium")
        pytest.skip("Chromium ontbreekt (/usr/bin/chromium): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still
    # synchronous, so Django's async-safety guard does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def events():
    """Record the domain events of the given types: `seen = events(ZaakAangemaakt, ...)`."""
    from loket.core.events import subscribe, unsubscribe

    seen: list = []
    subscribed = []

    def record(*event_types):
        for event_type in event_types:
            subscribe(event_type, seen.append)
            subscribed.append(event_type)
        return seen

    yield record
    for event_type in subscribed:
        unsubscribe(event_type, seen.append)
