"""
HTML from other systems turned into newsdesk's StreamField blocks, shared by the
importers. Markup is read with lxml; what becomes rich text is cleaned to what the
editor itself could write (:func:`newsdesk.core.richtext.clean`); what no block can hold
goes into an "Imported HTML" block cleaned by nh3, never into rich text that would lose it
on the next save.

Converters return lists of ``{"type": …, "value": …}`` dicts, the form StreamField
accepts; a :class:`Context` carries what the importer knows (pictures by address) and
collects what the report should say.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

import lxml.html
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from lxml import etree

from newsdesk.checks.text import RELATED
from newsdesk.core.blocks import RICH_TEXT_FEATURES, safe_html
from newsdesk.core.richtext import clean as clean_rich_text

BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "figure",
    "hr",
    "div",
    "section",
    "img",
    "iframe",
    "video",
    "audio",
    "dl",
    "details",
    "form",
    "script",
    "style",
    "object",
    "embed",
    "address",
    "aside",
    "header",
    "footer",
}
RENAMED = {"strong": "b", "em": "i", "cite": "i", "del": "s"}


@dataclass
class Picture:
    """A picture the source refers to: the image made of it, or what is known of it."""

    image: object = None
    url: str = ""
    caption: str = ""
    alt: str = ""
    credit: str = ""


@dataclass
class Context:
    """What a conversion knows and what it noticed."""

    find_picture: object = None  # fn(attachment id or None, url) -> Picture or None
    missing_pictures: list = field(default_factory=list)
    # Credits read from the captions of pictures that did not come with their file.
    caption_credits: list = field(default_factory=list)
    # The first words of a missing picture's placeholder, before its address.
    missing_picture_label: str = "Picture not yet imported:"
    dropped: Counter = field(default_factory=Counter)
    kept_as_html: Counter = field(default_factory=Counter)
    unknown_shortcodes: Counter = field(default_factory=Counter)
    # fn(url, title) -> the id of a story on this site, or None. Without it, related links
    # stay "related" blocks for the importer to resolve (a saved page is read before the
    # import runs).
    find_story: object = None
    # Whether the page being made has Also Read blocks (stories do; standard pages do not:
    # there a related link stays a paragraph with its link).
    also_read_blocks: bool = True
    # Each related link met: (kind, title, url, story id or None); kind is "line" for an
    # "Also Read:" line, "bookmark" for a bookmark card.
    also_read: list = field(default_factory=list)

    def picture(self, attachment_id=None, url=""):
        found = self.find_picture(attachment_id, url) if self.find_picture else None
        return found or Picture(url=url)


def fragments(markup):
    """The top-level nodes of an HTML fragment: elements, and text as plain strings."""
    markup = (markup or "").strip()
    if not markup:
        return []
    try:
        return lxml.html.fragments_fromstring(markup)
    except (etree.ParserError, ValueError):
        return [markup]


def outer_html(node):
    if isinstance(node, str):
        return node
    return etree.tostring(node, encoding="unicode", method="html", with_tail=False)


def inner_html(node):
    parts = [escape(node.text or "")]  # .text is the text itself, not markup
    for child in node:
        parts.append(etree.tostring(child, encoding="unicode", method="html", with_tail=True))
    return "".join(parts)


def text_of(node):
    if isinstance(node, str):
        return " ".join(lxml.html.fromstring(f"<div>{node}</div>").text_content().split())
    return " ".join(node.text_content().split())


def paragraphs_text(markup):
    """Markup as plain text, paragraphs apart by a blank line (for reader comments)."""
    markup = (markup or "").replace("\r\n", "\n")
    if "<" not in markup:
        return markup.strip()
    tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in tree.iter("p"):
        p.tail = "\n\n" + (p.tail or "")
    return tree.text_content().strip()


def standfirst(summary, blocks, fallback):
    """
    A story's standfirst (the model requires one): the source's own summary, else the
    start of the first paragraph, else ``fallback``.
    """
    text = text_of(summary) if (summary or "").strip() else ""
    if not text:
        text = next((text_of(b["value"]) for b in blocks if b["type"] == "paragraph"), "")
    return Truncator(text or fallback).chars(300)


def rich_text(markup):
    """``markup`` as Wagtail rich text: bold, italic, links, lists, line breaks."""
    tree = lxml.html.fragment_fromstring(markup or "", create_parent="div")
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in RENAMED:
            element.tag = RENAMED[element.tag]
    return clean_rich_text(inner_html(tree), RICH_TEXT_FEATURES).strip()


def paragraph(markup):
    """A paragraph block of ``markup`` (the inside of a <p>), or nothing if it is empty."""
    value = rich_text(markup)
    if (
        not lxml.html.fragment_fromstring(value or "<p></p>", create_parent="div")
        .text_content()
        .strip()
    ):
        return []
    if not value.startswith(("<p", "<ul", "<ol")):
        value = f"<p>{value}</p>"
    return [{"type": "paragraph", "value": value}]


def heading(node):
    text = text_of(node)
    return [{"type": "heading", "value": text[:120]}] if text else []


def image_block(picture, caption, context):
    """An image block for ``picture``; when it was not found, what is known is kept as HTML."""
    caption = " ".join((caption or picture.caption or "").split())[:500]
    if picture.image is not None:
        return [{"type": "image", "value": {"image": picture.image.pk, "caption": caption}}]
    # No picture file: a credit at the end of its caption is the only record of its rights.
    caption, credit = split_credit(caption)
    if credit and not picture.credit:
        picture.credit = credit
        context.caption_credits.append(credit)
    context.missing_pictures.append(picture.url or caption or "a picture without an address")
    parts = [format_html("<p>{} {}</p>", context.missing_picture_label, link(picture.url))]
    if caption:
        parts.append(format_html("<p>{}</p>", caption))
    if picture.credit:
        parts.append(format_html("<p>Credit: {}</p>", picture.credit))
    if picture.alt:
        parts.append(format_html("<p>Alt text: {}</p>", picture.alt))
    return [{"type": "html", "value": safe_html("<figure>" + "".join(parts) + "</figure>")}]


# A credit closing a caption: "… Photo: Name / Agency", "… © Name, all rights reserved",
# "(Image: Agency via Source, CC BY-SA 4.0)".
CAPTION_CREDIT = re.compile(
    r"(?:^|(?<=[\s.;,–—-]))\(?\s*(?P<credit>"
    r"(?:photo(?:graph)?s?|images?|pictures?|illustrations?)\s*(?:credits?|by)?\s*:[^()]+"
    r"|(?:©|\(c\)|copyright\b)[^()]+"
    r")\)?\s*$",
    re.IGNORECASE,
)


# "Pictures: what the storm left" is a caption's title: a credit names someone, with a
# capital ("Photos: Lee Marsh"), unless its label says it is one ("Photo credit: kremlin.ru").
_NOT_A_CREDIT = re.compile(r"^(?i:photo(?:graph)?s?|images?|pictures?|illustrations?)\s*:\s*[a-z]")


def split_credit(caption):
    """``caption`` without the credit that closes it, and that credit ("" if none)."""
    match = CAPTION_CREDIT.search(caption or "")
    if match is None or _NOT_A_CREDIT.match(match["credit"]):
        return caption, ""
    rest = caption[: match.start()].rstrip(" ;,–—-(")
    return rest, " ".join(match["credit"].split()).rstrip(".")


def link(href, text=""):
    """An escaped link to a web address (just the text for anything else)."""
    text = text or href or ""
    if (href or "").startswith(("http://", "https://", "/")):
        return format_html('<a href="{}">{}</a>', href, text)
    return escape(text)


def link_around(href, inner):
    """A link to a web address around ``inner`` (markup already safe), else ``inner`` alone."""
    if (href or "").startswith(("http://", "https://", "/")):
        return format_html('<a href="{}">{}</a>', href, mark_safe(inner))  # noqa: S308
    return inner


def related_link(context, title, url="", description="", kind="line"):
    """
    A related link ("Also Read: …" line, bookmark card) as blocks: an Also Read block for
    the story on this site it names (by address or headline), else a link card to its
    address, else nothing (a line that names no address and no story here). Before the
    importer can look stories up, a "related" block holding what was found.
    """
    title = " ".join((title or "").split())[:255]
    description = " ".join((description or "").split())[:500]
    url = (url or "").strip()
    if not url.startswith(("http://", "https://", "/")):
        url = ""
    if not title and not url:
        return []
    value = {"title": title, "url": url, "description": description, "kind": kind}
    if not context.also_read_blocks:
        markup = f"<b>{link(url, title or url)}</b>"
        if description:
            markup += f" {escape(description)}"
        return paragraph(markup)
    if context.find_story is None:
        return [{"type": "related", "value": value}]
    return also_read_blocks(context, value)


def also_read_blocks(context, value):
    """A "related" block's value made an Also Read block, and noted in ``context``."""
    title, url = value["title"], value["url"]
    story = context.find_story(url, title) if context.find_story else None
    context.also_read.append((value.get("kind", "line"), title, url, story))
    if story is not None:
        return [{"type": "also_read", "value": {"article": story}}]
    if url.startswith(("http://", "https://")):
        card = {
            "article": None,
            "url": url,
            "title": title or url,
            "description": value.get("description", ""),
        }
        return [{"type": "also_read", "value": card}]
    return []


