"""
RSS 2.0 and Atom feeds of stories: the whole site, each section, topic and author.

Built on Django's syndication framework. Entries carry every author, the topics as
categories, the lead image (Media RSS and an enclosure) with its credit, and, where the
site's newsroom settings say so, the full story with absolute links.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape
from django.views.decorators.http import condition
from wagtail.models import Site

from newsdesk.core.absolute import absolute, absolutize_html, site_root_url
from newsdesk.core.models import NewsroomSettings
from newsdesk.core.pagecache import query_params
from newsdesk.core.restrictions import private_q
from newsdesk.core.richtext import for_syndication
from newsdesk.core.syndication import NewsroomFeed, SafeAtomFeed, SafeRssFeed
from newsdesk.images import renditions
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

from .models import ArticlePage, SectionPage

MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


@dataclass
class Scope:
    """What one feed lists: a title, the page it mirrors, and its stories."""

    kind: str
    slug: str
    title: str
    description: str
    path: str
    articles: object

    def feed_path(self, format):
        if self.kind == "site":
            return reverse(f"feed_{format}")
        return reverse(f"{self.kind}_feed_{format}", args=[self.slug])


def _site_articles(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this address.")
    return site, ArticlePage.objects.published().descendant_of(site.root_page)


def resolve_scope(request, kind, slug=None):
    site, articles = _site_articles(request)
    name = NewsroomSettings.for_site(site).name()
    if kind == "site":
        return Scope(kind, "", name, f"The latest stories from {name}.", "/", articles)
    if kind == "section":
        section = get_object_or_404(
            SectionPage.objects.live().exclude(private_q()).child_of(site.root_page), slug=slug
        )
        return Scope(
            kind,
            slug,
            f"{section.title} · {name}",
            section.introduction or f"The latest {section.title} stories from {name}.",
            section.get_url(request),
            articles.child_of(section),
        )
    if kind == "topic":
        topic = get_object_or_404(Topic, slug=slug)
        return Scope(
            kind,
            slug,
            f"{topic.name} · {name}",
            topic.description or f"Stories about {topic.name} from {name}.",
            topic.get_absolute_url(),
            articles.filter(topics=topic),
        )
    author = get_object_or_404(Author, slug=slug)
    return Scope(
        kind,
        slug,
        f"{author.name} · {name}",
        f"The latest stories by {author.name} for {name}.",
        author.get_absolute_url(),
        articles.filter(article_authors__author=author),
    )


def _add_media(handler, image):
    """The lead picture as Media RSS, with its alt text, credit and licence."""
    if not image:
        return
    handler.startElement("media:content", _media_attributes(image))
    if image["alt"]:
        handler.addQuickElement("media:description", image["alt"])
    if image["credit"]:
        handler.addQuickElement("media:credit", image["credit"])
    if image["licence_url"]:
        handler.addQuickElement(
            "media:license", image["licence"], {"type": "text/html", "href": image["licence_url"]}
        )
    handler.endElement("media:content")


def _media_attributes(image):
    return {
        "url": image["url"],
        "type": image["type"],
        "fileSize": str(image["length"]),
        "width": str(image["width"]),
        "height": str(image["height"]),
        "medium": "image",
    }


class MediaRssFeed(SafeRssFeed):
    """RSS 2.0 with Media RSS, Dublin Core creators and content:encoded."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:dc": DC_NS,
            "xmlns:content": CONTENT_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # Django writes the first author as dc:creator; the byline may have more.
        for name in item["author_names"][1:]:
            handler.addQuickElement("dc:creator", name)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        _add_media(handler, item.get("image"))


