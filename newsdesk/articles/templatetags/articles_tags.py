from django import template
from wagtail.models import Site

from newsdesk.articles.models import SectionPage
from newsdesk.core.restrictions import private_q

register = template.Library()


@register.inclusion_tag("articles/includes/section_nav.html", takes_context=True)
def section_nav(context):
    """The site's sections, in the order editors arranged them in the page tree."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    sections = []
    if site is not None:
        sections = (
            SectionPage.objects.live()
            .exclude(private_q())
            .child_of(site.root_page)
            .order_by("path")
        )
    return {"sections": sections, "request": request, "current": context.get("page")}
