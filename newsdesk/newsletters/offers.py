"""
Which list's sign-up form a page offers: a section's own list on the section and its
stories, a topic's on the topic page, and the site-wide list (one following neither)
elsewhere. The public lists are read once and kept in the cache until one changes, so
offering a form costs a page no query.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.core.purging import purge_site

from .models import Newsletter

CACHE_KEY = "newsdesk:newsletters:public"


def public_lists():
    lists = cache.get(CACHE_KEY)
    if lists is None:
        lists = list(Newsletter.objects.filter(public=True))
        cache.set(CACHE_KEY, lists, 60 * 60)
    return lists


def site_wide():
    return next((n for n in public_lists() if not n.section_id and not n.topic_id), None)


def for_section(section_id, *, fallback=True):
    found = next((n for n in public_lists() if section_id and n.section_id == section_id), None)
    return found or (site_wide() if fallback else None)


def for_topic(topic_id):
    return next((n for n in public_lists() if topic_id and n.topic_id == topic_id), None)


@receiver(post_save, sender=Newsletter)
@receiver(post_delete, sender=Newsletter)
def forget_lists(**kwargs):
    cache.delete(CACHE_KEY)
    # Every page offers a list (the footer, stories, sections): pages and their kept
    # fragments are made again with the change.
    purge_site()
