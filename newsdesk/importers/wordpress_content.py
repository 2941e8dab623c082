"""
What a WordPress post's body becomes: blocks written in the block editor read block by
block (:data:`BLOCKS` names what each core block becomes), classic bodies read as
WordPress shows them, paragraphs made from blank lines and ``[caption]``, ``[gallery]``,
``[embed]``, ``[audio]`` and ``[video]`` shortcodes understood.
"""

import json
import re

from django.utils.html import escape, format_html

from . import html

# What each block of the block editor becomes. Blocks that show the site's own furniture
# (its title, menus, query loops, comment forms) are dropped: the new site draws its own.
KEEP = {
    "paragraph": "paragraph",
    "heading": "section heading",
    "list": "paragraph (a list)",
    "list-item": "paragraph (a list)",
    "image": "image",
    "gallery": "images, one after another",
    "quote": "quotation",
    "pullquote": "pull quote",
    "verse": "paragraph with line breaks",
    "table": "table",
    "code": "code",
    "preformatted": "code (preformatted text)",
    "embed": "embed",
    "video": "imported HTML (the video element)",
    "audio": "imported HTML (the audio element)",
    "file": "paragraph linking to the file",
    "buttons": "paragraph of links",
    "button": "paragraph with the link",
    "columns": "the blocks inside, in order",
    "column": "the blocks inside, in order",
    "group": "the blocks inside, in order",
    "cover": "its picture, then the blocks inside (or, in covers before WordPress 5.3, its text)",
    "cover-image": "its picture and its text, as an old cover",
    "media-text": "its picture, then the blocks inside",
    "details": "its summary in bold, then the blocks inside",
    "separator": "separator",
    "html": "imported HTML",
    "shortcode": "what the shortcode holds",
    "footnotes": "paragraph listing the footnotes",
}
DROP = {
    "spacer": "layout spacing",
    "more": "the “read more” marker",
    "nextpage": "a page break",
    **dict.fromkeys(
        (
            "archives",
            "avatar",
            "calendar",
            "categories",
            "comment-author-name",
            "comment-content",
            "comment-date",
            "comment-edit-link",
            "comment-reply-link",
            "comment-template",
            "comments",
            "comments-pagination",
            "comments-pagination-next",
            "comments-pagination-numbers",
            "comments-pagination-previous",
            "comments-title",
            "latest-comments",
            "latest-posts",
            "loginout",
            "navigation",
            "navigation-link",
            "page-list",
            "post-author",
            "post-author-biography",
            "post-author-name",
            "post-comments-form",
            "post-date",
            "post-excerpt",
            "post-featured-image",
            "post-navigation-link",
            "post-template",
            "post-terms",
            "post-title",
            "query",
            "query-no-results",
            "query-pagination",
            "query-pagination-next",
            "query-pagination-numbers",
            "query-pagination-previous",
            "query-title",
            "read-more",
            "rss",
            "search",
            "site-logo",
            "site-tagline",
            "site-title",
            "social-link",
            "social-links",
            "tag-cloud",
            "term-description",
        ),
        "a theme or dynamic block (the site draws its own)",
    ),
}
BLOCKS = {**KEEP, **DROP}


# The block editor's markup.

_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)


class Block:
    """A parsed block: its name (without ``core/``), attributes, and inner content."""

    def __init__(self, name, attrs):
        self.name = name.removeprefix("core/")
        self.attrs = attrs
        self.content = []  # strings, and the child Blocks where they stand
        self.children = []

    def html(self):
        return "".join(part if isinstance(part, str) else part.html() for part in self.content)

    def own_html(self):
        """The block's markup without its children's."""
        return "".join(part for part in self.content if isinstance(part, str))


def parse_blocks(content):
    """The block editor's markup as a tree of :class:`Block` (text outside blocks as "freeform")."""
    root = Block("root", {})
    stack = [root]
    position = 0
    for match in _DELIMITER.finditer(content):
        text = content[position : match.start()]
        position = match.end()
        if text.strip():
            if len(stack) == 1:
                freeform = Block("freeform", {})
                freeform.content.append(text)
                root.content.append(freeform)
                root.children.append(freeform)
            else:
                stack[-1].content.append(text)
        name = match.group("name")
        if match.group("closer"):
            if len(stack) > 1 and stack[-1].name == name.removeprefix("core/"):
                stack.pop()
            continue
        try:
            attrs = json.loads(match.group("attrs")) if match.group("attrs") else {}
        except ValueError:
            attrs = {}
        block = Block(name, attrs if isinstance(attrs, dict) else {})
        stack[-1].content.append(block)
        stack[-1].children.append(block)
        if not match.group("void"):
            stack.append(block)
    tail = content[position:]
    if tail.strip():
        freeform = Block("freeform", {})
        freeform.content.append(tail)
        root.children.append(freeform)
    return root.children


