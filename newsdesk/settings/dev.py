"""
The one-machine setup that ``make demo`` and ``newsdesk demo`` use: SQLite, local media,
in-process cache, and a secret key generated once into the data directory.

DEBUG stays off so the demo behaves like a real site (404 and 500 pages included);
set ``NEWSDESK_DEBUG=true`` while developing.
"""

import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, database_from_env, env

DEBUG = env.bool("NEWSDESK_DEBUG", default=False)


def _local_secret_key(path):
    """Read the site's secret key, generating it on first use; the file is git-ignored."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("NEWSDESK_SECRET_KEY", default="") or _local_secret_key(
    DATA_DIR / "secret_key"
)
ALLOWED_HOSTS = env.list("NEWSDESK_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
DATABASES = {"default": database_from_env(DATA_DIR / "newsdesk.sqlite3")}
NEWSDESK_SERVE_MEDIA = env.bool("NEWSDESK_SERVE_MEDIA", default=True)

# The demo runs without a worker: each task runs at once in the process that queues it.
# Set NEWSDESK_TASKS_WORKER=true and run `newsdesk worker` to try the production way.
if not env.bool("NEWSDESK_TASKS_WORKER", default=False):
    TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "purge", "newsletters"],
        }
    }
