from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from newsdesk.core.signals import Change, announce_change

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


def _pages_showing(image):
    """Ids of the pages whose content holds ``image``, from Wagtail's reference index."""
    return [
        int(pk)
        for pk in ReferenceIndex.get_references_to(image)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    ]


def _announce(page_ids):
    for page in Page.objects.live().filter(pk__in=page_ids).specific():
        announce_change(page, Change.IMAGE)


def announce_image_change(image_id):
    """
    Tell every live page showing image ``image_id`` that it changed (a credit corrected,
    alt text improved, the file replaced), so caches drop the old version.
    """
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        _announce(_pages_showing(image))


def announce_image_deletion(sender, instance, **kwargs):
    """
    A picture about to be deleted: every live page showing it changes once the deletion
    is committed (the pages are found now, while the references still lead to them).
    """
    page_ids = _pages_showing(instance)
    if page_ids:
        transaction.on_commit(lambda: _announce(page_ids))
