"""Settings for the test suite."""

import tempfile

from loket.conf.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOKET_REGISTRY_BACKEND = "demo"
# The suite tests the keyword engine; tests that need embeddings switch this on themselves.
LOKET_SEARCH_SEMANTIC = False
LOKET_SEARCH_PERSIST = False
# Every search sees the content of the moment (tests change it between searches).
LOKET_SEARCH_FRESHNESS_SECONDS = 0
# ... and at once, not in the background (a test that checks the background turns it on).
LOKET_SEARCH_BACKGROUND_REBUILD = False
# The demo's Maildir: one of its own per test process (tests build the demo in parallel).
LOKET_DEMO_POSTVAK = tempfile.mkdtemp(prefix="loket-postvak-")
# The suite must not depend on the hour it runs: the chat is staffed around the clock unless a
# test sets the office hours (and a time) itself.
LOKET_CHAT_OPENINGSTIJDEN = "altijd"
