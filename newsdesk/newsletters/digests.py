"""
Digests: a list's new stories gathered into one e-mail on a schedule (daily at a time,
or weekly on a day and time, in the newsroom's time zone).

Each list with a digest has one *open* edition at a time (``Digest``), due at the list's
next slot. Until it goes, editors may change it on its "next digest" page: move stories
up or to the top, take them out, write a note for the top. When the scheduler finds it
due (``run_due``, every minute) it is sent, or skipped and logged when fewer stories than
the list's minimum are new; then the next edition opens at the first slot after *now*.
So a digest whose time passed while the scheduler was down goes once when it comes
back, not once per missed slot, and the next one holds what was published after it.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.articles.models import ArticlePage

from . import compose, sending
from .models import (
    Digest,
    DigestCadence,
    DigestScope,
    DigestStatus,
    Newsletter,
    SendKind,
)

logger = logging.getLogger(__name__)

# How many new stories an editor is shown to choose from.
CANDIDATES = 100


def next_due(newsletter, after):
    """The first moment after ``after`` when ``newsletter``'s digest goes; None when off."""
    if not newsletter.digest:
        return None
    zone = timezone.get_default_timezone()
    day = after.astimezone(zone).date()
    weekly = newsletter.digest == DigestCadence.WEEKLY
    if weekly:
        day += datetime.timedelta(days=(newsletter.digest_weekday - day.weekday()) % 7)
    step = datetime.timedelta(days=7 if weekly else 1)
    due = datetime.datetime.combine(day, newsletter.digest_time, tzinfo=zone)
    while due <= after:
        day += step
        due = datetime.datetime.combine(day, newsletter.digest_time, tzinfo=zone)
    return due


def open_digest(newsletter, now=None):
    """The list's next digest, opened when there is none (the first covers a period)."""
    now = now or timezone.now()
    digest = newsletter.digests.filter(status=DigestStatus.OPEN).first()
    due = next_due(newsletter, now)
    if digest is not None:
        on_schedule = (
            due is not None
            and next_due(newsletter, digest.due_at - datetime.timedelta(seconds=1)) == digest.due_at
        )
        if due is not None and not on_schedule:
            # The list's schedule changed (or began) since this edition opened: it goes
            # at the next slot, not at once. A slot missed while the scheduler was down
            # is still on the schedule, and goes at once.
            digest.due_at = due
            digest.save(update_fields=["due_at"])
        return digest
    last = newsletter.digests.exclude(status=DigestStatus.OPEN).order_by("-closed_at").first()
    period = datetime.timedelta(days=7 if newsletter.digest == DigestCadence.WEEKLY else 1)
    since = last.closed_at if last and last.closed_at else now - period
    try:
        with transaction.atomic():
            return Digest.objects.create(newsletter=newsletter, due_at=due or now, since=since)
    except IntegrityError:
        # Another process opened it first (one open edition per list).
        return newsletter.digests.get(status=DigestStatus.OPEN)


def candidates(digest, now=None):
    """The stories the digest could hold now, in the editors' order, less those removed."""
    now = now or timezone.now()
    newsletter = digest.newsletter
    stories = ArticlePage.objects.published().filter(
        first_published_at__gt=digest.since, first_published_at__lte=now
    )
    if newsletter.digest_scope == DigestScope.LIST:
        if newsletter.section_id:
            stories = stories.descendant_of(newsletter.section)
        elif newsletter.topic_id:
            stories = stories.filter(topics=newsletter.topic)
    found = {story.pk: story for story in stories.for_listing().newest_first()[:CANDIDATES]}
    placed = [found[pk] for pk in digest.order if pk in found]
    rest = [story for pk, story in found.items() if pk not in digest.order]
    return [story for story in placed + rest if story.pk not in digest.removed]


def stories(digest, now=None):
    """What the digest holds if it goes now."""
    return candidates(digest, now)[: digest.newsletter.digest_max]


def removed(digest, now=None):
    """The stories editors took out, while they are still new."""
    pages = ArticlePage.objects.published().filter(pk__in=digest.removed)
    return list(pages.filter(first_published_at__gt=digest.since).newest_first())


def rearrange(digest, action, story_id):
    """
    An editor's change to the open digest: ``top``, ``up``, ``remove`` or ``restore``
    ``story_id``. Returns False when the digest is no longer open.
    """
    with transaction.atomic():
        digest = Digest.objects.select_for_update().get(pk=digest.pk)
        if digest.status != DigestStatus.OPEN:
            return False
        order = [story.pk for story in candidates(digest)]
        if action == "top" and story_id in order:
            order.remove(story_id)
            order.insert(0, story_id)
        elif action == "up" and story_id in order and order.index(story_id) > 0:
            at = order.index(story_id)
            order[at - 1], order[at] = order[at], order[at - 1]
        elif action == "remove" and story_id not in digest.removed:
            digest.removed = [*digest.removed, story_id]
        elif action == "restore":
            digest.removed = [pk for pk in digest.removed if pk != story_id]
        digest.order = order
        digest.save(update_fields=["order", "removed"])
    return True


def close(digest, now=None, *, by=None):
    """
    Send the digest now, or skip it when fewer stories than the list's minimum are new.
    Returns (status, stories); an edition already closed (by another scheduler, say) is
    left alone. Raises ``compose.NotReady`` when the list cannot be sent to yet.
    """
    now = now or timezone.now()
    newsletter = digest.newsletter
    with transaction.atomic():
        digest = Digest.objects.select_for_update().select_related("newsletter").get(pk=digest.pk)
        if digest.status != DigestStatus.OPEN:
            return digest.status, []
        items = stories(digest, now)
        digest.closed_at = now
        if len(items) < max(newsletter.digest_min, 1):
            digest.status = DigestStatus.SKIPPED
            digest.save(update_fields=["status", "closed_at"])
            logger.info(
                "The %s digest due %s was skipped: %d new stories, at least %d wanted.",
                newsletter.name,
                digest.due_at.isoformat(),
                len(items),
                newsletter.digest_min,
            )
            return digest.status, items
        compose.check_ready(newsletter)
        composed = compose.digest_body(digest, items, now)
        digest.send = sending.start_new(newsletter, SendKind.DIGEST, composed, by=by)
        digest.status = DigestStatus.SENT
        digest.save(update_fields=["send", "status", "closed_at"])
    return digest.status, items


def run_due(now=None):
    """Send (or skip) every digest whose time has come; open the next editions."""
    now = now or timezone.now()
    done = []
    for newsletter in Newsletter.objects.exclude(digest=""):
        digest = open_digest(newsletter, now)
        if digest.due_at > now:
            continue
        try:
            done.append((newsletter, *close(digest, now)))
        except compose.NotReady as problem:
            logger.error("The %s digest cannot go: %s", newsletter.name, problem)
            continue
        open_digest(newsletter, now)
    return done
