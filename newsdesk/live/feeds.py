"""The Atom feed of a live story's updates."""

from django.template.loader import render_to_string
from django.urls import reverse

from newsdesk.core.absolute import absolute, absolutize_html, site_root_url
from newsdesk.core.richtext import for_syndication
from newsdesk.core.syndication import NewsroomFeed

from .bodies import load_bodies

FEED_UPDATES = 50


class LiveUpdatesFeed(NewsroomFeed):
    """One story's newest updates, each whole, linking to its permalink."""

    def __init__(self, story):
        super().__init__()
        self.story = story

    def title(self):
        return f"Live updates: {self.story.title}"

    def subtitle(self):
        return self.story.standfirst

    def link(self):
        return self.story.get_full_url(self.request)

    def feed_url(self):
        return absolute(self.request, reverse("live_updates_feed", args=[self.story.pk]))

    def items(self):
        updates = self.story.live_updates.select_related("author")
        return load_bodies(updates[:FEED_UPDATES])

    def item_title(self, update):
        title = update.headline or f"Update {update.sequence}"
        return f"Key event: {title}" if update.key_event else title

    def item_link(self, update):
        return absolute(self.request, reverse("live_update", args=[self.story.pk, update.sequence]))

    def item_guid(self, update):
        # Stable when the story's address changes.
        return f"{site_root_url(self.request)}/?story={self.story.pk}&update={update.sequence}"

    item_guid_is_permalink = False

    def item_description(self, update):
        html = render_to_string("live/includes/update_body.html", {"update": update})
        return for_syndication(absolutize_html(html, site_root_url(self.request) + "/"))

    def item_pubdate(self, update):
        return update.published_at

    def item_updateddate(self, update):
        return update.edited_at or update.published_at

    def item_author_name(self, update):
        return update.author.name

    def item_author_link(self, update):
        return absolute(self.request, update.author.get_absolute_url())
