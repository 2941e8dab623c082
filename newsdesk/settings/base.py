"""
Settings shared by every environment.

Nothing secret and nothing environment-specific lives here: ``dev`` (the demo),
``test`` and ``production`` add those. Engines are chosen by environment variables
(``DATABASE_URL``, ``REDIS_URL``, ``NEWSDESK_S3_BUCKET``) so the same code runs on one
machine and at scale.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent

env = environ.Env()

# Local state (the SQLite database, uploaded media, the generated secret key).
DATA_DIR = Path(env.str("NEWSDESK_DATA_DIR", default=str(BASE_DIR / "var")))

DEBUG = False

INSTALLED_APPS = [
    # newsdesk apps, lowest layer first (see docs/architecture.md).
    "newsdesk.core",
    "newsdesk.users",
    "newsdesk.images",
    "newsdesk.people",
    "newsdesk.topics",
    "newsdesk.articles",
    "newsdesk.checks",
    "newsdesk.live",
    "newsdesk.comments",
    "newsdesk.newsletters",
    "newsdesk.home",
    "newsdesk.search",
    "newsdesk.operations",
    "newsdesk.demo",
    "newsdesk.importers",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsdesk.core.middleware.ContentSecurityPolicyMiddleware",
    # Before the page cache: /?p=123 (an old WordPress link) is a redirect, not the home
    # page, whose cached copy ignores parameters it does not read.
    "newsdesk.importers.middleware.OldQueryLinkMiddleware",
    "newsdesk.core.pagecache.PageCacheMiddleware",
    # Inside the page cache, which then stores compressed copies (core/compression.py).
    "newsdesk.core.compression.CompressionMiddleware",
    # Pages are made with times in the newsroom's zone (core/zones.py).
    "newsdesk.core.zones.NewsroomTimeZoneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin shows times in the newsroom's zone too, unless a user chose their own.
    "newsdesk.core.zones.AdminTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.core.middleware.PublishGateMiddleware",
    "newsdesk.core.middleware.IncompleteFormMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsdesk.core.context_processors.site",
            ],
        },
    },
]


def sqlite_database(path):
    """
    SQLite tuned for a web server: WAL lets readers work while a writer commits,
    IMMEDIATE transactions take the write lock up front (so two writers queue instead
    of failing with "database is locked" half way), and the busy timeout is how long
    a writer waits for that lock.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        },
    }


