"""Reading many live updates' bodies at once, for the story page, the poll and the feed."""

from django.db.models import prefetch_related_objects
from wagtail.blocks import StreamValue


def load_bodies(updates):
    """
    Convert every update's body in one go: one query per kind of block across all the
    updates (all their pictures in one), instead of one per update, and the pictures'
    renditions in one more. Returns the updates as a list.
    """
    updates = list(updates)
    if not updates:
        return updates
    stream_block = type(updates[0])._meta.get_field("body").stream_block
    raw_by_type = {}
    for update in updates:
        for item in update.body.raw_data:
            raw_by_type.setdefault(item["type"], []).append(item["value"])
    native = {
        name: iter(stream_block.child_blocks[name].bulk_to_python(values))
        for name, values in raw_by_type.items()
        if name in stream_block.child_blocks
    }
    images = []
    for update in updates:
        children = []
        for item in update.body.raw_data:
            if item["type"] not in native:
                continue
            value = next(native[item["type"]])
            children.append((item["type"], value, item.get("id")))
            if item["type"] == "image" and value.get("image"):
                images.append(value["image"])
        update.body = StreamValue(stream_block, children)
    prefetch_related_objects(images, "renditions")
    return updates
