"""
Rich text from outside the editor, limited to what the editor itself could have written.

Wagtail's editor only produces the markup its features allow, but rich text can also
arrive from scripts and importers. :func:`clean` keeps Wagtail's stored format (page and
document links as ``<a linktype="page" id="…">``, block keys) and drops everything else:
scripts and their content, event handlers, styles, and links to anything but the web,
e-mail and telephone.
"""

import nh3

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
    """``markup`` in Wagtail's stored rich text format, with only ``features`` allowed."""
    attributes = {"p": BLOCK_KEY, "br": set()}
    for feature in features:
        for tag, allowed in FEATURE_TAGS.get(feature, {}).items():
            attributes[tag] = attributes.get(tag, set()) | allowed
    return nh3.clean(
        markup or "",
        tags=set(attributes),
        attributes=attributes,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
