"""Blocks every kind of page may use; article-only blocks live in ``articles.blocks``."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.embeds.blocks import EmbedBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.CharBlock):
    """A section heading: rendered as an anchored h2 and listed in the table of contents."""

    class Meta:
        icon = "title"
        label = "Section heading"
        max_length = 120
        template = "core/blocks/heading.html"
        description = "Starts a new section, such as Introduction or Background."


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=500)
    attribution = blocks.CharBlock(
        required=False, max_length=255, help_text="Who said it, e.g. the minister's name."
    )

    class Meta:
        icon = "openquote"
        template = "core/blocks/pull_quote.html"
        description = "A short quotation set apart from the text."


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="e.g. Key facts, At a glance.")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        template = "core/blocks/fact_box.html"
        description = "Key facts in a box beside the story."


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        max_length=255, help_text="Says what the table shows; read out by screen readers."
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ]
    )

    class Meta:
        icon = "table"
        template = "core/blocks/table.html"
        description = "Figures in rows and columns, with a caption."


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text="Address of a video, post or map (YouTube, Vimeo, …).")
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "media"
        label = "Embed"
        template = "core/blocks/embed.html"
        description = "Media from another site, loaded only when the reader views it."


def paragraph_block():
    return blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow", label="Paragraph")
