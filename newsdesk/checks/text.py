"""
Copy: the text of a piece (a story, a live update, a saved page, a text file) as checks
read it: headline, standfirst, headings and plain sentences, each with the field and
StreamField block it came from.

Built from a page (``Copy.from_page``), a saved HTML page (``Copy.from_html``) or plain
text such as a copied article (``Copy.from_text``), so every family of checks works on
the same view whatever the source.

This module knows no app above core. What only other apps know reaches it through two
Wagtail hooks: ``newsdesk_read_copy`` — ``fn(page, copy)`` adds what a page of theirs
holds (its pictures' uses, the stories it links to) — and ``newsdesk_site_names`` —
``fn()`` returns ``{"topics": [(id, name), …], "people": [name, …]}``, the names the
site already knows.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from lxml import html as lxml_html
from wagtail import blocks, hooks
from wagtail.rich_text import RichText

from newsdesk.core.blocks import HeadingBlock, LinkTitleBlock, PullQuoteBlock, QuoteBlock
from newsdesk.core.streams import stream_blocks

# Blocks whose "quote" is someone else's words, not the writer's.
QUOTATION_BLOCKS = (PullQuoteBlock, QuoteBlock)

# A sentence ends at . ! ? with any closing quotes or brackets, before white space; the
# Devanagari danda and CJK full stops end one with or without a space after them.
_SENTENCE_END = re.compile(r"([.!?][\"'”’)\]]*)\s+|([।。！？][\"'”’)\]」』]*)\s*")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
CHROME = re.compile(
    r"^(also read|read more|read also|photo credits?|image credits?|share (this|on)|"
    r"\d+ comments?|comments?$|subscribe|sign up)\b",
    re.IGNORECASE,
)
# Words that make a name an organisation's rather than a person's.
ORGANISATION = re.compile(
    r"\b(of|Bank|Ministry|Party|Council|Court|Company|Inc|Ltd|Group|Office|Agency|Union|"
    r"Association|Committee|Department|Board|Institute|University|Corporation|Fund|"
    r"Organisation|Organization|Federation|League|Club|Trust|Service|Forces?|Police)\b"
)
RELATED = re.compile(r"^(also read|read more|read also)\s*:\s*(?P<title>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    text: str
    field: str
    block: tuple = ()
    index: int = 0
    # Someone else's words set apart by the layout (a quotation block or pull quote).
    quoted: bool = False
    # Starts inside a quotation opened in an earlier sentence of its paragraph: the middle
    # and the end of “We have surveyed every pipe. There will be surprises.”
    opens_quoted: bool = False

    @property
    def words(self):
        return _WORD.findall(self.text)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    field: str = "body"
    block: tuple = ()


@dataclass
class Copy:
    """
    The text of one piece as the checks read it. ``page`` is the page (or live update)
    it was read from, if any; ``links`` are the stories it points readers to, as
    ``{title, text, section, topics, field, block}``; ``known`` the site's names.
    """

    title: str = ""
    standfirst: str = ""
    article_type: str = "news"
    authors: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    headings: list = field(default_factory=list)
    image_uses: list = field(default_factory=list)
    lead_image: object = None
    has_lead_image_field: bool = False
    published: date | None = None
    page: object = None
    source: str = "page"
    section: str = ""
    topics: list = field(default_factory=list)
    links: list = field(default_factory=list)  # {title, text, section, topics, field, block}
    known: dict | None = None  # the site's names (see known_names)

    def __post_init__(self):
        # Stories named by Also Read blocks and links, as (page or id, field, block):
        # ``newsdesk_read_copy`` hooks turn them into ``links``.
        self.page_links = []

    def known_names(self):
        """
        The site's names: ``topics`` as (id, name) and ``people`` (authors, and topics
        named like a person), from the ``newsdesk_site_names`` hooks, once per piece
        unless given.
        """
        if self.known is None:
            topics, people = [], []
            for hook in hooks.get_hooks("newsdesk_site_names"):
                names = hook()
                topics += names.get("topics", [])
                people += names.get("people", [])
            people += [name for _pk, name in topics if _looks_like_a_person(name)]
            self.known = {"topics": topics, "people": sorted(set(people))}
        return self.known

    @property
    def body(self):
        return [s for s in self.sentences if s.field not in ("title", "standfirst")]

    @property
    def word_count(self):
        return sum(len(s.words) for s in self.body)

    # Builders

    @classmethod
    def from_page(cls, page, published=None):
        story = cls(
            title=page.title or "",
            standfirst=getattr(page, "standfirst", "") or "",
            article_type=getattr(page, "article_type", "") or "",
            authors=[author.name for author in getattr(page, "authors", [])],
            lead_image=getattr(page, "lead_image", None),
            has_lead_image_field=hasattr(page, "lead_image_id"),
            published=published or _date(getattr(page, "first_published_at", None)),
            page=page,
        )
        story._add_text(story.title, "title")
        story._add_text(story.standfirst, "standfirst")
        if hasattr(page, "topics"):
            story.topics = [topic.name for topic in page.topics.all()]
        story.section = section_title(page)
        quotations = set()
        for field_name, block, value, path, _parent in stream_blocks(page):
            if isinstance(block, QUOTATION_BLOCKS):
                quotations.add(path)
            quoted = path[:-1] in quotations and path[-1] == "quote"
            story._read_block(block, value, field_name, path, quoted=quoted)
        for hook in hooks.get_hooks("newsdesk_read_copy"):
            hook(page, story)
        return story

    @classmethod
    def from_text(cls, text, headline="", published=None):
        """
        Plain text, one paragraph a line: short lines without a full stop are headings;
        "Also Read:" lines are related links; credits, comment counts and share prompts
        are page furniture and are left out.
        """
        story = cls(title=headline, published=published, source="text", article_type="news")
        story._add_text(headline, "title")
        for index, line in enumerate(_lines(text)):
            related = RELATED.match(line)
            if related:
                title = related["title"].strip()
                story.links.append(
                    {"title": title, "text": title, "field": "body", "block": (index,)}
                )
            elif CHROME.match(line):
                continue
            elif looks_like_heading(line):
                story.headings.append(Heading(line, 2, "body", (index,)))
            else:
                story._add_text(line, "body", (index,))
        return story

    @classmethod
    def from_html(cls, markup, published=None):
        """A saved article page: its h1 is the headline, its meta description the standfirst."""
        tree = lxml_html.fromstring(markup or "<html></html>")
        for junk in tree.xpath(
            "//script|//style|//nav|//footer|//header[not(.//h1)]|//aside|//form"
        ):
            junk.drop_tree()
        title = _first(tree, "//h1") or _first(tree, "//meta[@property='og:title']/@content")
        story = cls(
            title=title or _first(tree, "//title"),
            standfirst=_first(tree, "//meta[@name='description']/@content"),
            authors=[a.strip() for a in tree.xpath("//*[@rel='author']/text()") if a.strip()],
            published=published,
            source="html",
            article_type="news",
        )
        story._add_text(story.title, "title")
        story._add_text(story.standfirst, "standfirst")
        main = (tree.xpath("//article") or tree.xpath("//body") or [tree])[0]
        for index, element in enumerate(main.iter("h2", "h3", "h4", "h5", "h6", "p", "li")):
            text = " ".join(element.text_content().split())
            if not text:
                continue
            if element.tag.startswith("h"):
                story.headings.append(Heading(text, int(element.tag[1]), "body", (index,)))
            elif RELATED.match(text):
                title = RELATED.match(text)["title"].strip()
                story.links.append(
                    {"title": title, "text": title, "field": "body", "block": (index,)}
                )
            elif not CHROME.match(text):
                story._add_text(text, "body", (index,))
        return story

    # Building blocks

    def _add_text(self, text, field_name, block=(), quoted=False):
        inside = False  # within a quotation that runs over several sentences
        for sentence in split_sentences(text):
            self.sentences.append(
                Sentence(
                    sentence,
                    field_name,
                    block,
                    len(self.sentences),
                    quoted=quoted,
                    opens_quoted=inside,
                )
            )
            for mark in _QUOTE_MARKS.findall(sentence):
                inside = mark == "“"

    def _read_block(self, block, value, field_name, path, quoted=False):
        """One block's text; containers are read through their children."""
        if isinstance(block, blocks.PageChooserBlock):
            self.page_links.append((value, field_name, path))
        elif isinstance(block, LinkTitleBlock):
            # A link card to a story elsewhere: its headline is a link's, not a sentence.
            title = str(value).strip()
            if title:
                self.links.append(
                    {"title": title, "text": title, "field": field_name, "block": path[:-1]}
                )
        elif isinstance(block, HeadingBlock):
            self.headings.append(Heading(str(value), 2, field_name, path))
        elif isinstance(block, blocks.RichTextBlock) or isinstance(value, RichText):
            source = value.source if isinstance(value, RichText) else str(value)
            for page_id in _INTERNAL_LINK.findall(source):
                self.page_links.append((int(page_id), field_name, path))
            self._add_text(plain_text(source), field_name, path, quoted)
        elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
            self._add_text(str(value), field_name, path, quoted)


