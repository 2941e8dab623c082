from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text="What the reader should know about the picture; the credit is added for you.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "images/blocks/captioned_image.html"
        description = "A picture with its caption and credit line."
