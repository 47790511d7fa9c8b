"""Production settings: the base settings plus a refusal to start with unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, SITE_URL, env

if DEBUG:
    raise ImproperlyConfigured("SMENET_DEBUG must be off in production.")
if not env("SMENET_SECRET_KEY") or len(env("SMENET_SECRET_KEY") or "") < 32:
    raise ImproperlyConfigured("SMENET_SECRET_KEY must be set to a random value of 32+ characters.")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("SMENET_ALLOWED_HOSTS must list this server's host names.")
if SITE_URL and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SMENET_SITE_URL must be an https:// address in production.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env("SMENET_SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
