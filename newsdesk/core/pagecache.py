"""
The whole-page cache for anonymous readers, and the purge that keeps it exact.

A page an anonymous reader gets is stored whole (status, headers, body) in the ``pages``
cache, which is a folder of files shared by every process on one machine by default and
Redis when ``REDIS_URL`` is set. The same response carries ``Cache-Control`` with
``s-maxage`` and ``stale-while-revalidate`` so a reverse proxy or CDN in front keeps it
too, and ``max-age=0`` so browsers ask again (an ETag answers that with a 304).

Nothing that could hold per-reader content is stored: requests with a session or
message cookie (logged-in editors, readers with a flash message) skip the cache both
ways, and so does any response that sets a cookie, varies on ``Cookie``, carries a CSRF
token or says ``private``/``no-store``/``no-cache``.

Purging is by path. Every cached copy records the *generation* its path had when it
was stored; :func:`purge_local` gives a path a new generation, so every copy of that path
(whatever its query string, host or scheme) stops matching at once and nothing else is
touched. Which paths a change must purge is decided in :mod:`newsdesk.core.purging`.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

PAGES_CACHE = "pages"
SITE_GENERATION = "gen:site"
# Requests carrying these cookies get pages made for them alone.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Headers a stored copy must not replay: they belong to the response that made it.
NOT_STORED = frozenset({"set-cookie", "date", "age", "x-newsdesk-cache", "connection"})
# Longer query strings are someone's cache-busting, not a page a reader links to.
MAX_QUERY = 256


def cache_settings():
    return settings.NEWSDESK_PAGE_CACHE


def _cache():
    return caches[PAGES_CACHE]


def _generation_key(path):
    return "gen:" + hashlib.sha256(path.encode()).hexdigest()


def _entry_key(request):
    scheme = "https" if request.is_secure() else "http"
    identity = (
        f"{scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
    )
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def _new_generation(key):
    """The generation stored under ``key``, created if the cache has none."""
    token = secrets.token_hex(8)
    if _cache().add(key, token, timeout=None):
        return token
    return _cache().get(key) or token


def is_personal(request):
    """True when the request carries a cookie that makes pages personal to it."""
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def may_share(request):
    """Whether the page answering ``request`` may be kept by shared caches at all."""
    return (
        request.method in ("GET", "HEAD")
        and not is_personal(request)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY
        and not request.path.startswith(tuple(cache_settings()["SKIP_PREFIXES"]))
    )


def shared_lifetime(response):
    """
    Seconds a shared cache may keep ``response``, or 0 when it must not keep it at all.

    A response that states its own lifetime keeps it (the live-updates poll says 5 s);
    one that states none gets the site's default.
    """
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    vary = response.get("Vary", "").lower()
    if "cookie" in vary or "*" in vary:
        return 0
    control = _directives(response.get("Cache-Control", ""))
    if {"private", "no-store", "no-cache"} & control.keys():
        return 0
    if b"csrfmiddlewaretoken" in response.content:
        return 0
    for name in ("s-maxage", "max-age"):
        if name in control:
            try:
                return max(int(control[name]), 0)
            except ValueError:
                return 0
    return cache_settings()["SECONDS"]


def _directives(header):
    directives = {}
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip('"')
    return directives


@dataclass
class Entry:
    """One stored page: what to replay, and the generations it was made under."""

    generation: str
    site_generation: str
    status: int
    headers: list
    content: bytes
    stored_at: float

    def response(self, request):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["Age"] = str(int(max(time.time() - self.stored_at, 0)))
        response["X-Newsdesk-Cache"] = "hit"
        return _conditional(request, response)


def _conditional(request, response):
    """A 304 for a reader whose copy is current, else ``response`` itself."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PageCacheMiddleware:
    """
    Serves anonymous readers from the page cache and stores what may be shared.

    Sits inside the middleware that adds headers every response needs (security, content
    security policy), so a cached copy gets those fresh, and outside sessions, CSRF and
    authentication, so a hit costs neither.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_share(request):
            response = self.get_response(request)
            if is_personal(request) and "Cache-Control" not in response:
                # Pages made for a logged-in editor are theirs alone; no proxy keeps them.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        stored = cache_settings()["ENABLED"]
        if stored:
            cache = _cache()
            key = _entry_key(request)
            generation_key = _generation_key(request.path)
            found = cache.get_many([key, generation_key, SITE_GENERATION])
            entry = found.get(key)
            if (
                entry is not None
                and entry.generation == found.get(generation_key)
                and entry.site_generation == found.get(SITE_GENERATION)
            ):
                return entry.response(request)
            # Read before the page is made: a purge landing while it renders leaves this
            # copy under the old generation, where nobody will find it.
            generation = found.get(generation_key) or _new_generation(generation_key)
            site_generation = found.get(SITE_GENERATION) or _new_generation(SITE_GENERATION)

        response = self.get_response(request)
        lifetime = shared_lifetime(response)
        if not lifetime:
            if "Cache-Control" not in response and response.status_code != 200:
                # Errors and redirects are not kept by proxies either: a story published
                # where a 404 was must be seen at once.
                patch_cache_control(response, no_cache=True)
            return response

        if "Cache-Control" not in response:
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=lifetime,
                stale_while_revalidate=cache_settings()["STALE_SECONDS"],
            )
        if not response.has_header("ETag"):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        if stored:
            entry = Entry(
                generation=generation,
                site_generation=site_generation,
                status=response.status_code,
                headers=[
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in NOT_STORED
                ],
                content=response.content,
                stored_at=time.time(),
            )
            cache.set(key, entry, timeout=lifetime)
            response["X-Newsdesk-Cache"] = "miss"
        return _conditional(request, response)


def path_of(url):
    """The path of a full URL or path, as the cache keys it."""
    return urlsplit(url).path or "/"


def purge_local(urls):
    """Drop every stored copy of each URL's path (all query strings, hosts, schemes)."""
    paths = {path_of(url) for url in urls}
    if paths:
        _cache().set_many({_generation_key(path): secrets.token_hex(8) for path in paths}, None)
    return paths


def purge_everything():
    """Drop every stored page: for changes every page shows, such as the site's name."""
    _cache().set(SITE_GENERATION, secrets.token_hex(8), timeout=None)
