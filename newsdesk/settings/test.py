"""
Settings for the test suite. Each departure from the base says why.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import database_from_env, env

# A fixed key is fine: nothing signed in tests outlives the run.
SECRET_KEY = "newsdesk-tests-only"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "testserver", "127.0.0.1"]

# SQLite in memory by default; CI sets DATABASE_URL to run the `database` tests on PostgreSQL.
DATABASES = {"default": database_from_env(":memory:")}

# Password hashing dominates the run time of tests that log users in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test starts with empty caches (root conftest) and nothing shared between processes.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}

# Pages are not kept, except by the tests of the page cache, which turn it on: elsewhere
# a test changes content inside a transaction that is never committed, and purges wait
# for the commit. Cache-Control, ETag and 304s are the same either way.
NEWSDESK_PAGE_CACHE = {**NEWSDESK_PAGE_CACHE, "ENABLED": False}  # noqa: F405
# Likewise fragments (core/fragments.py): they follow purges, which follow commits, and
# most tests change data inside a transaction that never commits. The tests of
# fragments turn them on and run the commit callbacks as a real request would.
NEWSDESK_FRAGMENTS = False

# Work that is queued at publish time runs at once, so tests can assert its effect;
# except in a worker process a test starts (the newsletter crash test), which takes
# its work from the database as in production.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env.bool("NEWSDESK_TASKS_WORKER", default=False)
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default", "purge", "newsletters"],
    }
}

# Hashed static file names need collectstatic; tests read the files where they are.
# Media goes to a temporary folder the browser tests can load pictures from, one per run
# so that two runs on one machine never see each other's files (removed at the end of
# the run by the root conftest).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsdesk-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
NEWSDESK_SERVE_MEDIA = True

# The editor's "who else is editing" ping writes to the database every few seconds; in
# browser tests it would race the test's own reads of the in-memory database.
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000

# Browser tests watch a live story receive an update; they should not wait 15 s for it.
NEWSDESK_LIVE_POLL_SECONDS = 1