class MediaAtomFeed(SafeAtomFeed):
    """Atom with every author, the full story as content and Media RSS for the image."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # Django writes the first author; the byline may have more.
        for name, url in item["author_links"][1:]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        _add_media(handler, item.get("image"))


class ArticleFeed(NewsroomFeed):
    """The newest stories of a scope as RSS 2.0; ``AtomArticleFeed`` is the same as Atom."""

    feed_type = MediaRssFeed
    format = "rss"
    kind = "site"

    def get_object(self, request, slug=None):
        return _state(request, self.kind, slug)[0]

    def settings(self):
        # Cached on the request by Wagtail: one query per feed.
        return NewsroomSettings.for_request(self.request)

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return absolute(self.request, scope.path)

    def feed_url(self, scope):
        return absolute(self.request, scope.feed_path(self.format))

    def description(self, scope):
        # Plain text from the editor; readers take RSS descriptions as HTML.
        return escape(scope.description)

    def subtitle(self, scope):
        # Atom's subtitle is text (no type="html"): the description as written.
        return scope.description

    def items(self, scope):
        articles = scope.articles.newest_first().for_listing().prefetch_related("topics")
        return articles[: self.settings().feed_length]

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        # Stays the same when a story's address changes, so readers don't see it twice.
        return f"{site_root_url(self.request)}/?story={article.pk}"

    item_guid_is_permalink = False

    def item_description(self, article):
        # The standfirst is plain text, and RSS descriptions and Atom summaries are read
        # as HTML: escaped, "<img onerror=…>" typed into it stays words.
        return escape(article.standfirst)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.updated_at or article.first_published_at

    def item_author_name(self, article):
        authors = article.authors
        return authors[0].name if authors else None

    def item_author_link(self, article):
        authors = article.authors
        return absolute(self.request, authors[0].get_absolute_url()) if authors else None

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]

    def item_enclosures(self, article):
        image = self._image(article)
        if not image:
            return []
        return [Enclosure(image["url"], str(image["length"]), image["type"])]

    def item_extra_kwargs(self, article):
        authors = article.authors
        return {
            "author_names": [author.name for author in authors],
            "author_links": [
                (author.name, absolute(self.request, author.get_absolute_url()))
                for author in authors
            ],
            "content": self._content(article) if self.settings().feeds_full_text else "",
            "image": self._image(article),
        }

    def _image(self, article):
        # Asked twice per entry (enclosure and Media RSS); the file size means a disk read.
        images = self.__dict__.setdefault("_images", {})
        if article.pk not in images:
            images[article.pk] = self._describe_image(article)
        return images[article.pk]

    def _describe_image(self, article):
        if not article.lead_image:
            return None
        rendition = renditions.rendition(article.lead_image, "feed")
        if rendition is None:
            return None
        return {
            "url": absolute(self.request, rendition.url),
            "type": "image/jpeg",
            "length": rendition.file.size,
            "width": rendition.width,
            "height": rendition.height,
            "alt": article.lead_image.description,
            "credit": article.lead_image.attribution,
            "licence": article.lead_image.get_licence_display(),
            "licence_url": article.lead_image.licence_link,
        }

    def _content(self, article):
        root = site_root_url(self.request)
        key = f"newsdesk:feed-content:{article.pk}:{article.live_revision_id}:{root}"
        content = cache.get(key)
        if content is None:
            content = for_syndication(absolutize_html(str(article.body), root + "/"))
            cache.set(key, content, 60 * 60 * 24)
        return content


class AtomArticleFeed(ArticleFeed):
    feed_type = MediaAtomFeed
    format = "atom"


def _state(request, kind, slug):
    """The feed's scope and the aggregate its validators are made from, once per request."""
    memo = request.__dict__.setdefault("_newsdesk_feed_state", {})
    if (kind, slug) not in memo:
        scope = resolve_scope(request, kind, slug)
        state = scope.articles.aggregate(
            count=Count("pk"),
            published=Max("last_published_at"),
            modified=Max(Coalesce("updated_at", "first_published_at")),
        )
        memo[kind, slug] = scope, state
    return memo[kind, slug]


def feed_view(kind, format):
    """
    A view serving one feed, answering conditional requests with 304. The ETag changes
    with any republication (a typo fix too); Last-Modified with the editorial times.
    """
    feed_class = AtomArticleFeed if format == "atom" else ArticleFeed

    def etag(request, slug=None):
        _scope, state = _state(request, kind, slug)
        settings = NewsroomSettings.for_request(request)
        raw = ":".join(
            str(part)
            for part in (
                kind,
                slug,
                format,
                state["count"],
                state["published"],
                state["modified"],
                settings.feeds_full_text,
                settings.feed_length,
                settings.language,
            )
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def last_modified(request, slug=None):
        return _state(request, kind, slug)[1]["modified"]

    @query_params()
    @condition(etag_func=etag, last_modified_func=last_modified)
    def view(request, slug=None):
        # A feed object per request: it keeps the request for absolute URLs.
        feed = feed_class()
        feed.kind = kind
        return feed(request, slug=slug)

    return view
