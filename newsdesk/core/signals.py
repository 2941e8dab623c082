"""
The signals newsdesk sends, and the fixed list of reasons they carry.

Receivers live in each app's ``signal_handlers.py`` and are connected in its
``AppConfig.ready()``.
"""

from enum import StrEnum

from django.dispatch import Signal


class Change(StrEnum):
    """Why what readers see of a page changed: the ``reason`` ``page_changed`` carries."""

    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    IMAGE = "image"
    COMMENTS = "comments"
    COVERAGE_STARTED = "live coverage started"
    COVERAGE_ENDED = "live coverage ended"
    UPDATE_ADDED = "live update"
    UPDATE_EDITED = "live update edited"
    UPDATE_REMOVED = "live update removed"
    CORRECTION = "correction"


# Sent when what readers see of a page changes: ``instance`` is the page, ``reason`` a
# ``Change``. Publishing and unpublishing send it for every page (bridged from Wagtail's
# signals); apps that change a page's public face without publishing it send it through
# ``announce_change``. Whatever must refresh when a page changes (caches, purges, feeds)
# listens here, once.
page_changed = Signal()


def announce_change(page, reason):
    """Send ``page_changed`` for ``page``; ``reason`` must be one of ``Change``."""
    page_changed.send(sender=type(page), instance=page, reason=Change(reason))
