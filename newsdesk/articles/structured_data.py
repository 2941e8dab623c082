"""
schema.org data for stories and the front page, as JSON-LD.

Other apps add to a story's data through the ``construct_article_jsonld`` Wagtail hook
(``fn(page, request, data)``, changing ``data`` in place): live coverage turns a story
into a LiveBlogPosting, image rights add licence data. The articles app imports none of
them.
"""

from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from newsdesk.core.absolute import absolute
from newsdesk.core.models import LOGO_RENDITION, NewsroomSettings
from newsdesk.images import renditions
from newsdesk.images.renditions import SHARE_ROLES
from newsdesk.images.structured_data import image_rights

# Google shows headlines of up to 110 characters.
HEADLINE_LIMIT = 110
SCHEMA_TYPES = {
    "news": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
}


def organization(request):
    newsroom = NewsroomSettings.for_request(request)
    if newsroom.logo:
        logo = newsroom.logo.get_rendition(LOGO_RENDITION)
        logo_data = {
            "@type": "ImageObject",
            "url": absolute(request, logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    else:
        logo_data = {
            "@type": "ImageObject",
            "url": absolute(request, static("newsdesk/img/logo.png")),
            "width": 60,
            "height": 60,
        }
    return {
        "@type": "NewsMediaOrganization",
        "name": newsroom.name(),
        "url": absolute(request, "/"),
        "logo": logo_data,
    }


def _headline(title):
    if len(title) <= HEADLINE_LIMIT:
        return title
    return title[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def article_jsonld(page, request, topics=None):
    """The story's NewsArticle (or subtype) and its BreadcrumbList."""
    data, trail = article_jsonld_base(page, request, topics)
    extend_article_jsonld(page, request, data)
    return [data, trail]


def extend_article_jsonld(page, request, data):
    """What other apps add (``construct_article_jsonld``), in place."""
    for hook in hooks.get_hooks("construct_article_jsonld"):
        hook(page, request, data)


def article_jsonld_base(page, request, topics=None):
    """The story's own data, before other apps add theirs: what its revision says."""
    topics = page.topics.all() if topics is None else topics
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(page.article_type, "NewsArticle"),
        "headline": _headline(page.title),
        "description": page.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": (page.updated_at or page.first_published_at).isoformat()
        if page.first_published_at
        else None,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute(request, author.get_absolute_url()),
                **({"jobTitle": author.role} if author.role else {}),
            }
            for author in page.authors
        ],
        "publisher": organization(request),
        "articleSection": page.section.title,
        "keywords": [topic.name for topic in topics],
        "isAccessibleForFree": True,
        "inLanguage": NewsroomSettings.for_request(request).language,
    }
    if page.dateline:
        data["dateline"] = page.dateline
    if page.lead_image:
        rights = image_rights(page.lead_image, request)
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": absolute(request, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                **rights,
            }
            for rendition in (
                renditions.rendition(page.lead_image, role) for role in SHARE_ROLES.values()
            )
            if rendition is not None
        ]
    return [data, breadcrumbs(page, request)]


def breadcrumbs(page, request):
    trail = [
        ("Home", absolute(request, "/")),
        (page.section.title, page.section.get_full_url(request)),
        (_headline(page.title), page.get_full_url(request)),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def home_jsonld(request):
    """The publisher and the website, with a search box where site search exists."""
    publisher = {"@context": "https://schema.org", **organization(request)}
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": publisher["name"],
        "url": absolute(request, "/"),
        "publisher": {"@type": publisher["@type"], "name": publisher["name"]},
    }
    try:
        search_url = absolute(request, reverse("search"))
    except NoReverseMatch:
        search_url = None
    if search_url:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search_url + "?q={query}"},
            "query-input": "required name=query",
        }
    return [publisher, website]
