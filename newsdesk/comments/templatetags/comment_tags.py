import re

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()

OPENING_LINK = re.compile(r'<a href="([^"]*)"(?: rel="nofollow")?>')


@register.filter
def comment_body(text):
    """
    A comment as readers see it: plain text in paragraphs, with web addresses linked
    (``rel="nofollow ugc noopener"``) and everything else escaped; never the writer's HTML.
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    html = []
    for paragraph in paragraphs:
        linked = urlize(paragraph, trim_url_limit=60, nofollow=False, autoescape=True)
        linked = OPENING_LINK.sub(r'<a href="\1" rel="nofollow ugc noopener">', linked)
        html.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    return mark_safe("".join(html))  # noqa: S308 (built from escaped text above)


@register.filter
def comment_count(number):
    """The count in words: "0 comments", "1 comment", "2 comments"."""
    number = int(number or 0)
    return f"{number:,} comment{'' if number == 1 else 's'}"
