"""
Articles saved as HTML or plain text (a newsroom's archive of its own pages, or a page
like the reference one) into newsdesk stories, one story a file.

What a reader saw is kept: the headline (the page's own, or ``--headline``; never one
made up from a section heading), byline, dates, standfirst, section headings,
paragraphs, lists, quotations, tables and pictures. "Also Read:" and "Read more:" lines
and bookmark cards become Also Read blocks: to the story on the site (or among the pages
imported) that their address or headline names, else a link card to their address.
Photo credit lines give the credit and licence of the picture. Page chrome ("3 Comments",
share buttons, cookie notices, newsletter boxes, advertisements, menus) is dropped and
named in the report.
HTML pages' JSON-LD and Open Graph metadata are read first where they exist.
"""

import copy
import hashlib
import json
import re
from datetime import datetime, time
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from dateutil import parser as date_parser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from htmldate import find_date

from newsdesk.articles.models import ArticleAuthor, ArticlePage, SectionPage
from newsdesk.checks.text import CHROME, RELATED, looks_like_heading
from newsdesk.images import licences
from newsdesk.people.models import Author

from . import extract, html
from .base import BadExport, Importer, Item, Skip, free_slug

SUFFIXES = {".html", ".htm", ".txt", ".text"}
CREDIT_LINE = re.compile(
    r"^(?:photo|image|picture|illustration)s?\s*(?:credits?|by)?\s*:\s*(?P<credit>.+)$",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^by\s+(?P<names>[^.!?]{2,120})$", re.IGNORECASE)


# What the import record keeps of a saved page beside the story.
KEPT_IN_RECORD = ("path", "url", "credits", "dropped", "published", "modified", "tags")


class PageImporter(Importer):
    source = "page"
    skips_are_refusals = True
    command = "page"
    export_help = "articles saved as HTML or plain text: a file, or a folder of them"

    def __init__(self, path, *, headline="", section="", **kwargs):
        super().__init__(path, **kwargs)
        self.headline = " ".join((headline or "").split())
        self.section_slug = section

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--headline", default="", help="the headline, for a single page that has none"
        )
        parser.add_argument("--section", default="", help="the slug of the section to file in")

    @classmethod
    def from_options(cls, options):
        return cls(
            options["export"],
            headline=options["headline"],
            section=options["section"],
            dry_run=options["dry_run"],
        )

    def read(self):
        root = Path(self.path)
        if not root.exists():
            raise BadExport(f"{root} does not exist.")
        single = root.is_file()
        files = (
            [root]
            if single
            else sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        )
        if not files:
            raise BadExport(f"{root} holds no saved pages (.html, .htm or .txt files).")
        self.pages = []
        for path in files:
            try:
                self.pages.append(read_saved_page(path, headline=self.headline if single else ""))
            except BadExport as problem:
                if single:
                    raise
                self.report.skipped.append((path.name, str(problem)))
        self.base = root if not single else root.parent
        # Links between these pages are links within the old site.
        self.own_hosts |= {urlsplit(p["url"]).hostname for p in self.pages if p["url"]} - {None}

    def items(self):
        for saved in self.pages:
            key = saved["url"] or str(Path(saved["path"]).relative_to(self.base))
            label = f"“{saved['headline']}”" if saved["headline"] else saved["path"]
            yield Item("story", key, f"page {label}", saved, self._story)

    def _story(self, item):
        saved = item.data
        if not saved["headline"]:
            raise Skip("it has no headline of its own: give one with --headline")
        context = html.Context(find_story=self.story_id)
        blocks = []
        for block in saved["blocks"]:
            if block["type"] == "related":
                value = block["value"]
                if isinstance(value, str):  # an "Also Read:" line of a text file
                    value = {"title": value, "url": "", "description": "", "kind": "line"}
                blocks += html.also_read_blocks(context, value)
            else:
                blocks.append(dict(block))
        existing = self.target_of("story", item.source_id)
        page = existing.specific if existing is not None else ArticlePage()
        parent = page.get_parent().specific if page.pk else self._section()
        page.title = saved["headline"][:255]
        # A new story is named after its headline (``save_page``), as one written here
        # would be, not after the file; the page's own address redirects to it.
        page.standfirst = html.standfirst(saved["standfirst"], blocks, page.title)
        page.body = blocks
        page.topics = [self.topic(name, name) for name in saved.get("tags", [])]
        page.article_authors = [
            ArticleAuthor(author=self._author(name)) for name in saved["authors"]
        ]
        published, modified = _moment(saved["published"]), _moment(saved.get("modified", ""))
        if published:
            page.first_published_at = published
        if modified and (published is None or modified > published):
            page.updated_at = modified  # the old page's "Updated" time stays its own
        kept = {k: saved.get(k, "") for k in KEPT_IN_RECORD}
        reason = "Imported from a saved page: it was public"
        outcome = self.save_page(item, page, parent, live=True, data=kept, reason=reason)
        for credit in saved["credits"]:
            self.report.note(
                "Photo credits (kept in the import record; no picture file came with them)",
                f"{item.label}: {credit['line']}",
            )
        for what in saved["dropped"]:
            self.report.note("Page chrome dropped", f"{item.label}: {what}")
        self.after_page(item, page, context, saved["url"])
        return outcome

    def _section(self):
        if self.section_slug:
            section = SectionPage.objects.filter(slug=self.section_slug).first()
            if section is None:
                raise BadExport(f"There is no section with the slug {self.section_slug}.")
            return section
        return self.section("section", "news", "News")

    def _author(self, name):
        author = Author.objects.filter(name=name).first()
        if author is None:
            author = Author.objects.create(name=name[:255], slug=free_slug(Author, name))
        return author


