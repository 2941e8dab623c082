"""
Finding the site and the page for an address without walking the page tree each time.

Wagtail finds a page by asking the database for the site, then for each step of the
path (home, section, story) and then for the page's own type: five queries before a
story is read. Here the page's id and type are remembered in the page cache's store for
the address, and the site for the host name, while the site generation stays (changing
sites or sections drops them all). A remembered page is used only if it is still live
and still at that address: unpublished, moved, renamed or deleted, Wagtail's way finds
what is there now. A remembered route costs one query: the page with its type's fields.

Only whole pages are remembered. An address served by a page's own sub-route (a
routable page's feed) takes Wagtail's way every time, as does anything not found.
"""

import functools
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from . import fragments, pagecache

LIFETIME = 24 * 60 * 60


def _cache():
    return caches[pagecache.PAGES_CACHE]


def _digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def find_site(request):
    """Wagtail's site for ``request``, remembered until any site changes."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    key = "site-for:" + _digest(hostname, request.get_port())
    entry = _cache().get(key)
    generation = fragments.read([pagecache.SITE_GENERATION], request).get(pagecache.SITE_GENERATION)
    if entry is not None and generation is not None and entry[0] == generation:
        site = entry[1]
    else:
        generation = generation or pagecache.new_generation(pagecache.SITE_GENERATION)
        site = Site._find_for_request(request)
        _cache().set(key, (generation, site), LIFETIME)
    request._wagtail_site = site
    return site


def _remembered(request, site, path):
    key = "route:" + _digest(site.pk, path)
    entry = _cache().get(key)
    current = fragments.read([pagecache.SITE_GENERATION], request).get(pagecache.SITE_GENERATION)
    if entry is None or current is None or entry[0] != current:
        return key, current, None
    _site_generation, page_pk, type_pk = entry
    model = ContentType.objects.get_for_id(type_pk).model_class()
    page = _fetch(model, page_pk) if model else None
    expected = site.root_page.url_path + path.lstrip("/")
    if page is None or not page.live or page.url_path != expected:
        return key, current, None
    return key, current, page


@functools.cache
def _page_sql(model, alias):
    """The SQL that reads one page of ``model`` by id, compiled once per process."""
    sql, params = model._default_manager.filter(pk=-1).query.sql_with_params()
    return sql, len(params)


def _fetch(model, pk):
    """One page of ``model`` with its type's fields: the query compiled once, not per request."""
    manager = model._default_manager
    sql, count = _page_sql(model, manager.db)
    if count != 1:
        return manager.filter(pk=pk).first()
    found = list(manager.raw(sql, [pk]))
    return found[0] if found else None


def serve(request, path):
    """Wagtail's page view, with the site and the page found from what is remembered."""
    if request.method not in ("GET", "HEAD"):
        return wagtail_views.serve(request, path)
    site = find_site(request)
    if site is None:
        return wagtail_views.serve(request, path)
    path = "/" + "/".join(part for part in path.split("/") if part) + ("/" if path else "")
    key, current, page = _remembered(request, site, path)
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)
    else:
        route = Page.route_for_request(request, path)
        if route is not None and not route.args and not route.kwargs and route.page.live:
            current = current or pagecache.new_generation(pagecache.SITE_GENERATION)
            _cache().set(key, (current, route.page.pk, route.page.content_type_id), LIFETIME)
    return wagtail_views.serve(request, path)
