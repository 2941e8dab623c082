"""
Production: refuses to start until the settings a public site needs are given.

Required: ``NEWSDESK_SECRET_KEY``, ``NEWSDESK_ALLOWED_HOSTS``, ``DATABASE_URL`` (or
``NEWSDESK_ALLOW_SQLITE=true`` for a deliberate one-machine site). See
docs/deployment.md for every variable.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ANYMAIL,
    DATA_DIR,
    NEWSDESK_MAIL_PROVIDER,
    database_url,
    env,
    sqlite_database,
)


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


def weak_secret(key):
    """Why ``key`` is no secret, or an empty string: too short, too few kinds, a placeholder."""
    if len(key) < 32:
        return "it is shorter than 32 characters"
    if len(set(key)) < 10:
        return "it repeats a few characters"
    lowered = key.lower()
    for placeholder in ("django-insecure", "changeme", "change-me", "secret", "password"):
        if placeholder in lowered:
            return f"it contains “{placeholder}”, which every guesser tries first"
    if len(key) >= 8 and any(
        key == key[:size] * (len(key) // size) + key[: len(key) % size] for size in range(1, 17)
    ):
        return "it is a short pattern repeated"
    return ""


if weak_secret(SECRET_KEY):
    raise ImproperlyConfigured(
        f"Set NEWSDESK_SECRET_KEY to a long random string: the current value is weak "
        f"({weak_secret(SECRET_KEY)}). For example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
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

# SQLite serves a one-machine site well, but only as a choice made on purpose: a
# production site on it by accident loses its data with the machine.
ALLOW_SQLITE = env.bool("NEWSDESK_ALLOW_SQLITE", default=False)
if env.str("DATABASE_URL", default="").strip():
    DATABASES = {"default": database_url()}
elif ALLOW_SQLITE:
    DATABASES = {"default": sqlite_database(DATA_DIR / "newsdesk.sqlite3")}
else:
    required(
        "DATABASE_URL",
        "the PostgreSQL database to use, as postgres://USER:PASSWORD@HOST:PORT/NAME "
        "(or NEWSDESK_ALLOW_SQLITE=true to run a one-machine site on SQLite on purpose).",
    )
if "sqlite" in DATABASES["default"]["ENGINE"] and not ALLOW_SQLITE:
    raise ImproperlyConfigured(
        "DATABASE_URL names an SQLite database. Production sites run on PostgreSQL; set "
        "NEWSDESK_ALLOW_SQLITE=true if a one-machine site on SQLite is what you want."
    )

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
# Only when every subdomain serves HTTPS; preload asks browsers to ship the rule built in,
# which is hard to take back (https://hstspreload.org).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("NEWSDESK_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("NEWSDESK_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# A provider's event webhooks suppress addresses: without a secret anyone could post
# bounces and complaints to them (django-anymail only warns).
if NEWSDESK_MAIL_PROVIDER not in ("smtp", "console") and not ANYMAIL.get("WEBHOOK_SECRET"):
    required(
        "ANYMAIL_WEBHOOK_SECRET",
        "a user:password pair (random, long) that the mail provider sends with its event "
        "webhooks, set in its dashboard as https://user:password@your-site/newsletters/"
        "provider/<provider>/tracking/ (docs/newsletters.md).",
    )