def read_saved_page(path, headline=""):
    """What a saved page holds, as a dict for an import item; raises :class:`BadExport`."""
    raw = Path(path).read_bytes()
    if b"\x00" in raw[:4096]:
        raise BadExport(f"{path} is a binary file, not a saved page.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="strict") if _cp1252(raw) else None
        if text is None:
            raise BadExport(f"{path} is not text: save the page as HTML or plain text.") from None
    markup = re.search(r"<\s*(html|body|article|p|div|h1)\b", text[:5000], re.IGNORECASE)
    try:
        saved = _read_html(text) if markup else _read_text(text)
    except extract.TooDeep as problem:
        raise BadExport(f"{path} cannot be read: {problem}.") from None
    saved["headline"] = saved["headline"] or headline
    if headline:
        saved["headline"] = headline
    if not any(b["type"] in ("paragraph", "heading") for b in saved["blocks"]):
        raise BadExport(f"{path} has no article in it: no paragraphs of text were found.")
    saved["path"] = str(path)
    saved["checksum"] = hashlib.sha256(raw).hexdigest()
    return saved


def _cp1252(raw):
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _empty():
    return {
        "headline": "",
        "standfirst": "",
        "authors": [],
        "published": "",
        "modified": "",
        "tags": [],
        "url": "",
        "blocks": [],
        "credits": [],
        "dropped": [],
    }


def _read_text(text):
    """
    Plain text, one paragraph a line, as a reader copied it from the page. A first line
    with a byline under it ("By Tomos Pryce") is the headline; otherwise the file has none
    of its own (a first line may as well be a section heading).
    """
    saved = _empty()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and looks_like_heading(lines[0]) and BYLINE.match(lines[1]):
        saved["headline"] = lines.pop(0)
    for line in lines:
        if _furniture(line, saved):
            continue
        if looks_like_heading(line):
            saved["blocks"].append({"type": "heading", "value": line[:120]})
        else:
            saved["blocks"] += html.paragraph(escape(line))
    return saved


def _furniture(line, saved):
    """Take in a line that is not the article's text (related links, credits, chrome)."""
    related = RELATED.match(line)
    if related:
        saved["blocks"].append({"type": "related", "value": related["title"].strip()})
        return True
    credit = CREDIT_LINE.match(line)
    if credit:
        saved["credits"].append(read_credit(line, credit["credit"]))
        return True
    byline = BYLINE.match(line)
    if byline and not saved["authors"]:
        saved["authors"] = _names(byline["names"])
        return True
    if CHROME.match(line):
        saved["dropped"].append(line[:80])
        return True
    return False


def read_credit(line, credit=None):
    """
    A credit line's creator, licence, source and copyright notice: "kremlin.ru, CC BY 4.0,
    via Wikimedia Commons"; "Photo: Lee Marsh / Coast Daily" (creator / source); "Image:
    Northwire via Wikimedia Commons, CC BY-SA 4.0"; "© Dana Reyes, all rights reserved"
    (all rights reserved is the licence: the newsroom's own, or used with permission).
    """
    if credit is None:
        label = CREDIT_LINE.match(line)
        credit = label["credit"] if label else line
    found = {"line": line, "creator": "", "licence": "", "source": "", "copyright": ""}
    credit = credit.strip()
    owned = _COPYRIGHT.match(credit)
    if owned:
        credit = credit[owned.end() :].strip()
        found["copyright"] = f"© {credit.split(',')[0].strip()}"
    for part in (part.strip() for part in credit.split(",")):
        if not part:
            continue
        licence = _licence_named(part)
        if licence is not None:
            found["licence"] = licence.code
        elif _ALL_RIGHTS.match(part):
            found["licence"] = "staff"
        elif part.lower().startswith("via "):
            found["source"] = part[4:].strip()
        elif not found["creator"]:
            creator, _via, source = part.partition(" via ")
            creator, _slash, agency = creator.partition(" / ")
            found["creator"] = creator.strip()
            found["source"] = found["source"] or (source or agency).strip()
    return found


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\s+)?", re.IGNORECASE)
_ALL_RIGHTS = re.compile(r"^all rights reserved\.?$", re.IGNORECASE)


