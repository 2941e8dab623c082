"""Walking a page's StreamFields: one traversal for every reader of block content."""

from wagtail import blocks
from wagtail.fields import StreamField


def stream_blocks(page):
    """
    Every block in every StreamField of ``page``, depth first, as
    ``(field name, block, value, path, parent)``: ``path`` is the position as the publish
    gate's ``Problem.block`` writes it, such as ``(3, "image")``; ``parent`` is the
    enclosing struct's value (or ``None``), for flags a struct sets on its children.
    """
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for index, child in enumerate(getattr(page, field.name)):
                yield from _walk(child.block, child.value, field.name, (index,), None)


def _walk(block, value, field_name, path, parent):
    if value is None:
        return
    yield field_name, block, value, path, parent
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _walk(child, value.get(name), field_name, (*path, name), value)
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value):
            yield from _walk(block.child_block, item, field_name, (*path, index), parent)
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value):
            yield from _walk(child.block, child.value, field_name, (*path, index), None)
