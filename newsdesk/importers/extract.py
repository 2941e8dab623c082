"""
The article in a web page, as newsdesk blocks: one cleaning path for the page importer
and for HTML pasted into a story's body.

The main text is found by trafilatura, the field's maintained extractor, not by rules of
our own. newsdesk adds what trafilatura does not keep or tell: it names the page chrome
it sees (share buttons, advertisements, newsletter boxes) for the report, and it keeps
pictures, embedded media and tables whole by setting them aside before extraction and
putting them back where they stood, so that they still become picture, embed and table
blocks with their captions. Lines that are page furniture ("ADVERTISEMENT", "Share
this", "3 Comments") are dropped and named.

Anything trafilatura finds nothing in (a fragment of a few words, a page of one line) is
converted as it stands, after the same chrome pass.
"""

import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from newsdesk.checks.text import CHROME, RELATED, looks_like_heading

from . import html

# Elements that are the site around the article, by what their class or id says.
CHROME_PARTS = {
    "share": "share buttons",
    "social": "share buttons",
    "cookie": "a cookie notice",
    "consent": "a cookie notice",
    "newsletter": "a newsletter box",
    "subscribe": "a newsletter box",
    "signup": "a newsletter box",
    "advert": "an advertisement",
    "sponsor": "an advertisement",
    "banner-ad": "an advertisement",
    "comment": "the comments",
    "related": "a related-stories box",
    "sidebar": "a sidebar",
    "promo": "a promotion",
    "breadcrumb": "breadcrumbs",
    "kicker": "a kicker",
    "reading-time": "a reading time",
}
_AD = re.compile(r"(^|[\s_-])ads?($|[\s_-])")
# Lines that are page furniture wherever they stand, beyond the ones desk checks skip.
FURNITURE = re.compile(
    r"^(advertisement|advertisment|sponsored( content)?|promoted|ad|skip (to|ad)|"
    r"(continue|keep) reading|follow us\b|all rights reserved|©|\(c\)\s|copyright\b|"
    r"tags?\s*:|filed under\s*:|topics\s*:|\d+\s*min(ute)?s?\s*read\b|"
    # A banner or kicker alone on its line: "BREAKING", "LIVE", "Exclusive:".
    r"(breaking( news)?|live|exclusive|developing|just in|watch|explained)\s*[:!|]?\s*$)",
    re.IGNORECASE,
)
# A paragraph that is nothing but a few bold words is a heading in a theme without any.
_BOLD_LINE = re.compile(r"^<p>\s*<b>(?P<text>[^<]{1,100})</b>\s*</p>$")
# Set aside before extraction and put back after: trafilatura keeps their text at best.
KEPT = ".//figure | .//iframe | .//table | .//video | .//audio | .//amp-img"
_MARK = "newsdesk-kept-{}"
_MARKED = re.compile(r"^newsdesk-kept-(\d+)$")
# Deeper than this, after empty wrappers are unwrapped, a page is refused.
MAX_DEPTH = 250


@dataclass
class Extracted:
    """The article's blocks, and the chrome that was left out, for the report."""

    blocks: list = field(default_factory=list)
    dropped: list = field(default_factory=list)
    headline: str = ""
    context: html.Context = field(default_factory=html.Context)


def _config():
    config = use_config()
    # Pages of a few paragraphs are articles too (the default wants 250 characters).
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


CONFIG = _config()


class TooDeep(ValueError):
    """The markup nests deeper than anyone's page does."""


def parse(markup):
    """
    A whole document, or a pasted fragment, as an lxml tree (its <html> root), or None.

    Pages built by some tools wrap their text in hundreds of layers of <div>. The
    parser is told to read them all (it stops silently at 255 levels otherwise, losing
    the text), and wrappers that hold nothing but one other element are unwrapped.
    Raises :class:`TooDeep` when the text itself is nested too deep to read.
    """
    try:
        tree = lxml.html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if _depth(tree) > MAX_DEPTH:
        for element in list(tree.iter("div", "span", "section")):
            children = list(element)
            if (
                len(children) == 1
                and not (element.text or "").strip()
                and not (children[0].tail or "").strip()
                and element.getparent() is not None
            ):
                element.drop_tag()
        depth = _depth(tree)
        if depth > MAX_DEPTH:
            raise TooDeep(
                f"its HTML is nested {depth} levels deep, deeper than a page can be read "
                f"safely ({MAX_DEPTH} at most)"
            )
    return tree


_PARSER = lxml.html.HTMLParser(huge_tree=True)


def _depth(tree):
    """How many elements the deepest one sits inside, in one pass over the tree."""
    depth = deepest = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest - 1


