"""
Feed generators that cannot be broken by what a story says.

Django's feed writer refuses a control character with an exception (a 500 for every
reader of the feed) and writes attributes as given. Every value handed to these
generators passes through :func:`newsdesk.core.text.xml_safe` first, whatever view or
app builds the feed.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import NewsroomSettings
from .text import xml_safe


class XmlSafeFeedMixin:
    """Drops what XML 1.0 cannot carry from the feed's and every entry's values."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **xml_safe(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **xml_safe(kwargs))


class SafeRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class SafeAtomFeed(XmlSafeFeedMixin, Atom1Feed):
    pass


class NewsroomFeed(Feed):
    """An Atom feed that keeps its request (for absolute addresses) in the site's language."""

    feed_type = SafeAtomFeed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.language = NewsroomSettings.for_request(request).language
        return super().__call__(request, *args, **kwargs)
