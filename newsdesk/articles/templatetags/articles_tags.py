import functools

from django import template
from wagtail.models import Site

from newsdesk.articles import story
from newsdesk.articles.models import SectionPage
from newsdesk.core import fragments
from newsdesk.core.restrictions import private_q

register = template.Library()


@register.filter
def card_versions(article):
    """The versions a story's card is made from (``core.fragments``)."""
    return story.card_versions(article)


@register.inclusion_tag("articles/includes/section_nav.html", takes_context=True)
def section_nav(context):
    """The site's sections, in the order editors arranged them in the page tree."""
    request = context.get("request")

    @functools.cache
    def sections():
        # Called by the template only when the navigation is not kept (core.fragments).
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        return list(
            SectionPage.objects.live()
            .exclude(private_q())
            .child_of(site.root_page)
            .order_by("path")
        )

    page = context.get("page")
    return {
        "sections": sections,
        "request": request,
        "current": page if isinstance(page, SectionPage) else None,
        "versions": [fragments.SITE],
    }