def _licence_named(text):
    wanted = " ".join(text.split()).casefold()
    for licence in licences.LICENCES.values():
        if licence.name.casefold() == wanted or licence.code == wanted:
            return licence
    return None


def _names(text):
    """
    The people (or desks) a byline names. "City Desk | Updated: 4 Dec 2025, 10:42 IST"
    names the City Desk only: what follows a bar is the page's furniture, and a date, a
    time, "Staff" or "Agencies" is nobody.
    """
    text = re.split(r"\s[|•·]\s|\s[–—]\s", text)[0]
    text = re.sub(
        r"^(?:(?:posted|written|reported|words|story|text)\s+)?by\s+",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    names = []
    for part in re.split(r",|\band\b|&|\bwith\b", text):
        part = part.strip(" .:;")
        if not part or re.search(r"\d", part) or NOT_A_NAME.match(part):
            continue
        if len(part.split()) <= 5 and part not in names:
            names.append(part)
    return names[:6]


# Byline words that credit nobody in particular: no author is made of them.
NOT_A_NAME = re.compile(
    r"^(?:staff|staff (?:reporter|writer)s?|agenc(?:y|ies)|news agencies|wires?|"
    r"(?:our )?correspondents?|updated|published|posted|last updated|ist|utc|gmt)$",
    re.IGNORECASE,
)


def _read_html(markup):
    saved = _empty()
    tree = extract.parse(markup)
    if tree is None:
        return saved
    _read_metadata(tree, saved)
    # What trafilatura reads of the whole page (a byline or tags in a theme's footer),
    # and the whole page for htmldate, before the chrome goes.
    whole = copy.deepcopy(tree)
    found = trafilatura.extract_metadata(copy.deepcopy(tree))
    saved["dropped"] += extract.drop_chrome(tree, keep_article_footers=True)
    article = _article(tree)
    h1 = article.find(".//h1") if article is not None else None
    if h1 is None:
        h1 = tree.find(".//h1")
    if not saved["headline"] and h1 is not None:
        saved["headline"] = html.text_of(h1)
    if h1 is not None and h1.getparent() is not None:
        h1.drop_tree()
    for byline in article.xpath(f".//*[@rel='author'] | .//*[{_BYLINE_CLASSES}]"):
        if not saved["authors"]:
            saved["authors"] = _names(html.text_of(byline).removeprefix("By ").strip())
    if not saved["authors"] and found is not None and found.author:
        saved["authors"] = _names(found.author.replace(";", ","))
    if not saved["authors"]:
        saved["authors"] = saved.pop("organisation_authors", [])
    saved.pop("organisation_authors", None)
    # A theme's excerpt under the headline is the standfirst, not the body's first line;
    # its tag links are the story's topics.
    for excerpt in article.xpath(f".//*[{_EXCERPT_CLASSES}]"):
        saved["standfirst"] = saved["standfirst"] or html.text_of(excerpt)
        excerpt.drop_tree()
    # A theme's tag list may sit just outside the article's text (a magazine theme's).
    for tags in article.xpath(f".//*[{_TAG_CLASSES}]") or tree.xpath(f"//*[{_TAG_CLASSES}]"):
        for link in tags.xpath(".//a") or [tags]:
            _tag(saved, html.text_of(link))
        tags.drop_tree()
    if not saved["tags"] and found is not None:
        for name in found.tags or []:
            _tag(saved, name)
    # A live page's entries: the time each was posted stays with its heading.
    for stamp in article.xpath(
        ".//time[following-sibling::*[1][self::h2 or self::h3 or self::h4]]"
    ):
        heading = stamp.getnext()
        when = html.text_of(stamp)
        if when and len(when) <= 20:
            heading.text = f"{when} · {heading.text or ''}"
    for stamp in article.xpath(".//time[@datetime]"):
        classes = f" {stamp.get('class', '')} "
        if " updated " in classes and not (" published " in classes or " entry-date " in classes):
            saved["modified"] = saved["modified"] or stamp.get("datetime")
        else:
            saved["published"] = saved["published"] or stamp.get("datetime")
    for line in article.xpath(f".//*[{_META_CLASSES}] | .//*[{_BYLINE_CLASSES}]"):
        _read_stamp(html.text_of(line), saved)
    _read_dates(whole, saved)
    published, modified = saved["published"], saved["modified"]
    if modified and (not published or (published[:10] == modified[:10] and "T00:00" in published)):
        # The page prints only when it was updated (htmldate's day is that line's): that
        # is the one time known, and the story's published time.
        saved["published"], saved["modified"] = modified, ""
    # The byline and dates are read; their lines are not the article's text, nor is what
    # is left of the article's own footer ("Posted in", "Leave a comment").
    meta = f".//*[{_META_CLASSES}] | .//*[{_BYLINE_CLASSES}] | .//*[@rel='author'] | .//time"
    for element in article.xpath(f"{meta} | .//footer"):
        if element.getparent() is not None:
            element.drop_tree()
    context = html.Context()
    blocks, furniture = extract.article_blocks(article, context)
    saved["dropped"] += furniture
    for line in furniture:  # "Tags: Water supply, Municipal corporation"
        listed = _TAG_LINE.match(line)
        for name in listed["names"].split(",") if listed else []:
            _tag(saved, name)
    for block in blocks:
        line = html.text_of(block["value"]) if block["type"] == "paragraph" else ""
        if line and _furniture(line, saved):
            continue
        saved["blocks"].append(block)
    # A theme that shows its excerpt above the text often repeats it as the first line.
    first = next((b for b in saved["blocks"] if b["type"] == "paragraph"), None)
    if first is not None and _same(html.text_of(first["value"]), saved["standfirst"]):
        saved["blocks"].remove(first)
    saved["dropped"] += [f"<{tag}>" for tag in context.dropped]
    # "Photo: Name / Agency" closing a picture's caption, as a credit line gives it.
    saved["credits"] += [read_credit(credit) for credit in context.caption_credits]
    return saved


# A time stamp in a byline or dateline: "Updated: 4 Dec 2025, 10:42 IST".
_STAMP = re.compile(
    r"\b(?P<what>last updated|updated|published|posted)\s*(?:on\b|:)?\s*(?P<when>[^|•·]+)",
    re.IGNORECASE,
)
# The zone abbreviations news sites print, as offsets in seconds. "IST" is India's, the
# one news pages mean by far most often.
ZONES = {
    "UTC": 0,
    "GMT": 0,
    "BST": 3600,
    "IST": 19800,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "EST": -18000,
    "EDT": -14400,
    "CST": -21600,
    "CDT": -18000,
    "MST": -25200,
    "MDT": -21600,
    "PST": -28800,
    "PDT": -25200,
    "AEST": 36000,
    "AEDT": 39600,
    "SAST": 7200,
    "EAT": 10800,
    "WAT": 3600,
    "PKT": 18000,
    "SGT": 28800,
    "HKT": 28800,
    "JST": 32400,
}


def _read_stamp(text, saved):
    """The published or updated time a byline or dateline prints, when the metadata has none."""
    found = _STAMP.search(text or "")
    if found is None:
        return
    try:
        when = date_parser.parse(found["when"].strip(" ,.;"), tzinfos=ZONES, dayfirst=True)
    except (ValueError, OverflowError):
        return
    which = "modified" if "updated" in found["what"].lower() else "published"
    saved[which] = saved[which] or when.isoformat()


def _same(text, other):
    return bool(other) and " ".join(text.split()) == " ".join(other.split())


_TAG_LINE = re.compile(r"^(?:tags?|topics|filed under)\s*:\s*(?P<names>.+)$", re.IGNORECASE)


def _tag(saved, name):
    name = " ".join((name or "").split()).strip(",;")
    if name and name not in saved["tags"] and len(name) <= 60:
        saved["tags"].append(name)


def _read_dates(markup, saved):
    """
    Dates the page's metadata did not give, found by htmldate in what the page shows
    ("Updated: 4 Dec 2025, 10:42 IST", a URL with its date, a visible date line).
    ``markup`` is the page, or its parsed tree (a page nested too deep for htmldate's own
    parser to read).
    """
    options = {"outputformat": "%Y-%m-%dT%H:%M:%S", "extensive_search": True}
    if not saved["published"]:
        saved["published"] = find_date(markup, original_date=True, **options) or ""
    if not saved["modified"]:
        modified = find_date(markup, original_date=False, **options) or ""
        if modified[:10] != saved["published"][:10]:
            saved["modified"] = modified


def _moment(text):
    """A date and time read from a page; one that names no zone is in ``TIME_ZONE``."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is None and parse_date(text) is not None:
            moment = datetime.combine(parse_date(text), time(12, 0))
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _read_metadata(tree, saved):
    """JSON-LD first, then Open Graph and the usual meta tags."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for node in data if isinstance(data, list) else data.get("@graph", [data]):
            if not isinstance(node, dict) or not _is_article(node.get("@type")):
                continue
            saved["headline"] = saved["headline"] or str(node.get("headline") or "")
            saved["standfirst"] = saved["standfirst"] or str(node.get("description") or "")
            saved["published"] = saved["published"] or str(node.get("datePublished") or "")
            saved["modified"] = saved["modified"] or str(node.get("dateModified") or "")
            url = node.get("url") or node.get("mainEntityOfPage") or ""
            if isinstance(url, dict):
                url = url.get("@id", "")
            saved["url"] = saved["url"] or str(url)
            authors = node.get("author") or []
            for author in authors if isinstance(authors, list) else [authors]:
                name = author.get("name") if isinstance(author, dict) else str(author)
                # An organisation as author is the publisher: the byline names the people.
                if isinstance(author, dict) and author.get("@type") == "Organization":
                    saved.setdefault("organisation_authors", []).append(name)
                elif name and name not in saved["authors"]:
                    saved["authors"].append(name)
            for name in _keywords(node.get("keywords")):
                _tag(saved, name)

    def meta(attribute, name):
        found = tree.xpath(f"//meta[@{attribute}='{name}']/@content")
        return " ".join(found[0].split()) if found else ""

    saved["headline"] = saved["headline"] or meta("property", "og:title")
    saved["standfirst"] = (
        saved["standfirst"] or meta("property", "og:description") or meta("name", "description")
    )
    saved["published"] = saved["published"] or meta("property", "article:published_time")
    saved["modified"] = saved["modified"] or meta("property", "article:modified_time")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    saved["url"] = saved["url"] or meta("property", "og:url") or (canonical[0] if canonical else "")
    if not saved["authors"] and meta("name", "author"):
        saved["authors"] = _names(meta("name", "author"))
    for name in tree.xpath("//meta[@property='article:tag']/@content"):
        _tag(saved, name)


def _keywords(value):
    """JSON-LD ``keywords``: a list, or one comma-separated string."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split(",") if value else []


def _is_article(kind):
    kinds = kind if isinstance(kind, list) else [kind]
    return any(str(k).endswith(("Article", "BlogPosting", "Report")) for k in kinds)


def _article(tree):
    """The element holding the article: <article>, <main>, articleBody, or the body."""
    for xpath in ARTICLE_XPATHS:
        found = tree.xpath(xpath)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    return tree


def _classes(*names):
    return " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names
    )


_EXCERPT_CLASSES = _classes(
    "article-excerpt",
    "post-excerpt",
    "entry-summary",
    "gh-excerpt",
    "gh-article-excerpt",
    "article-summary",
    "story-summary",
    "live-summary",
    "synopsis",
    "standfirst",
    "article-standfirst",
    "dek",
    "subheadline",
)
_BYLINE_CLASSES = _classes(
    "byline",
    "author-name",
    "gh-article-author-name",
    "td-post-author-name",
    "post-author",
    "article-author",
    "story-author",
)
_TAG_CLASSES = _classes(
    "taxonomy-post_tag",
    "td-tags",
    "gh-article-tag",
    "entry-tags",
    "article-tags",
    "story-tags",
    "article-tag",
    "post-tag",
    "post-tags",
    "tags-links",
    "cat-links",
    "post-card-tags",
    "tags",
)
_META_CLASSES = _classes("byline", "entry-meta", "post-meta", "article-meta", "meta", "dateline")
ARTICLE_XPATHS = (
    "//*[@itemprop='articleBody']",
    "//article",
    "//main",
    "//*[contains(@class, 'entry-content')]",
    "//*[contains(@class, 'post-content')]",
    "//body",
)
