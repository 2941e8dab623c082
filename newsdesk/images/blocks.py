import logging

from django.core.cache import cache
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

logger = logging.getLogger(__name__)
# How long a missing picture is not reported again.
MISSING_REPORT_SECONDS = 60 * 60 * 24


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text=(
            "What the reader should know about the picture; the image's default caption "
            "is used when empty, and the credit is added for you."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text=(
            "Tick only when the picture adds nothing a reader needs: it is shown without "
            "alt text, and screen readers skip it."
        ),
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "images/blocks/captioned_image.html"
        description = "A picture with its caption and credit line."

    def render(self, value, context=None):
        # A picture deleted after the story was published leaves its block empty: the
        # story is shown without it, and the gap is reported once a day, not per reader.
        if value.get("image") is None:
            page = (context or {}).get("page")
            key = f"newsdesk:missing-picture:{getattr(page, 'pk', None)}"
            if cache.add(key, True, MISSING_REPORT_SECONDS):
                logger.warning(
                    "“%s” shows a picture that no longer exists; edit the story to choose "
                    "another or remove the block.",
                    getattr(page, "title", "A page"),
                )
            return ""
        return super().render(value, context)
