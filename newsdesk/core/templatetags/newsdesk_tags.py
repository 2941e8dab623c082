import datetime
import json
from urllib.parse import urlsplit

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail import hooks

from newsdesk.core import fragments, text
from newsdesk.core.absolute import absolute

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a value would end or alter the element;
# escaping <, > and & as JSON unicode escapes keeps the data intact and inert.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe for any text."""
    if not data:
        return ""
    items = data if isinstance(data, list) else [data]
    return mark_safe(  # noqa: S308 (the only markup is ours; the JSON is escaped above)
        "".join(
            '<script type="application/ld+json">'
            + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
            + "</script>"
            for item in items
        )
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` made absolute on the Wagtail Site serving the request."""
    return absolute(context["request"], url)


@register.filter
def machine_time(value):
    """
    ``value`` for a ``<time datetime>`` attribute: ISO 8601 in UTC to the second. HTML
    allows at most three digits of a second's fraction, and Django's "c" format writes six.
    """
    if not value:
        return ""
    if timezone.is_aware(value):
        value = value.astimezone(datetime.UTC)
    return value.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.filter
def link_label(note):
    """The few words of an update note before its colon ("Correction"), for a short link."""
    label = (note or "").split(":", 1)[0].strip().rstrip(".")
    return label if 0 < len(label) <= 40 else "What changed"


@register.filter
def hostname(url):
    """
    The site an address is on ("example.org" for https://www.example.org/a/), or "" for
    anything but a web address: templates show a link only when this is not empty.
    """
    try:
        parts = urlsplit(str(url or ""))
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return parts.hostname.removeprefix("www.")


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None: for looking up prepared objects by id in templates."""
    return mapping.get(key) if mapping else None


@register.filter
def xml_text(value):
    """``value`` without the characters XML 1.0 cannot carry (templates of feeds, sitemaps)."""
    return text.xml_text(value)


@register.simple_tag(takes_context=True)
def page_slot(context, name, **about):
    """
    What apps above this one put in the place ``name`` of a page (``footer``, or after a
    ``section``'s or a ``topic``'s listing): each function registered for the Wagtail hook
    ``newsdesk_page_slot`` is called with the request, the place's name and ``about``
    (the page's section or topic) and returns HTML it has escaped, or nothing.
    """
    request = context.get("request")
    return mark_safe(  # noqa: S308 (each hook renders through an escaping template)
        "".join(
            str(html)
            for hook in hooks.get_hooks("newsdesk_page_slot")
            if (html := hook(request, name, **about))
        )
    )


class FragmentNode(template.Node):
    def __init__(self, name, vary, depends, nodelist):
        self.name, self.vary, self.depends, self.nodelist = name, vary, depends, nodelist

    def render(self, context):
        request = context.get("request")
        if not fragments.applies_to(request):
            return self.nodelist.render(context)
        depends = self.depends.resolve(context) if self.depends is not None else ()
        if isinstance(depends, str):
            depends = [depends]
        return fragments.cached(
            self.name.resolve(context),
            [request.get_host(), request.is_secure(), *(v.resolve(context) for v in self.vary)],
            depends,
            lambda: self.nodelist.render(context),
            request,
        )


@register.tag
def fragment(parser, token):
    """
    ``{% fragment "name" value… depends=versions %}…{% endfragment %}``: the enclosed
    markup made once per set of values and kept while the versions it depends on stay
    current (see ``newsdesk.core.fragments``). Lazy values in the context are read only
    when the fragment is made.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    depends = None
    vary = []
    for bit in bits[1:]:
        if bit.startswith("depends="):
            depends = parser.compile_filter(bit.removeprefix("depends="))
        else:
            vary.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[0]), vary, depends, nodelist)
