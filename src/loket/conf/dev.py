"""Local development and the demo served by scripts/run."""

from loket.conf.base import *  # noqa: F403
from loket.conf.base import mailer
from loket.conf.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
MAILERS = {"default": mailer(env_str("EMAIL_BACKEND", "file"))}
LOKET_SHOW_DEMO_LOGINS = env_bool("LOKET_SHOW_DEMO_LOGINS", DEBUG)
