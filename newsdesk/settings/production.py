"""
Production: refuses to start until the settings a public site needs are given.

Required: ``NEWSDESK_SECRET_KEY``, ``NEWSDESK_ALLOWED_HOSTS``, ``DATABASE_URL``.
See docs/deployment.md for every variable.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import database_url, env


def required(name, sentence):
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(f"Set {name}: {sentence}")
    return value


SECRET_KEY = required(
    "NEWSDESK_SECRET_KEY",
    "a long random string that signs sessions and links, kept secret and the same on "
    "every app server (for example the output of "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`).",
)
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "Set NEWSDESK_SECRET_KEY to at least 32 random characters; the current value is too "
        "short to be safe."
    )

ALLOWED_HOSTS = [
    host.strip()
    for host in required(
        "NEWSDESK_ALLOWED_HOSTS",
        "the host names this site answers to, separated by commas "
        "(for example news.example.org,www.news.example.org).",
    ).split(",")
    if host.strip()
]

required(
    "DATABASE_URL",
    "the PostgreSQL database to use, as postgres://USER:PASSWORD@HOST:PORT/NAME "
    "(SQLite is for the one-machine demo, not for production).",
)
DATABASES = {"default": database_url()}

WAGTAILADMIN_BASE_URL = required(
    "NEWSDESK_BASE_URL",
    "the public address of the site, such as https://news.example.org, used in "
    "e-mails and absolute links.",
)

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("NEWSDESK_SSL_REDIRECT", default=True)
# Load balancers probe over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [WAGTAILADMIN_BASE_URL.rstrip("/")]
SECURE_HSTS_SECONDS = env.int("NEWSDESK_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("NEWSDESK_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = False
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
