"""
Keeping programs out of the forms readers fill in without an account (comments,
newsletter sign-ups), with no third party and nothing that would make a cached page
differ per reader:

- a signed time token carried by the form: a form sent back sooner than a person could
  fill it in, or after it has gone stale, tells a program;
- a honeypot field that people never see and programs fill in;
- rate limits per client and per address, counted in the cache.
"""

import secrets

from django.core import signing
from django.core.cache import cache

# A form shown longer ago than this must be reloaded (its time token would otherwise
# let a program reuse one token for ever).
FORM_MAX_AGE = 60 * 60 * 24


class TooMany(Exception):
    """More requests from one client or address than the limit allows in its window."""

    def __init__(self, window):
        super().__init__(window)
        self.minutes = max(1, window // 60)


def time_token(now, salt):
    """A token saying when a form was shown: [timestamp, a one-off id], signed."""
    return signing.dumps([now.timestamp(), secrets.token_urlsafe(12)], salt=salt)


def read_time_token(token, salt, max_age=None):
    """(shown at as a timestamp, the form's one-off id), or None for a forged or stale token."""
    try:
        shown = signing.loads(token, salt=salt, max_age=max_age or FORM_MAX_AGE)
    except signing.BadSignature:
        return None
    if isinstance(shown, list) and len(shown) == 2:
        return float(shown[0]), str(shown[1])
    return None


def sent_too_soon(shown_at, now, minimum_seconds):
    """The seconds between showing and sending, when fewer than a person needs; else None."""
    elapsed = now.timestamp() - float(shown_at)
    return max(elapsed, 0) if elapsed < minimum_seconds else None


def take_once(kind, form_id, seconds=FORM_MAX_AGE):
    """True the first time ``form_id`` is taken, False every time after."""
    return bool(form_id) and cache.add(f"newsdesk:{kind}:form:{form_id}", True, seconds)


def count_request(kind, who, limit, window):
    """Count one request by ``who`` (an IP, an address); raise :class:`TooMany` past ``limit``."""
    if not who:
        return
    key = f"newsdesk:{kind}:rate:{who}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    if count > limit:
        raise TooMany(window)
