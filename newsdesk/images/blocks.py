from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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
