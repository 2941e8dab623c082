from django.db import transaction

from .renditions import prepare_renditions
from .uses import image_uses


def prepare_page_renditions(sender, instance, **kwargs):
    """
    Make every rendition of every picture on a page as it is published, so no reader's
    request (or crawler's) waits for a picture to be resized.
    """
    image_ids = {use.image.pk for use in image_uses(instance.specific)}
    for image_id in sorted(image_ids):
        transaction.on_commit(lambda image_id=image_id: prepare_renditions.enqueue(image_id))