_QUOTE_MARKS = re.compile(r"[“”]")
_INTERNAL_LINK = re.compile(r'<a[^>]*linktype="page"[^>]*id="(\d+)"')


def _looks_like_a_person(name):
    parts = name.split()
    return (
        2 <= len(parts) <= 4
        and all(p[:1].isupper() for p in parts)
        and not ORGANISATION.search(name)
    )


def section_title(page):
    section = getattr(type(page), "section", None)
    if section is None or not page.path:
        return ""
    try:
        return page.section.title
    except Exception:  # noqa: BLE001  (a page not yet in the tree has no section)
        return ""


def plain_text(markup):
    """The text of an HTML fragment, tags removed, white space collapsed."""
    if not markup or "<" not in markup:
        return " ".join((markup or "").split())
    fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    for element in fragment.iter("p", "li", "br", "h2", "h3", "h4"):
        element.tail = " " + (element.tail or "")
    return " ".join(fragment.text_content().split())


def split_sentences(text):
    text = " ".join((text or "").split())
    if not text:
        return []
    marked = _SENTENCE_END.sub(
        lambda m: m.group(0) if _abbreviated(m) else (m.group(1) or m.group(2)) + "\n", text
    )
    return [part.strip() for part in marked.split("\n") if part.strip()]


# A full stop that ends an abbreviation, not the sentence: a title before a name ("Dr.
# Mehta", "St. Anne's"), a month or "No." before its number ("Oct. 1", "No. 10"), an
# initial ("George W. Bush", "J. K. Rowling"), a dotted short form before a word in lower
# case or a number ("U.S. stocks", "7 a.m. on Friday"). A capitalised word and a letter
# ("Plan B. Then…") reads as an initial too; "in the U.S. Senate" ends after "U.S.".
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Mt|Gen|Col|Lt|Sgt|Capt|Cmdr|Gov|Sen|Rep|Rev|Fr|Jr|Sr|"
    r"Hon|Supt|Insp|Det|Cllr|Pres|Messrs)\.$"
)
_SHORT_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Nos)\.$")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]+|[A-Z]\.)\s[A-Z]\.$")
_LONE_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")  # "J." …
_NEXT_INITIAL = re.compile(r"[A-Z]\.\s")  # … before "K. Rowling"
_DOTTED = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.){2,}$")


def _abbreviated(match):
    if match.group(1) != ".":
        return False
    before = match.string[max(0, match.start() - 12) : match.end(1)]
    after = match.string[match.end() : match.end() + 1]
    if _TITLE.search(before):
        return after[:1].isupper() or after[:1].isdigit()
    if _SHORT_MONTH.search(before):
        return after[:1].isdigit()
    if _INITIAL.search(before) or (
        _LONE_INITIAL.search(before) and _NEXT_INITIAL.match(match.string, match.end())
    ):
        return after[:1].isupper()
    if _DOTTED.search(before):
        return after[:1].islower() or after[:1].isdigit()
    return False


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def looks_like_heading(line):
    """A short line without closing punctuation, as section headings in plain text are."""
    words = line.split()
    return 0 < len(words) <= 8 and line[-1] not in ".!?:;,।。" and not line.endswith("…")


def _first(tree, xpath):
    for found in tree.xpath(xpath):
        text = found if isinstance(found, str) else found.text_content()
        text = " ".join(text.split())
        if text:
            return text
    return ""


def _date(value):
    """A publication time as a date in the site's time zone (``TIME_ZONE``)."""
    return timezone.localtime(value).date() if value else None