def database_url():
    """The database named by ``DATABASE_URL``, or a sentence saying how to fix it."""
    try:
        database = env.db_url("DATABASE_URL")
    except Exception as error:  # django-environ raises several kinds for a malformed URL
        database = {"error": error}
    if not database.get("ENGINE"):
        raise ImproperlyConfigured(
            "Set DATABASE_URL to a URL of the form postgres://USER:PASSWORD@HOST:PORT/NAME; "
            "the current value could not be read."
        )
    database["CONN_MAX_AGE"] = env.int("NEWSDESK_DB_CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    return database


def database_from_env(default_sqlite_path):
    """``DATABASE_URL`` (PostgreSQL) when set, otherwise SQLite at the given path."""
    url = env.str("DATABASE_URL", default="")
    if url.startswith("sqlite:///"):
        # A SQLite file named by URL gets the same tuning as the default one.
        return sqlite_database(url.removeprefix("sqlite:///") or default_sqlite_path)
    if url:
        return database_url()
    return sqlite_database(default_sqlite_path)


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("NEWSDESK_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("NEWSDESK_STATIC_ROOT", default=str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("NEWSDESK_MEDIA_ROOT", default=str(DATA_DIR / "media")))

# Uploaded media: local files by default, S3-compatible object storage when a bucket is named.
if env.str("NEWSDESK_S3_BUCKET", default=""):
    DEFAULT_STORAGE = {
        # django-storages' S3Storage, giving renditions a year's Cache-Control.
        "BACKEND": "newsdesk.core.s3.MediaStorage",
        "OPTIONS": {
            "bucket_name": env.str("NEWSDESK_S3_BUCKET"),
            "endpoint_url": env.str("NEWSDESK_S3_ENDPOINT_URL", default=None),
            "custom_domain": env.str("NEWSDESK_S3_CUSTOM_DOMAIN", default=None),
            "region_name": env.str("NEWSDESK_S3_REGION", default=None),
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Caches: files in the data folder by default (shared by every process on the machine, so
# a purge made by one reaches all), Redis (Django's own backend) when REDIS_URL is set.
# "pages" holds whole pages for anonymous readers (core/pagecache.py).
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_DIR = Path(env.str("NEWSDESK_CACHE_DIR", default=str(DATA_DIR / "cache")))


def cache_from_env(name, max_entries):
    if REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"newsdesk:{name}",
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CACHE_DIR / name),
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


CACHES = {
    "default": cache_from_env("default", 10_000),
    "pages": cache_from_env("pages", 20_000),
}

# The whole-page cache. SECONDS is how long a shared cache (this one, a reverse proxy, a
# CDN) keeps a page when nothing purges it sooner: purges are exact, so this only bounds
# what no purge covers (other stories' "More from" boxes, the navigation at the proxy).
# STALE_SECONDS lets a CDN serve a page that just expired while it fetches a new one.
NEWSDESK_PAGE_CACHE = {
    "ENABLED": env.bool("NEWSDESK_PAGE_CACHE", default=True),
    "SECONDS": env.int("NEWSDESK_PAGE_CACHE_SECONDS", default=300),
    "STALE_SECONDS": env.int("NEWSDESK_PAGE_CACHE_STALE_SECONDS", default=60),
    # Editors' and commenters' pages, files and probes never go through it.
    "SKIP_PREFIXES": [
        "/admin/",
        "/comments/",
        "/newsletters/",
        "/documents/",
        "/healthz",
        "/readyz",
        "/media/",
    ],
}

# Pages assembled from kept fragments when the page cache does not hold them
# (core/fragments.py); off, every page is made whole each time.
NEWSDESK_FRAGMENTS = env.bool("NEWSDESK_FRAGMENTS", default=True)

# Brotli or gzip for pages, feeds and sitemaps; turn off where a proxy compresses them.
NEWSDESK_COMPRESS = env.bool("NEWSDESK_COMPRESS", default=True)

# Reverse proxies and CDNs that purges reach, through Wagtail's frontend cache backends.
# NEWSDESK_PURGE_URL names a Varnish (or nginx cache-purge) server that takes PURGE
# requests, such as the one in deploy/; set WAGTAILFRONTENDCACHE in a settings module of
# your own for a CDN (Cloudflare, CloudFront, Azure).
if env.str("NEWSDESK_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.str("NEWSDESK_PURGE_URL"),
        }
    }

# Background work goes through django-tasks (the backport of Django 6's tasks framework):
# the database backend, run by `newsdesk worker` (deploy/). The demo and the tests run
# each task at once in the process that queues it (settings/dev.py, settings/test.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "purge", "newsletters"],
    }
}

# Wagtail's page editor posts one field per block; a long story exceeds Django's 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = env.str("NEWSDESK_SITE_NAME", default="newsdesk")
WAGTAILADMIN_BASE_URL = env.str("NEWSDESK_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# A 100-megapixel camera's frames pass; a "decompression bomb" does not.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 128_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsdesk.images.forms.NewsImageForm"
# AVIF beside WebP and JPEG: smaller files, about 0.4 s more per large rendition.
NEWSDESK_IMAGES_AVIF = env.bool("NEWSDESK_IMAGES_AVIF", default=False)

CSRF_FAILURE_VIEW = "newsdesk.core.views.csrf_failure"

# Reader comments. Proxies and CDNs in front of the site, as addresses or networks: only
# their X-Forwarded-For entries are believed when telling who posted (comments/clients.py).
NEWSDESK_TRUSTED_PROXIES = env.list("NEWSDESK_TRUSTED_PROXIES", default=[])
# Posts allowed per client IP and per e-mail address in each window of seconds.
NEWSDESK_COMMENTS_RATE = {
    "per_ip": env.int("NEWSDESK_COMMENTS_PER_IP", default=5),
    "per_email": env.int("NEWSDESK_COMMENTS_PER_EMAIL", default=3),
    "window": env.int("NEWSDESK_COMMENTS_RATE_WINDOW", default=600),
}
# A form sent back sooner than this after it was shown was filled in by a program.
NEWSDESK_COMMENTS_MIN_SECONDS = env.int("NEWSDESK_COMMENTS_MIN_SECONDS", default=3)
# Newsletter sign-ups allowed per client IP in each window of seconds.
NEWSDESK_NEWSLETTER_RATE = {
    "per_ip": env.int("NEWSDESK_NEWSLETTER_SIGNUPS_PER_IP", default=10),
    "window": env.int("NEWSDESK_NEWSLETTER_RATE_WINDOW", default=600),
}
# Readers' IP addresses (on comments and newsletter consents) are kept this many days for
# dealing with abuse, then cleared by `newsdesk forget_reader_ips` (the daily housekeeping).
NEWSDESK_READER_IP_DAYS = env.int("NEWSDESK_READER_IP_DAYS", default=90)

# Akismet checks comments too when a key is set (the site's own address is sent with it).
NEWSDESK_AKISMET_KEY = env.str("NEWSDESK_AKISMET_KEY", default="")

# E-mail: moderation notices, newsletter confirmations and list mail. The provider is
# NEWSDESK_MAIL_PROVIDER: "smtp" (EMAIL_URL such as smtp+tls://user:pass@host:587, signed
# with DKIM when a key is set), "console" (printed; the default without EMAIL_URL), or
# one of the providers django-anymail speaks to, configured by ANYMAIL_* variables
# (ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_WEBHOOK_SECRET, ...). docs/newsletters.md.
MAIL_PROVIDERS = {
    "smtp": "newsdesk.core.mail.SMTPBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "amazon_ses": "anymail.backends.amazon_ses.EmailBackend",
    "brevo": "anymail.backends.brevo.EmailBackend",
    "mailgun": "anymail.backends.mailgun.EmailBackend",
    "mailjet": "anymail.backends.mailjet.EmailBackend",
    "postal": "anymail.backends.postal.EmailBackend",
    "postmark": "anymail.backends.postmark.EmailBackend",
    "resend": "anymail.backends.resend.EmailBackend",
    "sendgrid": "anymail.backends.sendgrid.EmailBackend",
    "sparkpost": "anymail.backends.sparkpost.EmailBackend",
}
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
NEWSDESK_MAIL_PROVIDER = env.str(
    "NEWSDESK_MAIL_PROVIDER", default="smtp" if env.str("EMAIL_URL", default="") else "console"
)
if NEWSDESK_MAIL_PROVIDER not in MAIL_PROVIDERS:
    raise ImproperlyConfigured(
        f"NEWSDESK_MAIL_PROVIDER is {NEWSDESK_MAIL_PROVIDER!r}; "
        f"choose one of {', '.join(sorted(MAIL_PROVIDERS))}."
    )
EMAIL_BACKEND = MAIL_PROVIDERS[NEWSDESK_MAIL_PROVIDER]
EMAIL_TIMEOUT = env.int("NEWSDESK_EMAIL_TIMEOUT", default=30)
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
# Optional DKIM signing of SMTP mail: the key as PEM text, or a file holding it.
NEWSDESK_DKIM = {
    "domain": env.str("NEWSDESK_DKIM_DOMAIN", default=""),
    "selector": env.str("NEWSDESK_DKIM_SELECTOR", default=""),
    "private_key": (
        Path(env.str("NEWSDESK_DKIM_KEY_FILE")).read_text()
        if env.str("NEWSDESK_DKIM_KEY_FILE", default="")
        else env.str("NEWSDESK_DKIM_PRIVATE_KEY", default="", multiline=True)
    ),
}
# List mail: messages per second for each provider (their accounts' usual limits; set
# NEWSDESK_MAIL_RATE to your own, 0 for no limit), deliveries taken per batch, how long a
# claimed delivery may stay unanswered before its worker counts as gone, and the tries
# before a temporary failure counts as final.
NEWSDESK_MAIL_RATES = {"smtp": 20, "amazon_ses": 14, "console": 0}
NEWSDESK_NEWSLETTER_SENDING = {
    "rate": env.float(
        "NEWSDESK_MAIL_RATE", default=NEWSDESK_MAIL_RATES.get(NEWSDESK_MAIL_PROVIDER, 50)
    ),
    "batch": env.int("NEWSDESK_NEWSLETTER_BATCH", default=200),
    "claim_timeout": env.int("NEWSDESK_NEWSLETTER_CLAIM_TIMEOUT", default=15 * 60),
    "attempts": env.int("NEWSDESK_NEWSLETTER_ATTEMPTS", default=6),
    # A delivery task hands the rest of the send to the next task after this long.
    "task_seconds": env.int("NEWSDESK_NEWSLETTER_TASK_SECONDS", default=60),
}
DEFAULT_FROM_EMAIL = env.str("NEWSDESK_FROM_EMAIL", default="newsdesk@localhost")

# How often an open live story asks for new updates. Every reader polls, so with a CDN
# in front the endpoint's few seconds of caching absorb the load; lower it with care.
NEWSDESK_LIVE_POLL_SECONDS = env.int("NEWSDESK_LIVE_POLL_SECONDS", default=15)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Wagtail's database backend (SQLite FTS5, PostgreSQL full-text) unless an OpenSearch or
# Elasticsearch server is named; docs/search.md.
if env.str("NEWSDESK_SEARCH_URL", default=""):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [env.str("NEWSDESK_SEARCH_URL")],
            "INDEX": env.str("NEWSDESK_SEARCH_INDEX", default="newsdesk"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    # PostgreSQL's text search stems with the English configuration ("strikes" finds
    # "strike"), whatever the server's own default; SQLite's index has the Porter stemmer
    # (search/migrations/0001). After changing it on PostgreSQL, run update_index.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": env.str("NEWSDESK_SEARCH_CONFIG", default="english"),
        }
    }
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Embedded players (the body's embed block) may come only from these origins; an embed
# from anywhere else is blocked by the browser. Add a provider's player origin here.
NEWSDESK_EMBED_FRAME_ORIGINS = env.list(
    "NEWSDESK_EMBED_FRAME_ORIGINS",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.dailymotion.com",
        "https://open.spotify.com",
        "https://w.soundcloud.com",
        "https://embed.bsky.app",
        "https://www.openstreetmap.org",
    ],
)

# Reader pages carry no inline script or style, so the policy can be strict.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *env.list("NEWSDESK_CSP_IMG_SRC", default=[])],
        "media-src": ["'self'", *env.list("NEWSDESK_CSP_IMG_SRC", default=[])],
        "frame-src": ["'self'", *NEWSDESK_EMBED_FRAME_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Wagtail's admin (and the preview inside it) still writes a few inline scripts and many
# style attributes; beyond those, nothing from another site runs or is framed there.
NEWSDESK_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *env.list("NEWSDESK_CSP_IMG_SRC", default=[])],
    "media-src": ["'self'", "blob:", *env.list("NEWSDESK_CSP_IMG_SRC", default=[])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *NEWSDESK_EMBED_FRAME_ORIGINS],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Browser features no page of the site uses are switched off for it and for its frames.
NEWSDESK_PERMISSIONS_POLICY = env.str(
    "NEWSDESK_PERMISSIONS_POLICY",
    default=(
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()"
    ),
)
# Editors' avatars are not fetched from Gravatar: it would tell a third party who is
# signed in to the newsroom's admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

# Serving uploaded media from the application is for one-machine installs only; at scale
# media lives in object storage or behind the web server (docs/deployment.md).
NEWSDESK_SERVE_MEDIA = env.bool("NEWSDESK_SERVE_MEDIA", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "newsdesk": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
