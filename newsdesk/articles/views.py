import hashlib

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import condition
from wagtail.models import PageLogEntry

from newsdesk.core import fragments
from newsdesk.core.absolute import absolute, site_root_url
from newsdesk.core.pagecache import kept_query, query_params
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

from .feedlinks import feed_links
from .models import ArticlePage, paginate_cards
from .sitemaps import NewsSitemap, sitemaps_for

LISTING_SIZE = 20


def _listing(request, articles, template, context, count_key):
    articles = articles.newest_first().for_listing()
    context["articles"] = paginate_cards(request, articles, LISTING_SIZE, count_key=count_key)
    return render(request, template, context)


def _owner_page(request, kind, owner, stories):
    """The page of an author or a topic (``kind``): who or what, then its stories."""
    return _listing(
        request,
        stories,
        f"articles/{kind}_page.html",
        {
            kind: owner,
            "feeds": feed_links(request, kind, owner.slug),
            "canonical_url": absolute(request, owner.get_absolute_url()),
        },
        count_key=f"{kind}:{owner.pk}",
    )


def _kept(request, kind, make):
    """
    The page ``make()`` answers, kept as a fragment (core.fragments) for readers: made
    again when the page is purged (a story on it changed, or one joined it), or when
    authors, topics or the site change.
    """
    if not fragments.applies_to(request):
        return make()
    query = kept_query(request.META.get("QUERY_STRING", ""), ("page",))
    html = fragments.cached(
        f"{kind}-page",
        [request.get_host(), request.is_secure(), request.path, query],
        [fragments.path(request.path), fragments.SITE, fragments.PEOPLE, fragments.TOPICS],
        lambda: make().content.decode(),
        request,
    )
    return HttpResponse(html)


@query_params("page")
def author(request, slug):
    """An author's page: who they are, then their stories, newest first."""

    def make():
        person = get_object_or_404(Author.objects.prefetch_related("links"), slug=slug)
        stories = ArticlePage.objects.published().filter(article_authors__author=person)
        return _owner_page(request, "author", person, stories)

    return _kept(request, "author", make)


@query_params("page")
def topic(request, slug):
    """A topic's page: every story tagged with it, newest first."""

    def make():
        subject = get_object_or_404(Topic, slug=slug)
        return _owner_page(
            request, "topic", subject, ArticlePage.objects.published().filter(topics=subject)
        )

    return _kept(request, "topic", make)


def _sitemap_last_modified(request, *args, **kwargs):
    # Every publish, unpublish, move and deletion is logged, so the newest log entry is
    # the last time any sitemap could have changed. Asked once per request (ETag and
    # Last-Modified both need it).
    if not hasattr(request, "_newsdesk_pages_changed"):
        request._newsdesk_pages_changed = PageLogEntry.objects.aggregate(latest=Max("timestamp"))[
            "latest"
        ]
    return request._newsdesk_pages_changed


def _sitemap_etag(request, section=None, **kwargs):
    latest = _sitemap_last_modified(request)
    page = request.GET.get("p", "1")
    return hashlib.sha256(f"{section}:{page}:{latest}:{request.get_host()}".encode()).hexdigest()[
        :32
    ]


def _own_validators(response):
    # Django's sitemap view sets Last-Modified from the entries' editorial times; the
    # conditional-GET validators below are the ones clients must send back.
    response.headers.pop("Last-Modified", None)
    return response


@query_params()
@condition(etag_func=_sitemap_etag, last_modified_func=_sitemap_last_modified)
def sitemap_index(request):
    return _own_validators(
        sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="sitemap_section")
    )


@query_params("p")
@condition(etag_func=_sitemap_etag, last_modified_func=_sitemap_last_modified)
def sitemap_section(request, section):
    sitemaps = sitemaps_for(request)
    if section not in sitemaps:
        raise Http404(f"No sitemap named {section}.")
    return _own_validators(
        sitemap_views.sitemap(
            request, sitemaps, section=section, template_name="sitemaps/sitemap.xml"
        )
    )


@query_params()
@condition(etag_func=_sitemap_etag, last_modified_func=_sitemap_last_modified)
def news_sitemap(request):
    return _own_validators(
        sitemap_views.sitemap(
            request, {"news": NewsSitemap(request)}, template_name="sitemaps/news_sitemap.xml"
        )
    )


@query_params()
def robots_txt(request):
    return render(
        request,
        "sitemaps/robots.txt",
        {"root": site_root_url(request)},
        content_type="text/plain; charset=utf-8",
    )
