"""
Exact purging: when ``page_changed`` is sent, every URL that shows the change leaves the
page cache and the reverse proxies or CDNs in front of the site.

Which URLs is the page's to say (``BasePage.purge_urls``; stories name their listings,
feeds and sitemaps); apps above the page's own add theirs with the
``newsdesk_purge_urls`` hook, a function ``(page, reason)`` returning full URLs (live
coverage adds its poll and feed). The set is worked out when the change is announced,
while the page still exists (a page being deleted is unpublished first).

Once the change commits, the local page cache is purged at once (one cache write; it must
come first, or a proxy refetching would get the old copy from it) and the purge of the
proxies, over HTTP through Wagtail's frontend cache backends (``WAGTAILFRONTENDCACHE``),
is queued on the ``purge`` queue, which a worker of its own keeps short.
"""

from django.conf import settings
from django.db import transaction
from django_tasks import task
from wagtail import hooks

from . import fragments, pagecache
from .signals import Change

PURGE_QUEUE = "purge"
HOOK = "newsdesk_purge_urls"


def urls_for(page, reason):
    """The sorted full URLs that show ``reason``'s change to ``page``."""
    page = page.specific
    urls = set(page.purge_urls(reason)) if hasattr(page, "purge_urls") else set()
    if not urls:
        urls.add(page.get_full_url())
    for hook in hooks.get_hooks(HOOK):
        urls.update(hook(page, reason) or ())
    return sorted(url for url in urls if url)


def purge(urls):
    """Purge ``urls`` from the page cache now and from the proxies through the worker."""
    urls = sorted(set(urls))
    if not urls:
        return
    pagecache.purge_local(urls)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_proxies.enqueue(urls)


@task(queue_name=PURGE_QUEUE)
def purge_proxies(urls):
    """Send the purge of ``urls`` to every configured frontend cache (Varnish, a CDN)."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    purge_urls_from_cache_task.call(urls)


def purge_on_commit(urls):
    urls = list(urls)
    transaction.on_commit(lambda: purge(urls))


# Changes to a page's own words and pictures; the rest (comments, live updates) leave its
# body as it was, so fragments made from the content alone stay (core.fragments).
CONTENT_CHANGES = {Change.PUBLISHED, Change.UNPUBLISHED, Change.IMAGE, Change.CORRECTION}


def purge_on_change(sender, instance, reason, **kwargs):
    """``page_changed`` receiver: purge what shows the change once it is committed."""
    if reason in CONTENT_CHANGES:
        key = fragments.content(instance)
        transaction.on_commit(lambda: fragments.bump(key))
    purge_on_commit(urls_for(instance, reason))
    if getattr(instance.specific, "shown_on_every_page", False):
        purge_site()


def purge_moved(sender, instance, url_before, **kwargs):
    """
    A page (and with it its subtree) now lives at a new address: the old addresses must
    stop answering from caches, and what listed the page must show the new one.
    """
    new = instance.get_full_url()
    urls = set(urls_for(instance, "moved"))
    if url_before and new and url_before != new:
        for page in instance.get_descendants(inclusive=True).live().specific():
            current = page.get_full_url()
            if current and current.startswith(new):
                urls.add(url_before + current[len(new) :])
    purge_on_commit(urls)
    if getattr(instance.specific, "shown_on_every_page", False):
        purge_site()


def purge_after_slug_change(sender, instance, instance_before, **kwargs):
    purge_moved(sender, instance, url_before=instance_before.get_full_url())


def purge_after_move(sender, instance, url_path_before, **kwargs):
    site = instance.get_site()
    root_path = site.root_page.url_path if site else None
    if root_path is None or not url_path_before.startswith(root_path):
        return
    before = site.root_url + url_path_before[len(root_path) - 1 :]
    purge_moved(sender, instance, url_before=before)


def purge_site(**kwargs):
    """Every page shows the site's name and sections: drop the whole page cache."""
    transaction.on_commit(pagecache.purge_everything)


# A PURGE of this path asks the reference Varnish to drop every page (deploy/varnish).
EVERYTHING = "/.newsdesk/purge-everything"


def purge_everywhere():
    """
    After the commit, drop every page from the page cache and from the proxies: for what
    every page shows at once (a breaking-news banner). The reference Varnish bans all
    pages on a PURGE of ``EVERYTHING``; a CDN keeps its copies until they expire
    (``NEWSDESK_PAGE_CACHE_SECONDS``) unless it is told to purge everything itself.
    """

    def everywhere():
        pagecache.purge_everything()
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            purge_proxies.enqueue([settings.WAGTAILADMIN_BASE_URL.rstrip("/") + EVERYTHING])

    transaction.on_commit(everywhere)
