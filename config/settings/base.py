"""Settings shared by every environment.

The environment is read here and only here (see ``env``); production.py tightens these values and
refuses unsafe ones.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "smenet"


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DATA_DIR = Path(env("SMENET_DATA_DIR", str(BASE_DIR / "var")) or "var").resolve()

# A development key for development only; production.py refuses it (and any other weak key).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env("SMENET_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
DEBUG = env_bool("SMENET_DEBUG", False)
ALLOWED_HOSTS = env_list("SMENET_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("SMENET_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "parler",
    "simple_history",
    "django_tasks",
    # Before django_tasks_db: its db_worker command replaces the stock one (decision 0020).
    "smenet.jobs",
    "django_tasks_db",
    "axes",
    "smenet.common",
    "smenet.registry",
    "smenet.taxonomy",
    "smenet.governance",
    "smenet.events",
    "smenet.news",
    "smenet.capacity",
    "smenet.plans",
    "smenet.knowledge",
    "smenet.services_directory",
    "smenet.experts",
    "smenet.statistics",
    "smenet.search",
    "smenet.api",
    "smenet.web",
    "smenet.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages and API answers from the shared cache (smenet.common.pagecache).
    "smenet.common.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "smenet.common.middleware.ApiLanguageMiddleware",
    "smenet.common.middleware.RequestLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: it answers 429 for a login refused because of a lockout (smenet.common.security).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smenet.web.context_processors.site",
            ],
        },
    },
]

DATA_DIR_SQLITE = DATA_DIR / "smenet.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR_SQLITE}") or "", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes;
    # IMMEDIATE transactions avoid "database is locked" on lock upgrades.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # Busy timeout: a writer waits this long for another's transaction (web and worker).
        "timeout": float(env("SMENET_SQLITE_TIMEOUT", "20") or 20),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "registry.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
CSRF_FAILURE_VIEW = "smenet.web.errors.csrf_failure"
# One date and number format per language (smenet/common/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["smenet.common.formats"]
FORMS_URLFIELD_ASSUME_HTTPS = True

# Content translations (django-parler): shown in the requested language, falling back to
# English, then to whatever language the content was written in.
PARLER_DEFAULT_LANGUAGE_CODE = "en"
PARLER_LANGUAGES = {
    None: tuple({"code": code} for code, _name in LANGUAGES),
    "default": {"fallbacks": ["en", "fr", "ar"], "hide_untranslated": False},
}
PARLER_ENABLE_CACHING = False

#: The largest uploaded file accepted (smenet.common.uploads); request bodies are capped at this
#: plus DATA_UPLOAD_MAX_MEMORY_SIZE for the form fields (413 beyond).
SMENET_MAX_UPLOAD_BYTES = int(env("SMENET_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)) or 0)

#: Days a finished background job keeps its uploaded input and its result file (the job's record,
#: message and errors stay); a daily task deletes older files (smenet.jobs.services.jobs_prune).
SMENET_JOB_FILES_DAYS = int(env("SMENET_JOB_FILES_DAYS", "30") or 30)

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded files go through Django's default storage, never a path: a folder under the data
# directory, or — by configuration alone — any Django storage, e.g. an S3 bucket with
# django-storages when several servers share the files (docs/deployment.md).
STORAGES = {
    "default": {
        "BACKEND": env("SMENET_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(env("SMENET_STORAGE_OPTIONS", "{}") or "{}"),
    },
    "staticfiles": {"BACKEND": "smenet.web.storage.StaticStorage"},
}

# Compressing source maps and already-compressed formats costs minutes and saves nothing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "tbz",
    "xz",
    "br",
    "swf",
    "flv",
    "woff",
    "woff2",
    "3gp",
    "3gpp",
    "asf",
    "avi",
    "m4v",
    "mov",
    "mp4",
    "mpeg",
    "mpg",
    "webm",
    "wmv",
    "map",
]

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Search (decision 0024): hybrid lexical + semantic ranking; off gives lexical-only search.
SEARCH_SEMANTIC = env_bool("SMENET_SEARCH_SEMANTIC", True)
# The task worker copies the index vocabulary (typo corrections) at most this often (seconds).
SEARCH_VOCABULARY_INTERVAL = 60
# Seconds a process searches its copy of the vectors before asking for new ones (vectors.py).
SEARCH_VECTOR_CHECK_INTERVAL = 2.0

# One cache shared by every web server and worker process (login lockouts, API rate limits,
# cached anonymous pages): Django's database cache, in the database every process already uses.
# Its table is created by `migrate` (smenet.common.apps) and by `smenet serve`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "smenet_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    }
}

#: Serve anonymous GETs from the cache (smenet.common.pagecache; decision 0032).
SMENET_PAGE_CACHE = env_bool("SMENET_PAGE_CACHE", True)
#: Megabytes of cached answers each server process also keeps in its memory (0: none).
SMENET_PAGE_CACHE_LOCAL_MB = float(env("SMENET_PAGE_CACHE_LOCAL_MB", "32") or 32)

# Login protection (django-axes, decision 0030): failures counted per account and per address
# in the shared cache; a lockout lasts the cool-off and is answered 429 with Retry-After.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(env("SMENET_LOGIN_FAILURE_LIMIT", "10") or 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("SMENET_LOGIN_COOLOFF_MINUTES", "15") or 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "smenet.common.security.login_username"
AXES_LOCKOUT_CALLABLE = "smenet.common.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The client address: REMOTE_ADDR, unless SMENET_TRUSTED_PROXIES says how many reverse proxies
# in front of us append to X-Forwarded-For (docs/deployment.md); a client cannot choose it.
TRUSTED_PROXIES = int(env("SMENET_TRUSTED_PROXIES", "0") or 0)
AXES_IPWARE_META_PRECEDENCE_ORDER: tuple[str, ...]
if TRUSTED_PROXIES:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

EMAIL_BACKEND = env("SMENET_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("SMENET_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("SMENET_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("SMENET_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("SMENET_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SMENET_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("SMENET_DEFAULT_FROM_EMAIL", "OIC-SMENET <noreply@smenet.example>")
#: The platform's public address, for links in e-mails (empty: links are paths).
SITE_URL = (env("SMENET_SITE_URL", "") or "").rstrip("/")

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing or invalid credential a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "smenet.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "smenet.api.errors.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["smenet.api.parsers.JSONParser"],
    # Anonymous API use is limited per address (counted in the shared cache, cached answers
    # included: smenet.common.pagecache); signed-in use only where a view asks for it.
    "DEFAULT_THROTTLE_CLASSES": ["smenet.common.throttling.AnonRateThrottle"],
    # The client address as for login lockouts: a client cannot choose it with X-Forwarded-For.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("SMENET_API_ANON_RATE", "120/min") or "120/min",
        "user": env("SMENET_API_USER_RATE", "600/min") or "600/min",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SMENET API",
    "DESCRIPTION": "API of the OIC SME Network platform (registry, governance and more).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "smenet.api.schema.drop_backend_integer_bounds",
    ],
    "ENUM_NAME_OVERRIDES": {
        "BodyKindEnum": "smenet.governance.choices.BodyKind",
        "PositionKindEnum": "smenet.governance.choices.PositionKind",
        "DecisionKindEnum": "smenet.governance.choices.DecisionKind",
        "VotingEnum": "smenet.governance.choices.VotingMethod",
        "InstitutionTypeEnum": "smenet.registry.choices.InstitutionType",
        "MembershipStatusEnum": "smenet.registry.choices.MembershipStatus",
        "CountryStatusEnum": "smenet.registry.choices.CountryStatus",
        "PlanVersionStatusEnum": "smenet.plans.choices.VersionStatus",
        "ProgressStatusEnum": "smenet.plans.choices.ProgressStatus",
        "ActivityStatusEnum": "smenet.capacity.choices.ActivityStatus",
        "PublicationOutputKindEnum": "smenet.knowledge.choices.PublicationKind",
        "CategoryEnum": "smenet.registry.choices.InstitutionCategory",
        "IndicatorCategoryEnum": "smenet.statistics.choices.Category",
        "IndicatorUnitEnum": "smenet.statistics.choices.Unit",
        "IndicatorDirectionEnum": "smenet.statistics.choices.Direction",
        "IndicatorAggregationEnum": "smenet.statistics.choices.Aggregation",
        "ObsStatusEnum": "smenet.statistics.choices.ObsStatus",
        "ValueQualifierEnum": "smenet.statistics.choices.Qualifier",
    },
}

# Content security: everything is served from this origin, nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("SMENET_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

SMENET_DEMO_PASSWORD = env("SMENET_DEMO_PASSWORD", "smenet-demo-2025")
