"""Absolute URLs from the Wagtail Site serving a request, for feeds, sitemaps and metadata."""

from html import escape
from urllib.parse import urljoin

from django.conf import settings
from lxml import html as lxml_html
from wagtail.models import Site


def site_root_url(request):
    """The root URL of the Wagtail Site serving ``request``, without a trailing slash."""
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri("/").rstrip("/")
    return site.root_url


def public_url(path):
    """``path`` on the site's public address (``NEWSDESK_BASE_URL``), for e-mails: no request."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def absolute(request, url):
    """``url`` (a path or an absolute URL) made absolute on the request's site."""
    return urljoin(site_root_url(request) + "/", url)


def absolutize_html(fragment, base_url):
    """
    ``fragment`` for reading away from the site (feed readers): every link and image
    address made absolute against ``base_url``, ``srcset`` included, and each ``<picture>``
    reduced to its ``<img>``, which every reader shows.
    """
    if not fragment.strip():
        return fragment
    tree = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for picture in list(tree.iter("picture")):
        img = next(picture.iter("img"), None)
        if img is None:
            picture.drop_tree()
            continue
        img.tail = picture.tail
        picture.getparent().replace(picture, img)
    tree.make_links_absolute(base_url, resolve_base_href=False)
    for element in tree.xpath("//*[@srcset]"):
        element.set("srcset", _absolute_srcset(element.get("srcset"), base_url))
    return escape(tree.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in tree
    )


def _absolute_srcset(srcset, base_url):
    candidates = []
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        candidates.append(f"{urljoin(base_url, url)} {descriptor}".strip())
    return ", ".join(candidates)
