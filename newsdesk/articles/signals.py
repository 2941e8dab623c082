from wagtail.search import index

from .feeds import FEED_IMAGE
from .structured_data import share_renditions


def prepare_renditions(sender, instance, **kwargs):
    """
    Make the lead picture's feed and social-card renditions when a story is published,
    so no reader's request (or crawler's) waits for an image to be resized.
    """
    if instance.lead_image_id:
        image = instance.lead_image
        share_renditions(image)
        image.get_rendition(FEED_IMAGE)


def refresh_related_on_publish(sender, instance, **kwargs):
    from .related import refresh_related

    # Bylines and topics are saved after the page row, so the index Wagtail updated on
    # save may have missed them; index the story as published before relating it.
    index.insert_or_update_object(instance)
    refresh_related.enqueue(instance.pk)


def forget_related_on_unpublish(sender, instance, **kwargs):
    from .related import forget

    forget(instance)
