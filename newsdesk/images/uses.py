"""
Where a page shows pictures: every image a page uses, with where it sits and whether the
editor marked that use decorative.

The publish gate's image rules, the page's rendition prefetch and the rights report's
"used in" column all read pages through :func:`image_uses`, so a new block holding an
image is covered everywhere without being named.
"""

from dataclasses import dataclass

from wagtail.images.blocks import ImageChooserBlock

from newsdesk.core.streams import stream_blocks


@dataclass(frozen=True)
class ImageUse:
    image: object
    field: str
    block: tuple = ()
    decorative: bool = False


def image_uses(page):
    """Each image on ``page``: image foreign keys first, then StreamField blocks."""
    from .models import NewsImage

    for field in page._meta.concrete_fields:
        if getattr(field, "related_model", None) is NewsImage:
            image = getattr(page, field.name)
            if image is not None:
                decorative = bool(getattr(page, f"{field.name}_decorative", False))
                yield ImageUse(image, field.name, (), decorative)
    for field_name, block, value, path, parent in stream_blocks(page):
        if isinstance(block, ImageChooserBlock):
            decorative = bool(parent is not None and parent.get("decorative"))
            yield ImageUse(value, field_name, path, decorative)
