"""
Where a page shows pictures: every image a page uses, with where it sits and whether the
editor marked that use decorative.

The publish gate's image rules, the page's rendition prefetch and the rights report's
"used in" column all read pages through :func:`image_uses`, so a new block holding an
image is covered everywhere without being named.
"""

from dataclasses import dataclass

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock


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
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for index, child in enumerate(getattr(page, field.name)):
                yield from _walk(child.block, child.value, field.name, (index,), False)


def _walk(block, value, field, path, decorative):
    if value is None:
        return
    if isinstance(block, ImageChooserBlock):
        yield ImageUse(value, field, path, decorative)
    elif isinstance(block, blocks.StructBlock):
        decorative = bool(value.get("decorative", decorative))
        for name, child_block in block.child_blocks.items():
            yield from _walk(child_block, value.get(name), field, (*path, name), decorative)
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value):
            yield from _walk(block.child_block, item, field, (*path, index), decorative)
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value):
            yield from _walk(child.block, child.value, field, (*path, index), decorative)