def blocks_to_stream(blocks, context, footnotes=()):
    stream = []
    for block in blocks:
        stream += convert_block(block, context, footnotes)
    return stream


def convert_block(block, context, footnotes=()):
    """One block of the block editor as StreamField blocks (see :data:`BLOCKS`)."""
    if block.name in DROP:
        context.dropped[block.name] += 1
        return []
    convert = _CONVERTERS.get(block.name)
    if block.name.startswith("core-embed/"):  # the name embeds had before WordPress 5.6
        convert = _embed
    if convert is None:
        context.kept_as_html[block.name] += 1
        return _as_html(block)
    element = next((n for n in html.fragments(block.html()) if not isinstance(n, str)), None)
    return convert(block, element, context, footnotes)


def _as_html(block):
    markup = html.safe_html(block.html())
    return [{"type": "html", "value": markup}] if markup.strip() else []


def _html_nodes(block, element, context, footnotes):
    return [b for node in html.fragments(block.html()) for b in html.convert_node(node, context)]


def _freeform(block, element, context, footnotes):
    return classic_to_stream(block.html(), context, [])


def _list_item(block, element, context, footnotes):
    return html.paragraph(f"<ul>{html.outer_html(element)}</ul>") if element is not None else []


def _code(block, element, context, footnotes):
    if element is None:
        return []
    inner = element.find(".//code")
    return html.code(inner if inner is not None else element)


def _pullquote(block, element, context, footnotes):
    if element is None:
        return []
    quote = element.find(".//blockquote")
    return html.quotation(quote if quote is not None else element, pull=True)


def _quote(block, element, context, footnotes):
    if element is None:
        return []
    quote = element if element.tag == "blockquote" else element.find(".//blockquote")
    return html.quotation(quote if quote is not None else element)


def _verse(block, element, context, footnotes):
    if element is None:
        return []
    return html.paragraph(html.inner_html(element).strip().replace("\n", "<br>"))


def _image(block, element, context, footnotes):
    img = None if element is None else element if element.tag == "img" else element.find(".//img")
    if img is None:
        return []
    caption = element.find(".//figcaption")
    picture = context.picture(block.attrs.get("id"), img.get("src", ""))
    picture.alt = picture.alt or img.get("alt", "")
    caption_text = html.text_of(caption) if caption is not None else ""
    return html.image_block(picture, caption_text, context)


def _gallery(block, element, context, footnotes):
    if block.children:
        return blocks_to_stream(block.children, context)
    return html.figure(element, context) if element is not None else []


def _embed(block, element, context, footnotes):
    url = block.attrs.get("url") or (html.embed_url(element) if element is not None else "")
    caption = element.find(".//figcaption") if element is not None else None
    return html.embed(url, html.text_of(caption) if caption is not None else "") if url else []


def _media(block, element, context, footnotes):
    return html.kept_html(element, context, block.name) if element is not None else []


def _file(block, element, context, footnotes):
    anchor = element.find(".//a[@href]") if element is not None else None
    if anchor is None:
        return []
    return html.paragraph(html.link(anchor.get("href"), html.text_of(anchor)))


def _buttons(block, element, context, footnotes):
    anchors = [a for a in element.iter("a") if a.get("href")] if element is not None else []
    markup = " · ".join(html.link(a.get("href"), html.text_of(a)) for a in anchors)
    return html.paragraph(markup) if markup else []


