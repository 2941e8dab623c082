"""
``{% news_picture image "role" %}``: a responsive ``<picture>`` in the site's formats.

Every source has a ``srcset`` and ``sizes``; the fallback ``<img>`` carries width and
height (so the page does not jump as pictures load), alt text, and lazy loading unless
``loading="eager"``. Roles and their sizes live in :mod:`newsdesk.images.renditions`.
"""

from django import template
from django.utils.html import format_html, format_html_join

from newsdesk.images import renditions
from newsdesk.images.uses import published_uses

register = template.Library()

MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


def _srcset(entries):
    return ", ".join(f"{rendition.url} {width}w" for width, rendition in entries)


@register.simple_tag
def news_picture(image, role, sizes="100vw", alt=None, loading="lazy", css_class="", **attrs):
    """The picture element for ``image`` shown as ``role``; empty when there is no image."""
    if not image:
        return ""
    by_format = renditions.renditions(image, role)
    if not by_format:
        return ""
    *sources, (fallback_format, fallback) = by_format.items()
    largest = fallback[-1][1]
    extra = format_html_join("", ' {}="{}"', sorted(attrs.items()))
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="{}" decoding="{}"{}></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        format_html_join(
            "",
            '<source type="{}" srcset="{}" sizes="{}">',
            ((MIME[name], _srcset(entries), sizes) for name, entries in sources),
        ),
        fallback[0][1].url if len(fallback) > 1 else largest.url,
        _srcset(fallback),
        sizes,
        largest.width,
        largest.height,
        image.description if alt is None else alt,
        loading,
        "sync" if loading == "eager" else "async",
        extra,
    )


@register.simple_tag
def preload_picture(image, role, sizes="100vw"):
    """A ``<link rel="preload">`` for the best format of a picture above the fold."""
    if not image:
        return ""
    by_format = renditions.renditions(image, role)
    if not by_format:
        return ""
    name, entries = next(iter(by_format.items()))
    return format_html(
        '<link rel="preload" as="image" type="{}" imagesrcset="{}" imagesizes="{}"'
        ' fetchpriority="high">',
        MIME[name],
        _srcset(entries),
        sizes,
    )


@register.simple_tag
def shown_to_readers(image):
    """What readers see ``image`` on (live pages, author pages, live updates)."""
    return published_uses(image)
