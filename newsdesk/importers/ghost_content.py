"""
What a Ghost post's body becomes: Lexical (Ghost 5 and 6) or mobiledoc (Ghost 4)
documents read node by node and card by card; :data:`CARDS` says what each card becomes.
"""

import json
import re

import lxml.html
from django.utils.html import escape, format_html
from markdown_it import MarkdownIt

from newsdesk.images import licences

from . import html

GHOST_URL = "__GHOST_URL__"
CREDIT = re.compile(
    r"\b(?:Photo|Photograph|Picture|Image|Illustration|Graphic|Video)s?(?: by)?:\s*",
    re.IGNORECASE,
)

# What each Ghost card becomes (Lexical and mobiledoc name most of them alike).
CARDS = {
    "image": "image",
    "gallery": "images, one after another",
    "bookmark": "Also Read: the story it links to when it is imported too, else a link card "
    "(on a page, a paragraph with the link)",
    "embed": "embed",
    "video": "imported HTML (the video element)",
    "audio": "imported HTML (the audio element)",
    "file": "paragraph linking to the file",
    "code": "code",
    "markdown": "the blocks its Markdown makes",
    "html": "the blocks its HTML makes (tables as tables; the rest as imported HTML)",
    "callout": "fact box",
    "button": "paragraph with the link",
    "toggle": "its heading in bold, then its content",
    "hr": "separator",
    "paywall": "dropped: the members-only marker (the post comes in as a draft)",
    "header": "dropped: a page-design block",
    "signup": "dropped: a newsletter sign-up form",
    "product": "dropped: a product box",
    "email": "dropped: e-mail-only content",
    "email-cta": "dropped: e-mail-only content",
    "call-to-action": "dropped: a call to action",
}
ALIASES = {"codeblock": "code", "horizontalrule": "hr"}


def local_links(markup):
    return (markup or "").replace(GHOST_URL, "")


def read_caption(caption):
    """
    A caption's own words and the rights it states: "The wall. Photo: Priya Raman / The
    Courier, licensed <a href=…/by-sa/4.0/>CC BY-SA 4.0</a>" is the caption "The wall.",
    creator Priya Raman, source The Courier, licence CC BY-SA 4.0.
    """
    if not caption:
        return "", {}
    tree = lxml.html.fragment_fromstring(caption, create_parent="div")
    rights = {}
    for link in tree.iter("a"):
        licence = licences.from_url(link.get("href", ""))
        if licence is not None:
            rights["licence"], rights["licence_name"] = licence.code, licence.name
    text = " ".join(tree.text_content().split())
    parts = CREDIT.split(text, maxsplit=1)
    if len(parts) == 2:
        text, credit = parts[0].strip(), parts[1]
        credit = re.split(r",?\s+(?:licensed|licenced|under)\b|,\s*CC\b", credit)[0].strip(" ,.")
        creator, _, source = credit.partition(" / ")
        rights["creator"], rights["source"] = creator.strip(), source.strip()
    return text, rights


# Lexical, the editor's JSON (Ghost 5 and 6).

BOLD, ITALIC, STRIKE, UNDERLINE, CODE, SUBSCRIPT, SUPERSCRIPT = 1, 2, 4, 8, 16, 32, 64
_FORMATS = ((BOLD, "b"), (ITALIC, "i"), (SUBSCRIPT, "sub"), (SUPERSCRIPT, "sup"))


def _inline(nodes):
    parts = []
    for node in nodes or []:
        kind = node.get("type")
        if kind in ("text", "extended-text"):
            text = escape(node.get("text", ""))
            for bit, tag in _FORMATS:
                if node.get("format", 0) & bit:
                    text = f"<{tag}>{text}</{tag}>"
            parts.append(text)
        elif kind in ("link", "autolink"):
            parts.append(
                html.link_around(local_links(node.get("url", "")), _inline(node.get("children")))
            )
        elif kind == "linebreak":
            parts.append("<br>")
        else:
            parts.append(_inline(node.get("children")))
    return "".join(parts)


