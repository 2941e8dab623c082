"""
Which parts of the page tree are private (a password, a login or groups stand before
them), remembered in the cache: every listing, feed and sitemap leaves them out, and
asking the database each time cost a scan of the page table per listing (8 ms at 60,000
stories on SQLite, whose planner walks every page to join the few restrictions).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

KEY = "newsdesk:restricted-paths"
# Saving or deleting a restriction forgets the list at once; this bounds anything else
# (a restriction written by hand in the database).
TTL = 5 * 60


def restricted_paths():
    """The tree paths of every page with a view restriction."""
    from wagtail.models import PageViewRestriction

    paths = cache.get(KEY)
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())
        cache.set(KEY, paths, TTL)
    return paths


def private_q():
    """Pages at or below a restricted page; matches nothing when there is none."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def forget(**kwargs):
    # Now, for the rest of this transaction, and again once it commits, in case another
    # request remembered the old list in between.
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))
