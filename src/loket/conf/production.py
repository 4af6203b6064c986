"""Production: PostgreSQL, a real secret, secure cookies. Every value comes from the environment."""

from typing import cast

from django.core.exceptions import ImproperlyConfigured

from loket.conf.base import *  # noqa: F403
from loket.conf.base import DATABASES, PDOK_BRT_TEGELS, SECRET_KEY, SECURE_CSP, tile_origins
from loket.conf.env import env_bool, env_int, env_str

DEBUG = False
if SECRET_KEY == "onveilig-alleen-voor-ontwikkeling":
    raise ImproperlyConfigured("Set SECRET_KEY in production.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")

# Connections are reused: a new PostgreSQL connection per request cost 1.5 to 2.8 times the
# throughput of the API (issue 22). By default through a pool per process (psycopg_pool, at most
# DATABASE_POOL_MAX connections), so the many threads that serve the web chat's long polls
# (conf/gunicorn.py) cannot open more connections than PostgreSQL allows (max_connections 100):
# a waiting chat holds no connection. DATABASE_POOL_MAX=0: one persistent connection per thread
# instead (DATABASE_CONN_MAX_AGE seconds), for a deployment with few threads and no chat.
DATABASE_POOL_MAX = env_int("DATABASE_POOL_MAX", 16)
if DATABASE_POOL_MAX > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DATABASE_POOL_MAX),
        "max_size": DATABASE_POOL_MAX,
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 20),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Several gunicorn processes: the chat's wake-ups go through Redis (LOKET_BROKER_URL=redis://...).
# Without it each process only hears itself, so a waiting chat looks again every 2 seconds.
LOKET_BROKER_LOCAL_MAX_WAIT = 2.0

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_CONTENT_TYPE_NOSNIFF = True
LOKET_SHOW_DEMO_LOGINS = False
# The DigiD simulator lets anyone log in as a demo resident: off unless explicitly enabled.
LOKET_DIGID_SIMULATOR = env_bool("LOKET_DIGID_SIMULATOR", False)
# The melding form's map: PDOK's BRT-Achtergrondkaart unless LOKET_KAART_TEGELS names other tiles
# (set it to a single space for no tiles, only Loket's own map); the CSP allows their host.
LOKET_KAART_TEGELS = env_str("LOKET_KAART_TEGELS", PDOK_BRT_TEGELS).strip()
SECURE_CSP = {
    **SECURE_CSP,
    "img-src": [
        *(
            src
            for src in cast(list[str], SECURE_CSP["img-src"])
            if src not in tile_origins(LOKET_KAART_TEGELS)
        ),
        *tile_origins(LOKET_KAART_TEGELS),
    ],
}
