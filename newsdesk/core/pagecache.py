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

Query strings: parameters that never change a page (campaign and click trackers such as
``utm_*``, ``fbclid``, ``gclid``) are left out of the key, so a link shared with them is
served from the same copy. A response may also name the parameters its page reads
(:func:`reads_params`; every newsdesk page type and public view does): the cache then
remembers that list for the path and keys on those parameters alone, so ``?x=<random>``
on a story is the story's cached copy, while ``?page=2`` on a section is its own page.
A response that names none is keyed on every parameter but the trackers.

Purging is by path. Every cached copy records the *generation* its path had when it
was stored; :func:`purge_local` gives a path a new generation, so every copy of that path
(whatever its query string, host or scheme) stops matching at once and nothing else is
touched. Which paths a change must purge is decided in :mod:`newsdesk.core.purging`.
"""

import functools
import hashlib
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import compression

PAGES_CACHE = "pages"
SITE_GENERATION = "gen:site"
# Requests carrying these cookies get pages made for them alone.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Headers a stored copy must not replay: they belong to the response that made it.
NOT_STORED = frozenset({"set-cookie", "date", "age", "x-newsdesk-cache", "connection"})
# Longer query strings are someone's cache-busting, not a page a reader links to.
MAX_QUERY = 256
# Parameters added to links by newsletters, social networks and ad platforms: they never
# change what a page shows, so the cache (and the reference Varnish) ignore them.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "_hs")
TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_ga",
        "_gl",
        "ref_src",
    }
)
# The attribute a response carries when its page said which parameters it reads.
PARAMS_ATTRIBUTE = "newsdesk_query_params"


def cache_settings():
    return settings.NEWSDESK_PAGE_CACHE


def _cache():
    return caches[PAGES_CACHE]


def generation_key(path):
    return "gen:" + hashlib.sha256(path.encode()).hexdigest()


def _params_key(path):
    return "params:" + hashlib.sha256(path.encode()).hexdigest()


def is_tracking(name):
    return name in TRACKING or name.startswith(TRACKING_PREFIXES)


def kept_query(query_string, params=None):
    """
    The part of ``query_string`` that can change the page, in a fixed order: every
    parameter but the trackers, or only those in ``params`` when the page named them.
    """
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if params is None:
        kept = [(name, value) for name, value in pairs if not is_tracking(name)]
    else:
        kept = [(name, value) for name, value in pairs if name in params]
    return urlencode(sorted(kept))


def _entry_key(request, params=None):
    scheme = "https" if request.is_secure() else "http"
    query = kept_query(request.META.get("QUERY_STRING", ""), params)
    # One copy per encoding: the stored bytes are compressed (core.compression).
    encoding = compression.negotiate(request)
    identity = f"{encoding}|{scheme}://{request.get_host()}{request.path}?{query}"
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def reads_params(response, params):
    """
    Say that the page in ``response`` reads only the query parameters ``params`` (an
    iterable of names, empty for none): the cache keys its copies on those alone.
    """
    setattr(response, PARAMS_ATTRIBUTE, tuple(sorted(params)))
    return response


def query_params(*params):
    """Decorator for views: the response reads only ``params`` (see :func:`reads_params`)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return reads_params(view(request, *args, **kwargs), params)

        return wrapped

    return decorator


def new_generation(key):
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
        and len(kept_query(request.META.get("QUERY_STRING", ""))) <= MAX_QUERY
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
    if compression.has_csrf_token(response):
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
        known_params = None
        if stored:
            cache = _cache()
            key = _entry_key(request)
            path_key = generation_key(request.path)
            params_key = _params_key(request.path)
            # Without a query string every page's key is the same: what it reads is not
            # needed, and a hit costs three reads.
            wanted = [key, path_key, SITE_GENERATION]
            if request.META.get("QUERY_STRING"):
                wanted.append(params_key)
            found = cache.get_many(wanted)
            known_params = found.get(params_key)
            if known_params is not None:
                # The path's page said which parameters it reads: key on those alone.
                narrowed = _entry_key(request, known_params)
                if narrowed != key:
                    key = narrowed
                    found[key] = cache.get(key)
            entry = found.get(key)
            if (
                entry is not None
                and entry.generation == found.get(path_key)
                and entry.site_generation == found.get(SITE_GENERATION)
            ):
                return entry.response(request)
            # Read before the page is made: a purge landing while it renders leaves this
            # copy under the old generation, where nobody will find it.
            generation = found.get(path_key) or new_generation(path_key)
            site_generation = found.get(SITE_GENERATION) or new_generation(SITE_GENERATION)

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
            params = getattr(response, PARAMS_ATTRIBUTE, None)
            if params != known_params:
                if params is None:
                    cache.delete(params_key)
                else:
                    cache.set(params_key, params, timeout=None)
            key = _entry_key(request, params)
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
        _cache().set_many({generation_key(path): secrets.token_hex(8) for path in paths}, None)
    return paths


def purge_everything():
    """Drop every stored page: for changes every page shows, such as the site's name."""
    _cache().set(SITE_GENERATION, secrets.token_hex(8), timeout=None)
