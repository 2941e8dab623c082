"""``{% newsletter_signup %}``: a page's sign-up form, with no cookie and no CSRF token."""

from django import template

from newsdesk.newsletters import offers
from newsdesk.newsletters.views import signup_token

register = template.Library()


@register.inclusion_tag("newsletters/includes/signup_slot.html", takes_context=True)
def newsletter_signup(context, section=None, topic=None, place=""):
    """
    The form of ``section``'s or ``topic``'s own list, or (with neither) the site-wide
    list's. Nothing when there is no such list.
    """
    if section is not None:
        newsletter = offers.for_section(section.pk, fallback=False)
    elif topic is not None:
        newsletter = offers.for_topic(topic.pk)
    else:
        newsletter = offers.site_wide()
    request = context.get("request")
    return {
        "newsletter": newsletter,
        "signup_token": signup_token() if newsletter else "",
        "source": request.path if request else "",
        "place": place,
    }
