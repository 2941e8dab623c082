"""
Breaking news: one action puts a banner on every page and, when a list is chosen, sends
it a short e-mail (headline, one line, link).

The banner is part of the cached pages, the same for every reader (no cookie, no
script), so starting, ending and expiring an alert purge every page at once: the page
cache and the reference Varnish (``core.purging.purge_everywhere``). Pages read the alert
from the cache, so showing it costs them no query; the scheduler clears an alert whose
time ran out (``clear_expired``, every minute).
"""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsdesk.core.purging import purge_everywhere

from . import compose, sending
from .models import BreakingAlert, Newsletter, SendKind

CACHE_KEY = "newsdesk:newsletters:breaking"
# How long an alert may show, in hours, as the action offers it.
DURATIONS = {"1": "one hour", "3": "three hours", "6": "six hours", "12": "12 hours"}
NOTHING = {}
# A story's alert cannot start again this soon while the last one shows.
AGAIN_AFTER_MINUTES = 10


class AlreadySent(Exception):
    """The story's alert has just gone out; the message says so."""


def showing(now=None):
    """What the banner shows now (headline, line, url), or None."""
    now = now or timezone.now()
    data = cache.get(CACHE_KEY)
    if data is None:
        alert = (
            BreakingAlert.objects.filter(
                ended_at__isnull=True, started_at__lte=now, expires_at__gt=now
            )
            .select_related("article")
            .first()
        )
        data = NOTHING
        timeout = 60
        if alert is not None:
            data = {
                "headline": alert.headline,
                "line": alert.line,
                "url": alert.article.url,
                "expires_at": alert.expires_at,
            }
            timeout = max(1, int((alert.expires_at - now).total_seconds()))
        cache.set(CACHE_KEY, data, timeout)
    if not data or data["expires_at"] <= now:
        return None
    return data


def _changed():
    """Every page shows the banner: forget it and purge them all, after the commit."""
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    purge_everywhere()


def start(story, *, headline, line="", newsletter=None, hours=3, by=None):
    """
    Show the banner for ``hours`` (ending any other) and e-mail ``newsletter`` if given.
    Raises ``compose.NotReady`` when the list cannot be sent to, and ``AlreadySent`` when
    the story's alert went out minutes ago and still shows; nothing starts then.
    """
    now = timezone.now()
    with transaction.atomic():
        if newsletter is not None:
            compose.check_ready(newsletter)
            # Two editors pressing at once: the second waits for the first, then sees it.
            Newsletter.objects.select_for_update().filter(pk=newsletter.pk).first()
        just_sent = BreakingAlert.objects.filter(
            article=story,
            ended_at__isnull=True,
            started_at__gte=now - datetime.timedelta(minutes=AGAIN_AFTER_MINUTES),
        ).first()
        if just_sent is not None:
            raise AlreadySent(
                f"“{just_sent.headline}” went out for this story at "
                f"{timezone.localtime(just_sent.started_at):%H:%M}; take that banner down "
                "first to send another."
            )
        BreakingAlert.objects.filter(ended_at__isnull=True, expires_at__gt=now).update(
            ended_at=now, cleared_at=now
        )
        alert = BreakingAlert.objects.create(
            article=story,
            headline=compose.one_line(headline)[:200],
            line=compose.one_line(line)[:300],
            newsletter=newsletter,
            started_at=now,
            expires_at=now + datetime.timedelta(hours=hours),
            created_by=by,
        )
        if newsletter is not None:
            composed = compose.alert_body(alert)
            alert.send = sending.start_new(newsletter, SendKind.ALERT, composed, story, by=by)
            alert.save(update_fields=["send"])
        _changed()
    return alert


def end(alert):
    """Take the banner down now."""
    now = timezone.now()
    with transaction.atomic():
        changed = BreakingAlert.objects.filter(pk=alert.pk, ended_at__isnull=True).update(
            ended_at=now, cleared_at=now
        )
        if changed:
            _changed()
    return bool(changed)


def clear_expired(now=None):
    """Pages stop showing alerts whose time ran out; how many."""
    now = now or timezone.now()
    with transaction.atomic():
        count = BreakingAlert.objects.filter(cleared_at__isnull=True, expires_at__lte=now).update(
            cleared_at=now
        )
        if count:
            _changed()
    return count
