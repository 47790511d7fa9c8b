"""Production settings: the base settings plus a refusal to start with unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, DEVELOPMENT_SECRET_KEY, SITE_URL, env

if DEBUG:
    raise ImproperlyConfigured("SMENET_DEBUG must be off in production.")
_key = env("SMENET_SECRET_KEY") or ""
if len(_key) < 32:
    raise ImproperlyConfigured("SMENET_SECRET_KEY must be set to a random value of 32+ characters.")
if _key == DEVELOPMENT_SECRET_KEY or _key.startswith(("insecure", "django-insecure")):
    raise ImproperlyConfigured(
        "SMENET_SECRET_KEY is the development key shipped with the code; set a random one "
        '(python3 -c "import secrets; print(secrets.token_urlsafe(50))").'
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("SMENET_ALLOWED_HOSTS must list this server's host names.")
if SITE_URL and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SMENET_SITE_URL must be an https:// address in production.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env("SMENET_SECURE_SSL_REDIRECT", "true") == "true"
# One year by default (browsers then refuse plain http for the host); 0 turns it off.
SECURE_HSTS_SECONDS = int(env("SMENET_HSTS_SECONDS", str(60 * 60 * 24 * 365)) or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("SMENET_HSTS_INCLUDE_SUBDOMAINS", "false") == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers and monitors probe the health check over plain http on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