def lexical_to_stream(document, context):
    """A Lexical document (``{"root": {"children": […]}}``) as StreamField blocks."""
    return [b for node in document["root"].get("children", []) for b in _lexical(node, context)]


def _lexical(node, context):
    kind = ALIASES.get(node.get("type"), node.get("type"))
    if kind == "paragraph":
        return html.paragraph(_inline(node.get("children")))
    if kind in ("heading", "extended-heading"):
        text = html.text_of(_inline(node.get("children")) or "<br>")
        return [{"type": "heading", "value": text[:120]}] if text else []
    if kind == "list":
        return html.paragraph(_lexical_list(node))
    if kind in ("quote", "extended-quote"):
        quote = html.rich_text(f"<p>{_inline(node.get('children'))}</p>")
        return [{"type": "quote", "value": {"quote": quote, "attribution": ""}}] if quote else []
    if kind == "aside":
        text = html.text_of(_inline(node.get("children")) or "<br>")
        return [{"type": "pull_quote", "value": {"quote": text[:500], "attribution": ""}}]
    if kind in CARDS:
        return card(kind, node, context)
    if node.get("children"):
        context.kept_as_html[kind] += 1
        return html.paragraph(_inline(node.get("children")))
    context.dropped[kind] += 1
    return []


def _lexical_list(node):
    tag = "ol" if node.get("listType") == "number" else "ul"
    items = []
    for child in node.get("children", []):
        nested = [c for c in child.get("children", []) if c.get("type") == "list"]
        inline = [c for c in child.get("children", []) if c.get("type") != "list"]
        items.append(f"<li>{_inline(inline)}{''.join(_lexical_list(n) for n in nested)}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"


def card(kind, payload, context):
    """A Ghost card (from Lexical or mobiledoc: their payloads share field names) as blocks."""
    caption = html.text_of(payload.get("caption") or "") if payload.get("caption") else ""
    if kind == "image":
        return _image(payload, caption, context)
    if kind == "gallery":
        return [b for image in payload.get("images", []) for b in _image(image, "", context)]
    if kind == "embed":
        url = payload.get("url") or ""
        if url:
            return html.embed(url, caption)
        return html.html_to_blocks(payload.get("html") or "", context)
    if kind == "bookmark":
        metadata = payload.get("metadata") or {}
        if isinstance(metadata, str):
            metadata = json.loads(metadata or "{}")
        url = local_links(payload.get("url") or "")
        description = metadata.get("description") or ""
        if caption:
            description = f"{description} ({caption})" if description else caption
        return html.related_link(
            context, metadata.get("title") or "", url, description, kind="bookmark"
        )
    if kind in ("video", "audio"):
        src = payload.get("src") or ""
        element = (
            f'<{kind} controls src="{escape(src)}"></{kind}>' if src.startswith("http") else ""
        )
        context.kept_as_html[kind] += 1
        markup = html.safe_html(element + (f"<p>{escape(caption)}</p>" if caption else ""))
        return [{"type": "html", "value": markup}] if markup else []
    if kind == "file":
        name = payload.get("fileTitle") or payload.get("fileName") or payload.get("src") or ""
        return html.paragraph(html.link(local_links(payload.get("src") or ""), name))
    if kind == "code":
        code = payload.get("code") or ""
        value = {"language": (payload.get("language") or "")[:40], "code": code}
        return [{"type": "code", "value": value}] if code.strip() else []
    if kind == "markdown":
        rendered = MarkdownIt("commonmark").enable("table").render(payload.get("markdown") or "")
        return html.html_to_blocks(local_links(rendered), context)
    if kind == "html":
        return html.html_to_blocks(local_links(payload.get("html") or ""), context)
    if kind == "callout":
        body = html.rich_text(f"<p>{payload.get('calloutText') or ''}</p>")
        title = payload.get("calloutEmoji") or "Note"
        return [{"type": "fact_box", "value": {"title": title[:120], "body": body}}] if body else []
    if kind == "button":
        url, text = payload.get("buttonUrl") or "", payload.get("buttonText") or ""
        return html.paragraph(html.link(local_links(url), text or url)) if url or text else []
    if kind == "toggle":
        heading = html.text_of(payload.get("heading") or "") if payload.get("heading") else ""
        blocks = html.paragraph(f"<b>{escape(heading)}</b>") if heading else []
        return blocks + html.html_to_blocks(payload.get("content") or "", context)
    if kind == "hr":
        return [{"type": "separator", "value": None}]
    context.dropped[kind] += 1
    return []


def _image(payload, caption, context):
    src = payload.get("src") or ""
    caption = caption or (html.text_of(payload["caption"]) if payload.get("caption") else "")
    picture = context.find_picture(
        None, src, caption=payload.get("caption") or "", alt=payload.get("alt") or ""
    )
    return html.image_block(picture, caption, context)


# Mobiledoc, the editor's format before Lexical (Ghost 4).

MARKUP_SECTION, IMAGE_SECTION, LIST_SECTION, CARD_SECTION = 1, 2, 3, 10


def mobiledoc_to_stream(document, context):
    """A mobiledoc document as StreamField blocks."""
    markups, cards = document.get("markups", []), document.get("cards", [])
    atoms = document.get("atoms", [])
    blocks = []
    for section in document.get("sections", []):
        kind = section[0]
        if kind == MARKUP_SECTION:
            tag, inner = section[1].lower(), _markers(section[2], markups, atoms)
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                text = html.text_of(inner or "<br>")
                blocks += [{"type": "heading", "value": text[:120]}] if text else []
            elif tag == "blockquote":
                quote = html.rich_text(f"<p>{inner}</p>")
                blocks += [{"type": "quote", "value": {"quote": quote, "attribution": ""}}]
            elif tag in ("aside", "pull-quote"):
                text = html.text_of(inner or "<br>")[:500]
                blocks += [{"type": "pull_quote", "value": {"quote": text, "attribution": ""}}]
            else:
                blocks += html.paragraph(inner)
        elif kind == LIST_SECTION:
            tag = "ol" if section[1].lower() == "ol" else "ul"
            items = "".join(f"<li>{_markers(i, markups, atoms)}</li>" for i in section[2])
            blocks += html.paragraph(f"<{tag}>{items}</{tag}>")
        elif kind == IMAGE_SECTION:
            blocks += _image({"src": section[1]}, "", context)
        elif kind == CARD_SECTION:
            name, payload = cards[section[1]]
            name = ALIASES.get(name, name)
            if name in CARDS:
                blocks += card(name, payload, context)
            else:
                context.kept_as_html[name] += 1
    return blocks


def _markers(markers, markups, atoms):
    """Mobiledoc markers as HTML: [type, opened markup indexes, how many close, value]."""
    out, open_tags = [], []
    for kind, opened, closed, value in markers:
        for index in opened:
            tag, attrs = (markups[index] + [[]])[:2]
            tag = {"strong": "b", "em": "i"}.get(tag.lower(), tag.lower())
            if tag == "a":
                href = local_links(dict(zip(attrs[::2], attrs[1::2], strict=False)).get("href", ""))
                safe = href.startswith(("http://", "https://", "/"))
                out.append(format_html('<a href="{}">', href) if safe else "")
                open_tags.append("a" if safe else "")
            else:
                out.append(f"<{tag}>")
                open_tags.append(tag)
        if kind == 0:
            out.append(escape(value))
        else:
            atom = atoms[value] if value < len(atoms) else ["", "", {}]
            out.append("<br>" if atom[0] == "soft-return" else escape(atom[1]))
        for _ in range(closed):
            tag = open_tags.pop() if open_tags else ""
            if tag:
                out.append(f"</{tag}>")
    return "".join(out)
