"""
Every address that shows a story, for the page cache's purge (``core.purging``).

A story is shown on its own page; as a card on the home page, its section's page, its
topics' and authors' pages, search results, and the pages of the stories that list it
(computed related stories, editors' pins, "Also Read" blocks); as an entry in the site's,
its section's, topics' and authors' feeds; and in the sitemaps. A change purges all of
those and nothing else, except comments, which feeds and sitemaps do not carry.

A story that lost a topic, an author or its section in the change is no longer listed
there, and those pages must refresh too: the purge takes the places of the version
published before as well as the new one.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from newsdesk.core.signals import Change

# Changes that feeds and sitemaps do not show.
NOT_SYNDICATED = frozenset({Change.COMMENTS})
# The sitemaps whose entries or dates a story changes (``sitemaps.sitemaps_for``).
SITEMAPS = ("articles", "sections", "topics", "authors")


def urls_showing(story, reason):
    """The full URLs of every page, feed and sitemap that shows ``story``."""
    site = story.get_site()
    if site is None:
        return set()
    root = site.root_url
    syndicated = reason not in NOT_SYNDICATED
    urls = {story.get_full_url(), f"{root}/", f"{root}{reverse('search')}"}
    if syndicated:
        urls |= {
            f"{root}{path}"
            for path in (
                reverse("feed_rss"),
                reverse("feed_atom"),
                reverse("sitemap"),
                reverse("news_sitemap"),
                *(reverse("sitemap_section", args=[name]) for name in SITEMAPS),
            )
        }
    for version in _versions(story, reason):
        urls |= _places(version, root, syndicated)
    urls |= {page.get_full_url() for page in _pages_listing(story)}
    urls.discard(None)
    return urls


def _versions(story, reason):
    """The story as readers see it now and, after a publication, as they saw it before."""
    versions = [story]
    if reason == Change.PUBLISHED:
        earlier = (
            PageLogEntry.objects.filter(page=story, action="wagtail.publish")
            .exclude(revision=None)
            .exclude(revision_id=story.live_revision_id)
            .order_by("-timestamp", "-pk")
            .select_related("revision")
            .first()
        )
        if earlier is not None:
            versions.append(earlier.revision.as_object())
    return versions


def _places(story, root, syndicated):
    """The section, topic and author pages (and their feeds) that list ``story``."""
    urls = set()
    section = story.get_parent() if story.pk else None
    places = [("topic", topic.slug) for topic in story.topics.all()]
    places += [("author", link.author.slug) for link in story.article_authors.all()]
    for kind, slug in places:
        urls.add(f"{root}{reverse(kind, args=[slug])}")
    if section is not None:
        urls.add(section.get_full_url())
        places.append(("section", section.slug))
    if syndicated:
        for kind, slug in places:
            urls.add(f"{root}{reverse(f'{kind}_feed_rss', args=[slug])}")
            urls.add(f"{root}{reverse(f'{kind}_feed_atom', args=[slug])}")
    return urls


def _pages_listing(story):
    """Live stories that show ``story`` as a card: related lists, pins and Also Read."""
    # The related models are read from the story's own relations: models.py imports
    # this module for ArticlePage.purge_urls.
    article_page = type(story)
    RelatedStory = article_page._meta.get_field("computed_related").related_model
    RelatedPin = article_page._meta.get_field("related_pins").related_model
    ids = set(RelatedStory.objects.filter(related=story).values_list("article_id", flat=True))
    ids |= set(RelatedPin.objects.filter(related=story).values_list("page_id", flat=True))
    ids |= {
        int(pk)
        for pk in ReferenceIndex.get_references_to(story)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    }
    ids.discard(story.pk)
    return article_page.objects.live().filter(pk__in=ids)
