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
