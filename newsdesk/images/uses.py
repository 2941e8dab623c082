"""
Where a page shows pictures: every image a page uses, with where it sits and whether the
editor marked that use decorative.

The publish gate's image rules, the page's rendition prefetch and the rights report's
"used in" column all read pages through :func:`image_uses`, so a new block holding an
image is covered everywhere without being named.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, ReferenceIndex

from newsdesk.core.streams import stream_blocks


@dataclass(frozen=True)
class ImageUse:
    image: object
    field: str
    block: tuple = ()
    decorative: bool = False


def image_uses(page):
    """Each image on ``page``: image foreign keys first, then StreamField blocks."""
    image_model = get_image_model()
    for field in page._meta.concrete_fields:
        if getattr(field, "related_model", None) is image_model:
            image = getattr(page, field.name)
            if image is not None:
                decorative = bool(getattr(page, f"{field.name}_decorative", False))
                yield ImageUse(image, field.name, (), decorative)
    for field_name, block, value, path, parent in stream_blocks(page):
        if isinstance(block, ImageChooserBlock):
            decorative = bool(parent is not None and parent.get("decorative"))
            yield ImageUse(value, field_name, path, decorative)


def published_uses(image):
    """
    What readers see ``image`` on: live pages, and anything else that holds it (an
    author's photo, a live update), as Wagtail's reference index records them.
    """
    references = ReferenceIndex.get_references_to(image)
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in references.filter(base_content_type=page_type).values_list("object_id", flat=True)
    }
    pages = list(Page.objects.live().filter(pk__in=page_ids).order_by("title")) if page_ids else []
    others = [
        group_object
        for group_object, _references in references.exclude(
            base_content_type=page_type
        ).group_by_source_object()
        if group_object is not None
    ]
    return [*pages, *others]