def _container(block, element, context, footnotes):
    stream = []
    attrs = block.attrs
    if block.name == "details" and element is not None:
        summary = element.find(".//summary")
        if summary is not None:
            stream += html.paragraph(f"<b>{escape(html.text_of(summary))}</b>")
    if block.name in ("cover", "cover-image") and (attrs.get("id") or attrs.get("url")):
        picture = context.picture(attrs.get("id"), attrs.get("url", ""))
        stream += html.image_block(picture, "", context)
    if block.name in ("cover", "cover-image") and not block.children:
        # Covers before WordPress 5.3 hold their text in the block itself, not in blocks.
        text = [
            html.text_of(node)
            for node in (element.xpath(_COVER_TEXT) if element is not None else [])
        ] or [attrs.get("title", "")]
        for line in filter(None, (" ".join(t.split()) for t in text)):
            stream += html.paragraph(escape(line))
    if block.name == "media-text" and (attrs.get("mediaId") or attrs.get("mediaLink")):
        img = element.find(".//img") if element is not None else None
        picture = context.picture(
            attrs.get("mediaId"), img.get("src", "") if img is not None else ""
        )
        stream += html.image_block(picture, "", context)
    return stream + blocks_to_stream(block.children, context, footnotes)


_COVER_TEXT = (
    ".//*[contains(@class, 'wp-block-cover-text') or contains(@class, 'wp-block-cover-image-text')]"
)


def _custom_html(block, element, context, footnotes):
    context.kept_as_html["html"] += 1
    return _as_html(block)


def _footnotes_block(block, element, context, footnotes):
    if not footnotes:
        context.dropped[block.name] += 1
        return []
    return html.paragraph("<ol>" + "".join(f"<li>{note}</li>" for note in footnotes) + "</ol>")


_CONVERTERS = {
    "freeform": _freeform,
    "shortcode": _freeform,
    **dict.fromkeys(("paragraph", "heading", "list", "separator", "table"), _html_nodes),
    "list-item": _list_item,
    "code": _code,
    "preformatted": _code,
    "pullquote": _pullquote,
    "quote": _quote,
    "verse": _verse,
    "image": _image,
    "gallery": _gallery,
    "embed": _embed,
    "video": _media,
    "audio": _media,
    "file": _file,
    "buttons": _buttons,
    "button": _buttons,
    **dict.fromkeys(
        ("columns", "column", "group", "details", "cover", "cover-image", "media-text"), _container
    ),
    "html": _custom_html,
    "footnotes": _footnotes_block,
}


# Classic bodies and their shortcodes.

_SHORTCODE = re.compile(
    r"\[(?P<name>[a-z_-]+)(?P<attrs>[^\]]*)\](?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.IGNORECASE | re.DOTALL,
)
_ATTR = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')


def _attrs(text):
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in _ATTR.finditer(text)
    }


def classic_to_stream(content, context, attachments):
    """A classic body: shortcodes turned into markup the HTML reader knows, then read."""

    def replace(match):
        name = match.group("name").lower()
        attrs, inner = _attrs(match.group("attrs")), match.group("inner") or ""
        markup = _shortcode(name, attrs, inner, attachments)
        if markup is None:
            context.unknown_shortcodes[name] += 1
            return match.group(0)
        return f"\n\n{markup}\n\n"

    return html.html_to_blocks(_SHORTCODE.sub(replace, content or ""), context)


def _shortcode(name, attrs, inner, attachments):
    """The markup a shortcode stands for, or ``None`` for one this importer does not know."""
    if name in ("caption", "wp_caption"):
        nodes = [n for n in html.fragments(inner) if not isinstance(n, str)]
        image = html.outer_html(nodes[0]) if nodes else ""
        caption = attrs.get("caption") or html.text_of(
            re.sub(r"<(a|img)\b.*?(</a>|/?>)", "", inner, flags=re.DOTALL)
        )
        return f"<figure>{image}<figcaption>{escape(caption)}</figcaption></figure>"
    if name == "gallery":
        listed = attrs.get("ids") or attrs.get("include") or ""
        ids = [i.strip() for i in listed.split(",") if i.strip()] or list(attachments)
        images = "".join(f'<img class="wp-image-{int(i)}" src="">' for i in ids if i.isdigit())
        return f'<figure class="wp-block-gallery">{images}</figure>' if images else ""
    if name == "embed":
        return (
            '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">'
            f"{escape(inner.strip())}</div></figure>"
        )
    if name in ("audio", "video"):
        src = attrs.get("src") or attrs.get("mp3") or attrs.get("mp4") or inner.strip()
        return format_html(
            '<{0} controls src="{1}"></{0}>', name, src if src.startswith("http") else ""
        )
    return None