def bookmark(node, context):
    """A bookmark card (Ghost's ``kg-bookmark-card``) as a related link."""
    anchor = node.find(".//a[@href]")
    url = anchor.get("href", "") if anchor is not None else ""

    def part(name):
        found = node.xpath(f".//*[contains(concat(' ', @class, ' '), ' kg-bookmark-{name} ')]")
        return text_of(found[0]) if found else ""

    return related_link(context, part("title"), url, part("description"), kind="bookmark")


def embed(url, caption=""):
    return [{"type": "embed", "value": {"embed": url, "caption": (caption or "")[:255]}}]


def figure(node, context):
    """A <figure>: a picture, a gallery, a table, an embed or a quotation."""
    classes = node.get("class", "")
    if "kg-bookmark-card" in classes:
        return bookmark(node, context)
    caption_node = node.find(".//figcaption")
    caption = text_of(caption_node) if caption_node is not None else ""
    if node.find(".//table") is not None:
        return table(node.find(".//table"), caption)
    if "wp-block-embed" in classes or node.find(".//iframe") is not None:
        url = embed_url(node)
        if url:
            return embed(url, caption)
    if "wp-block-pullquote" in classes and node.find(".//blockquote") is not None:
        return quotation(node.find(".//blockquote"), pull=True)
    images = node.findall(".//img") or node.findall(".//amp-img")  # AMP's picture element
    if len(images) > 1 or "wp-block-gallery" in classes:
        blocks = []
        for child in node.iterfind(".//figure") if node.find(".//figure") is not None else []:
            blocks += figure(child, context)
        if not blocks:
            for img in images:
                blocks += img_block(img, "", context)
        return blocks
    if images:
        return img_block(images[0], caption, context)
    if node.find(".//video") is not None or node.find(".//audio") is not None:
        return kept_html(node, context, "video or audio")
    blocks = []
    for child in node:
        if child.tag != "figcaption":
            blocks += convert_node(child, context)
    return blocks


