from wagtail import blocks

from newsdesk.core.blocks import EmbedWithCaptionBlock, paragraph_block
from newsdesk.images.blocks import CaptionedImageBlock


class LiveUpdateBodyBlock(blocks.StreamBlock):
    """What an update may hold: text, pictures and embedded posts or videos."""

    paragraph = paragraph_block()
    image = CaptionedImageBlock()
    embed = EmbedWithCaptionBlock()

    class Meta:
        min_num = 1
