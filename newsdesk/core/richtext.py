"""
Rich text from outside the editor, limited to what the editor itself could have written.

Wagtail's editor only produces the markup its features allow, but rich text can also
arrive from scripts and importers. :func:`clean` keeps Wagtail's stored format (page and
document links as ``<a linktype="page" id="…">``, block keys) and drops everything else:
scripts and their content, event handlers, styles, and links to anything but the web,
e-mail and telephone.
"""

import re

import nh3
from django.utils.html import escape

BLOCK_KEY = {"data-block-key"}
FEATURE_TAGS = {
    "bold": {"b": set()},
    "italic": {"i": set()},
    "link": {"a": {"href", "linktype", "id"}},
    "ol": {"ol": set(), "li": BLOCK_KEY},
    "ul": {"ul": set(), "li": BLOCK_KEY},
    "superscript": {"sup": set()},
    "subscript": {"sub": set()},
    "h2": {"h2": BLOCK_KEY},
    "h3": {"h3": BLOCK_KEY},
    "h4": {"h4": BLOCK_KEY},
}


def clean(markup, features):
    """
    ``markup`` in Wagtail's stored rich text format, with only ``features`` allowed.

    Line breaks are written ``<br/>`` as Wagtail stores them: its editor's reader of the
    stored format takes ``<br>`` for an element still open and refuses the whole field.
    """
    attributes = {"p": BLOCK_KEY, "br": set()}
    for feature in features:
        for tag, allowed in FEATURE_TAGS.get(feature, {}).items():
            attributes[tag] = attributes.get(tag, set()) | allowed
    cleaned = nh3.clean(
        markup or "",
        tags=set(attributes),
        attributes=attributes,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    return cleaned.replace("<br>", "<br/>")


def plain_paragraphs(text):
    """
    Plain text as rich-text paragraphs: blank lines part paragraphs, a single line break
    stays a line break, and the text is escaped (it is words, never markup).
    """
    chunks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
    return [
        "<p>" + "<br/>".join(escape(line.strip()) for line in chunk.strip().splitlines()) + "</p>"
        for chunk in chunks
        if chunk.strip()
    ]


# What a feed reader may show of a story: ordinary text markup, figures and tables.
# Scripts, styles, frames, forms and event handlers never leave the site this way.
SYNDICATION_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "abbr": {"title"},
    "ol": {"start", "reversed"},
}
SYNDICATION_TAGS = {
    *("p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "mark", "code"),
    *("h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q"),
    *("pre", "hr", "figure", "figcaption", "cite", "span", "div", "abbr", "time"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img"),
}


def for_syndication(html):
    """
    Rendered HTML as a feed may carry it: the markup above only, links and pictures on
    the web's own schemes. Feed readers each sanitise in their own way; this is ours.
    """
    return nh3.clean(
        html or "",
        tags=SYNDICATION_TAGS,
        attributes=SYNDICATION_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
        clean_content_tags={"script", "style"},
    )
