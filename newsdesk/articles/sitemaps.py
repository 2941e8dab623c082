"""
Sitemaps on Django's ``Sitemap``: an index over stories (paginated), sections, topics,
authors and standard pages, with image entries; and a Google News sitemap.

Locations use the Wagtail Site that serves the request, so they match the addresses
readers and the rest of the site use.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, Site

from newsdesk.core.absolute import absolute, site_root_url
from newsdesk.core.models import NewsroomSettings
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

from .models import ArticlePage, SectionPage

# Google News reads at most 1,000 URLs per news sitemap, and only stories from the last
# two days: https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
NEWS_SITEMAP_DAYS = 2


def news_sitemap_limit():
    return getattr(settings, "NEWSDESK_NEWS_SITEMAP_LIMIT", 1000)


class SiteSitemap(Sitemap):
    """A sitemap whose addresses are built on the request's Wagtail Site."""

    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(site_root_url(self.request))
        return self._urls(page, root.scheme, root.netloc)

    def location(self, item):
        if isinstance(item, Page):
            return item.get_url(self.request, current_site=self.site)
        return item.get_absolute_url()


class ArticleSitemap(SiteSitemap):
    # Small pages keep each response quick to render (about 0.35 s per 1,000 entries).
    limit = getattr(settings, "NEWSDESK_SITEMAP_PAGE_SIZE", 1000)

    def items(self):
        if self.site is None:
            return ArticlePage.objects.none()
        return (
            ArticlePage.objects.published()
            .descendant_of(self.site.root_page)
            .defer_streamfields()
            .select_related("lead_image")
            .order_by("-first_published_at", "-pk")
        )

    def location(self, article):
        # Stories listed here all sit under this site's root, so their address is their
        # url_path below the root's: what Page.get_url works out, without its per-item cost.
        return article.url_path[len(self.site.root_page.url_path) - 1 :]

    def lastmod(self, article):
        return article.updated_at or article.first_published_at

    def get_latest_lastmod(self):
        # Django's default walks every item; with thousands of stories, ask the database.
        return self.items().aggregate(latest=Max(Coalesce("updated_at", "first_published_at")))[
            "latest"
        ]

    def images(self, article):
        """Image entries: the lead picture's original file."""
        if not article.lead_image:
            return []
        return [absolute(self.request, article.lead_image.file.url)]

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["images"] = self.images(url["item"])
        return urls


class SectionSitemap(SiteSitemap):
    def items(self):
        if self.site is None:
            return SectionPage.objects.none()
        return (
            SectionPage.objects.live()
            .public()
            .child_of(self.site.root_page)
            .annotate(
                newest=Subquery(
                    ArticlePage.objects.published()
                    .filter(path__startswith=OuterRef("path"))
                    .annotate(modified=Coalesce("updated_at", "first_published_at"))
                    .order_by("-modified")
                    .values("modified")[:1]
                )
            )
            .order_by("path")
        )

    def lastmod(self, section):
        return section.newest or section.last_published_at


class StandardPageSitemap(SiteSitemap):
    """The front page and pages that are not stories or sections."""

    def items(self):
        if self.site is None:
            return Page.objects.none()
        return (
            Page.objects.live()
            .public()
            .descendant_of(self.site.root_page, inclusive=True)
            .not_type(ArticlePage, SectionPage)
            .specific()
            .order_by("path")
        )

    def lastmod(self, page):
        return page.last_published_at


class TopicSitemap(SiteSitemap):
    def items(self):
        return (
            Topic.objects.filter(articles__live=True)
            .annotate(newest=Max(Coalesce("articles__updated_at", "articles__first_published_at")))
            .order_by("slug")
        )

    def lastmod(self, topic):
        return topic.newest


class AuthorSitemap(SiteSitemap):
    def items(self):
        return (
            Author.objects.filter(article_links__page__live=True)
            .annotate(
                newest=Max(
                    Coalesce(
                        "article_links__page__updated_at",
                        "article_links__page__first_published_at",
                    )
                )
            )
            .order_by("slug")
        )

    def lastmod(self, author):
        return author.newest


class NewsSitemap(ArticleSitemap):
    """Stories first published in the last two days, newest first, for Google News."""

    def items(self):
        since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
        return super().items().filter(first_published_at__gte=since)[: news_sitemap_limit()]

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        newsroom = NewsroomSettings.for_request(self.request)
        for url in urls:
            url["publication"] = {"name": newsroom.name(), "language": newsroom.language}
        return urls


def sitemaps_for(request):
    return {
        "articles": ArticleSitemap(request),
        "sections": SectionSitemap(request),
        "topics": TopicSitemap(request),
        "authors": AuthorSitemap(request),
        "pages": StandardPageSitemap(request),
    }