def img_block(img, caption, context):
    attachment_id = None
    match = re.search(r"wp-image-(\d+)", img.get("class", "")) or re.search(
        r"^(\d+)$", img.get("data-id", "")
    )
    if match:
        attachment_id = match.group(1)
    picture = context.picture(attachment_id, img.get("src", ""))
    if not picture.alt:
        picture.alt = img.get("alt", "")
    return image_block(picture, caption, context)


def embed_url(node):
    wrapper = node.find('.//div[@class="wp-block-embed__wrapper"]')
    if wrapper is not None and text_of(wrapper).startswith("http"):
        return text_of(wrapper).split()[0]
    iframe = node.find(".//iframe")
    if iframe is not None and iframe.get("src", "").startswith("http"):
        return iframe.get("src")
    link = node.find(".//a[@href]")
    return link.get("href") if link is not None else ""


def quotation(node, pull=False):
    """A <blockquote>: its paragraphs as the quote, its <cite> (or footer) as attribution."""
    attribution = ""
    for cite in node.findall(".//cite") + node.findall(".//footer"):
        attribution = attribution or text_of(cite)
        cite.drop_tree()
    if pull:
        text = "\n".join(text_of(p) for p in node.findall(".//p")) or text_of(node)
        if text and len(text) <= 500:
            return [
                {"type": "pull_quote", "value": {"quote": text, "attribution": attribution[:255]}}
            ]
    markup = (
        "".join(outer_html(child) for child in node) if len(node) else f"<p>{node.text or ''}</p>"
    )
    if not markup.strip():
        markup = f"<p>{node.text or ''}</p>"
    quote = rich_text(markup)
    if not text_of(node) and not quote:
        return []
    return [{"type": "quote", "value": {"quote": quote, "attribution": attribution[:255]}}]


def table(node, caption=""):
    """A <table> as a table block: header cells as headings, every cell as rich text."""
    rows = []
    headings = []
    for row in node.iter("tr"):
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        values = [rich_text(inner_html(cell)) or "" for cell in cells]
        in_head = row.getparent() is not None and row.getparent().tag == "thead"
        if in_head or (not rows and not headings and cells and all(c.tag == "th" for c in cells)):
            headings = [text_of(cell) for cell in cells]
        else:
            rows.append(values)
    width = max([len(headings), *(len(row) for row in rows)])
    if not width:
        return []
    headings += [""] * (width - len(headings))
    caption_node = node.find("caption")
    caption = caption or (text_of(caption_node) if caption_node is not None else "")
    return [
        {
            "type": "table",
            "value": {
                "caption": caption[:255],
                "table": {
                    "columns": [{"type": "rich_text", "heading": h} for h in headings],
                    "rows": [{"values": row + [""] * (width - len(row))} for row in rows],
                    "caption": "",
                },
            },
        }
    ]


