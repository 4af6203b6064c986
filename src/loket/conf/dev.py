"""Local development and the demo served by scripts/run."""

from loket.conf.base import *  # noqa: F403
from loket.conf.base import mailer
from loket.conf.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
MAILERS = {"default": mailer(env_str("EMAIL_BACKEND", "file"))}
LOKET_SHOW_DEMO_LOGINS = env_bool("LOKET_SHOW_DEMO_LOGINS", DEBUG)
# The demo's mailbox: a Maildir in var/ that the worker reads (src/loket/inbox/demo.py).
LOKET_POSTVAK_URL = env_str("LOKET_POSTVAK_URL", f"maildir://{LOKET_DEMO_POSTVAK}")  # noqa: F405
# The demo's chat is staffed around the clock, so trying it at night shows the whole path (the
# Zeventerpen hours are LOKET_CHAT_OPENINGSTIJDEN=08:30-17:00; closed, it offers a callback).
LOKET_CHAT_OPENINGSTIJDEN = env_str("LOKET_CHAT_OPENINGSTIJDEN", "altijd")
