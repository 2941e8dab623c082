"""
Compressed pages, feeds and sitemaps when nothing in front of the application compresses
them (one machine, or a proxy that passes bytes through): brotli for clients that ask
for it, gzip for the rest.

The middleware sits inside the page cache, so a page is compressed once when it is made
and its stored copy is the compressed bytes; the cache keeps one copy per encoding
(:func:`negotiate` is part of its key). Behind Varnish, which asks the application for
gzip alone and compresses for its clients itself, it costs one gzip per cached page.
``NEWSDESK_COMPRESS=false`` turns it off where a proxy does it all.

Brotli is used only for responses that carry no CSRF token: a secret in a page that
also echoes what a visitor typed is what the BREACH attack reads from compressed sizes,
and Django's gzip pads such responses with random bytes against it. Newsdesk's public
pages hold no token (forms fetch theirs), so readers get brotli.
"""

import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; gzip still works without
    brotli = None

# Below this, the headers of a compressed response outweigh what it saves.
MIN_SIZE = 512
# Quality 5 of 11: within a few per cent of the best size, at a fraction of its time.
BROTLI_QUALITY = 5
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|ld\+json|xml|rss\+xml|atom\+xml|javascript|xhtml\+xml)"
    r"|image/svg\+xml)"
)
MARK_ATTRIBUTE = "newsdesk_has_csrf_token"


def _accepted(header):
    """The encodings an Accept-Encoding header accepts (q above 0), lower case."""
    accepted = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        if quality > 0:
            accepted.add(name)
    return accepted


def negotiate(request):
    """The encoding ``request`` would get a compressible page in: "br", "gzip" or ""."""
    if not getattr(settings, "NEWSDESK_COMPRESS", True):
        return ""
    accepted = _accepted(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if "br" in accepted and brotli is not None:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return ""


def has_csrf_token(response):
    """Whether the response's page holds a CSRF token (read before it is compressed)."""
    found = getattr(response, MARK_ATTRIBUTE, None)
    if found is None:
        found = not response.streaming and b"csrfmiddlewaretoken" in response.content
    return found


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not getattr(settings, "NEWSDESK_COMPRESS", True):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if (
            response.has_header("Content-Encoding")
            or not COMPRESSIBLE.match(content_type)
            or (not response.streaming and len(response.content) < MIN_SIZE)
        ):
            return response
        if not response.streaming:
            # The page cache decides from the token whether a page may be shared.
            setattr(response, MARK_ATTRIBUTE, b"csrfmiddlewaretoken" in response.content)
        encoding = negotiate(request)
        patch_vary_headers(response, ("Accept-Encoding",))
        if encoding == "br" and not response.streaming and not has_csrf_token(response):
            compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
            etag = response.get("ETag")
            if etag and etag.startswith('"'):
                response.headers["ETag"] = "W/" + etag
            response.headers["Content-Encoding"] = "br"
            return response
        if "gzip" in _accepted(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            # Django's gzip, with its random padding where a token is on the page.
            return super().process_response(request, response)
        return response