def code(node, language=""):
    text = node.text_content()
    if not text.strip():
        return []
    return [{"type": "code", "value": {"language": language[:40], "code": text.strip("\n")}}]


def kept_html(node, context, what):
    markup = safe_html(outer_html(node))
    context.kept_as_html[what] += 1
    return [{"type": "html", "value": markup}] if markup.strip() else []


def convert_node(node, context):
    """One top-level node of classic HTML as blocks."""
    if isinstance(node, str):
        return paragraph(node) if node.strip() else []
    tag = node.tag if isinstance(node.tag, str) else ""
    if not tag:  # comments, processing instructions
        return []
    if tag == "p":
        alone = text_of(node)
        related = RELATED.match(alone)
        if related:
            anchor = node.find(".//a[@href]")
            title = text_of(anchor) if anchor is not None else related["title"]
            url = anchor.get("href", "") if anchor is not None else ""
            return related_link(context, title or related["title"], url)
        if _EMBEDDABLE.match(alone) and len(node.findall(".//img")) == 0:
            # WordPress shows a provider's address alone on its line as the embedded media.
            return embed(alone)
        images = node.findall(".//img")
        if images and not text_of(node):
            blocks = []
            for img in images:
                blocks += img_block(img, "", context)
            return blocks
        return paragraph(inner_html(node))
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return heading(node)
    if tag in ("ul", "ol"):
        return paragraph(outer_html(node))
    if tag == "blockquote":
        return quotation(node, pull="pullquote" in node.get("class", ""))
    if tag == "pre":
        return code(node)
    if tag == "table":
        return table(node)
    if tag == "figure":
        return figure(node, context)
    if tag in ("img", "amp-img"):
        return img_block(node, "", context)
    if tag == "hr":
        return [{"type": "separator", "value": None}]
    if tag == "iframe" and node.get("src", "").startswith("http"):
        return embed(node.get("src"))
    if tag in ("script", "style", "form", "noscript"):
        context.dropped[f"<{tag}>"] += 1
        return []
    if tag in ("div", "section", "article", "main", "aside", "header", "footer", "span", "center"):
        blocks = []
        if (node.text or "").strip():
            blocks += paragraph(node.text)
        for child in node:
            blocks += convert_node(child, context)
            if (child.tail or "").strip():
                blocks += paragraph(child.tail)
        return blocks
    if tag in ("a", "b", "strong", "i", "em", "br", "small", "sup", "sub", "code", "abbr", "s"):
        return paragraph(outer_html(node))
    return kept_html(node, context, f"<{tag}>")


def html_to_blocks(markup, context):
    """Classic (not block-editor) HTML as blocks, paragraphs made from blank lines first."""
    blocks = []
    for node in fragments(autop(markup)):
        blocks += convert_node(node, context)
        tail = getattr(node, "tail", None)
        if tail and tail.strip():
            blocks += paragraph(tail)
    return blocks


_EMBEDDABLE = re.compile(
    r"^https?://(?:[\w-]+\.)?(?:youtube\.com|youtu\.be|vimeo\.com|twitter\.com|x\.com|"
    r"instagram\.com|flickr\.com|soundcloud\.com|wordpress\.tv|facebook\.com|tiktok\.com|"
    r"spotify\.com|dailymotion\.com)/\S*$"
)
_BLOCK_START = re.compile(r"^\s*<(?:" + "|".join(sorted(BLOCK_TAGS)) + r"|!--)\b", re.IGNORECASE)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)


def autop(markup):
    """
    Paragraphs from blank lines, as WordPress shows classic posts: text between blank
    lines becomes a <p>, single line breaks become <br>; block-level markup and the inside
    of <pre> are left as they are.
    """
    markup = (markup or "").replace("\r\n", "\n")
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"\n\n<pre data-kept='{len(kept) - 1}'></pre>\n\n"

    markup = _PRE.sub(keep, markup)
    chunks = []
    for chunk in re.split(r"\n\s*\n", markup):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    joined = "\n".join(chunks)
    return re.sub(r"<pre data-kept='(\d+)'></pre>", lambda m: kept[int(m.group(1))], joined)
