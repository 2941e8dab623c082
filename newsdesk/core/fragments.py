"""
Fragments of pages made once and kept until what they show changes.

A page the page cache does not hold (a purge just dropped it, an archive story nobody
read this hour, a site run with the page cache off) is assembled from fragments: a
story's body by its revision, each story card by its story, the section navigation by
the site's sections. Each fragment is stored in the page cache's store together with the
*versions* it was made from, and is used again only while every one of them is still
current; a version is a token in the same store that changes when the thing it stands
for changes:

``path(url)``
    the page cache's own generation of a path, which every purge of that page changes
    (a comment approved, a live update, a correction, a republication, a picture's
    credit edited, its related list refreshed): :mod:`newsdesk.core.purging` decides,
    once, what a change purges, and fragments follow it;
``content(page)``
    a page's own words and pictures only (publication, pictures, corrections), so a
    new comment does not make its body again;
``SITE``
    everything every page shows (the site's name, its sections, the newsroom's
    settings), the page cache's site generation;
``PEOPLE``, ``TOPICS``
    authors' and topics' names, links and pictures.

A fragment made inside another adds its versions to the outer one, so a list of cards is
made again when one card's story changes, and then only that card is rendered anew.

Fragments are used only for pages that every reader shares (``pagecache.may_share``):
previews, editors' pages and anything personal are always made afresh.
"""

import contextvars
import functools
import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from . import pagecache

SITE = pagecache.SITE_GENERATION
PEOPLE = "gen:people"
TOPICS = "gen:topics"
# A changed version makes a fragment unreachable at once; this bounds the rest. Forms in
# fragments carry signed times (core.antispam) that are refused after a day: a fragment
# at most six hours old leaves a reader eighteen hours to send one.
LIFETIME = 6 * 60 * 60

_making = contextvars.ContextVar("newsdesk_fragments_making", default=None)


def _cache():
    return caches[pagecache.PAGES_CACHE]


def enabled():
    return getattr(settings, "NEWSDESK_FRAGMENTS", True)


def applies_to(request):
    """Whether ``request`` may be answered from shared fragments."""
    return (
        enabled()
        and request is not None
        and not getattr(request, "is_preview", False)
        and pagecache.may_share(request)
    )


def path(url):
    """The version of the page at ``url`` (a full URL or a path)."""
    return pagecache.generation_key(pagecache.path_of(url))


def content(page_or_pk):
    """The version of a page's own content: its words, pictures and corrections."""
    pk = getattr(page_or_pk, "pk", page_or_pk)
    return f"gen:content:{pk}"


def bump(*keys):
    """Give each version in ``keys`` a new value: fragments made from them are made again."""
    if keys:
        _cache().set_many({key: secrets.token_hex(8) for key in keys}, None)


def bump_on_commit(*keys):
    """:func:`bump` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: bump(*keys))


def read(keys, request=None):
    """
    The values the store holds for the versions ``keys`` (missing ones left out), read
    once per request: the fragments of one page share most of their versions, and each
    read of the file-based store is a file opened.
    """
    memo = None if request is None else request.__dict__.setdefault("_newsdesk_versions", {})
    if memo is None:
        return _cache().get_many(list(keys))
    wanted = [key for key in set(keys) if key not in memo]
    if wanted:
        found = _cache().get_many(wanted)
        memo.update({key: found.get(key) for key in wanted})
    return {key: memo[key] for key in keys if memo[key] is not None}


def follow(model, *keys):
    """Make fragments from ``keys`` again whenever a ``model`` row is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    def changed(**kwargs):
        bump_on_commit(*keys)

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"newsdesk-{keys}")


def current_versions(keys, request=None):
    """The current value of each version, created where the store has none yet."""
    keys = sorted(set(keys))
    found = read(keys, request)
    for key in keys:
        if key not in found:
            found[key] = pagecache.new_generation(key)
            if request is not None:
                request._newsdesk_versions[key] = found[key]
    return found


def depend_on(keys, request=None):
    """Make the fragment being made depend on the versions ``keys`` too."""
    if _making.get() is not None:
        _record(current_versions(keys, request))


def _record(versions):
    making = _making.get()
    if making is not None:
        making.update(versions)


@functools.cache
def release():
    """
    A digest of the code and templates this process runs: part of every fragment's key,
    so a deployment that changes how pages look never serves what the old code made.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".txt", ".xml") and "tests" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(name, vary):
    identity = repr((release(), name, tuple(vary)))
    return "frag:" + hashlib.sha256(identity.encode()).hexdigest()


def cached(name, vary, depends, make, request=None):
    """
    The fragment ``name`` for the values ``vary``, made by ``make()`` when no stored copy
    is current (markup, or any value that pickles). ``depends`` lists the versions it is
    made from; fragments made inside ``make`` add theirs. ``request`` shares version reads
    between fragments.
    """
    key = _key(name, vary)
    entry = _cache().get(key)
    if entry is not None:
        versions, html = entry
        now = read(versions, request)
        if all(now.get(k) == v for k, v in versions.items()):
            _record(versions)
            return html
    versions = current_versions(depends, request)
    token = _making.set(dict(versions))
    try:
        html = make()
        versions = _making.get()
    finally:
        _making.reset(token)
    _cache().set(key, (versions, html), LIFETIME)
    _record(versions)
    return html