def drop_chrome(tree, keep_article_footers=False):
    """
    Drop scripts, menus, footers, forms and the parts named as chrome by their class or
    id; return what was dropped, for the report. With ``keep_article_footers`` an
    article's own footer stays (themes put its byline, dates and tags there), for the
    caller to read and drop.
    """
    dropped = []
    footers = "//footer[not(ancestor::article)]" if keep_article_footers else "//footer"
    amp = "//amp-ad|//amp-sticky-ad|//amp-embed|//amp-analytics|//amp-sidebar"
    junk_xpath = f"//script|//style|//noscript|//nav|{footers}|//form|//template|{amp}"
    for junk in tree.xpath(junk_xpath):
        if junk.tag == "form":
            dropped.append(chrome_name(junk) or "a form")
        elif junk.tag in ("nav", "amp-sidebar"):
            dropped.append("a menu")
        elif junk.tag in ("amp-ad", "amp-sticky-ad", "amp-embed"):
            dropped.append("an advertisement")
        junk.drop_tree()
    gone = set()
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or any(a in gone for a in element.iterancestors()):
            continue  # a comment, or inside something already dropped
        what = chrome_name(element)
        if what:
            dropped.append(what)
            gone.add(element)
            element.drop_tree()
    return dropped


def chrome_name(element):
    """What page chrome ``element`` is, by its class and id ("" for none)."""
    marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if not marks.strip() or element.tag in ("html", "body", "article", "main"):
        return ""
    if element.xpath(".//h1|.//article|.//*[@itemprop='articleBody']"):
        return ""  # it holds the article: a layout's class names, not chrome
    if _AD.search(marks):
        return "an advertisement"
    for mark, what in CHROME_PARTS.items():
        if mark in marks:
            return what
    return ""


def article_blocks(tree, context=None, *, extract=True):
    """
    The blocks of the article in ``tree`` (chrome already dropped). With ``extract``,
    trafilatura picks the main text; without, or when it finds none, all of it is kept.
    """
    context = context or html.Context()
    dropped = []
    kept = []
    if extract:
        for node in tree.xpath(KEPT):
            if not any(a is tree for a in node.iterancestors()):
                continue  # inside something already set aside
            placeholder = node.makeelement("p", {})
            placeholder.text = _MARK.format(len(kept))
            placeholder.tail = node.tail
            node.tail = None
            node.getparent().replace(node, placeholder)
            kept.append(node)
        document = _document(tree)
        found = trafilatura.extract(
            document,
            output_format="html",
            include_formatting=True,
            include_links=True,
            include_images=True,
            include_tables=True,
            include_comments=False,
            config=CONFIG,
        )
        markup = _inner_body(found) if found else ""
    if not extract or not markup.strip():
        markup = html.inner_html(_body(tree))
    blocks = []
    for block in html.html_to_blocks(markup, context):
        line = html.text_of(block["value"]) if block["type"] == "paragraph" else ""
        marked = _MARKED.match(line)
        if marked:
            blocks += html.convert_node(kept[int(marked.group(1))], context)
            continue
        if line and FURNITURE.match(line):
            dropped.append(line[:80])
            continue
        bold = _BOLD_LINE.match(block["value"]) if block["type"] == "paragraph" else None
        if bold and looks_like_heading(bold["text"].strip()):
            blocks.append({"type": "heading", "value": html.text_of(bold["text"])[:120]})
            continue
        if line and CHROME.match(line) and not RELATED.match(line):
            dropped.append(line[:80])
            continue
        blocks.append(block)
    return blocks, dropped


def _document(tree):
    """
    ``tree`` as the document trafilatura reads best. Handed an element alone (a page's
    <article>) it reads a fragment, and a page with no <article> or <main> (a page
    builder's nest of <div>), it falls back to its paragraphs-only reading: either way
    headings and lists are lost. So an element gets a document around it, and a page
    without an article container gets one around its body (the chrome is gone by now).
    """
    if tree.tag in ("html", "body") and not tree.xpath(
        ".//article | .//main | .//*[@itemprop='articleBody']"
    ):
        return f"<html><body><article>{html.inner_html(_body(tree))}</article></body></html>"
    document = etree.tostring(tree, encoding="unicode", method="html")
    return document if tree.tag == "html" else f"<html><body>{document}</body></html>"


def _body(tree):
    body = tree.find(".//body")
    return body if body is not None else tree


def _inner_body(markup):
    tree = lxml.html.document_fromstring(markup)
    return html.inner_html(_body(tree))


def page_blocks(markup, context=None):
    """A pasted or saved page's article as blocks, with the chrome left out named."""
    tree = parse(markup)
    if tree is None:
        return Extracted()
    dropped = drop_chrome(tree)
    # The page's headline is not a section heading of the story.
    h1 = tree.find(".//h1")
    headline = html.text_of(h1) if h1 is not None else ""
    if h1 is not None:
        h1.drop_tree()
    context = context or html.Context()
    blocks, furniture = article_blocks(tree, context)
    return Extracted(blocks, dropped + furniture, headline, context)
