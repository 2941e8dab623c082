"""The Atom feed of the site's corrections and clarifications (the corrections page's)."""

from django.utils.html import escape

from newsdesk.core.absolute import site_root_url
from newsdesk.core.syndication import NewsroomFeed

FEED_CORRECTIONS = 50


class CorrectionsFeed(NewsroomFeed):
    """The site's newest corrections and clarifications."""

    def __init__(self, page):
        super().__init__()
        self.page = page

    def title(self):
        return self.page.title

    def link(self):
        return self.page.get_full_url(self.request)

    def feed_url(self):
        return self.page.get_full_url(self.request) + "feed/"

    def items(self):
        return self.page.published_corrections()[:FEED_CORRECTIONS]

    def item_title(self, correction):
        return f"{correction.get_kind_display()}: {correction.article.title}"

    def item_link(self, correction):
        return f"{correction.article.get_full_url(self.request)}#{correction.anchor}"

    def item_guid(self, correction):
        return f"{site_root_url(self.request)}/?correction={correction.pk}"

    item_guid_is_permalink = False

    def item_description(self, correction):
        # Plain text, in a summary read as HTML.
        return escape(correction.note)

    def item_pubdate(self, correction):
        return correction.published_at
