"""Blocks every kind of page may use; article-only blocks live in ``articles.blocks``."""

import nh3
from django.utils.safestring import mark_safe
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


class LinkTitleBlock(blocks.CharBlock):
    """
    The headline of a linked story, not the page's own words: the desk checks read it as
    a link (is it related?), never as a sentence of the story.
    """


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


class QuoteBlock(blocks.StructBlock):
    quote = blocks.RichTextBlock(features=["bold", "italic", "link"])
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"
        description = "A longer quotation in the run of the text, such as a passage of a letter."


class CodeBlock(blocks.StructBlock):
    language = blocks.CharBlock(
        required=False, max_length=40, help_text="e.g. python, html; leave empty for plain text."
    )
    code = blocks.TextBlock(help_text="Shown exactly as typed, spaces and line breaks kept.")

    class Meta:
        icon = "code"
        label = "Code or preformatted text"
        template = "core/blocks/code.html"
        description = "Program code, data or any text whose spacing must be kept."


class SeparatorBlock(blocks.StaticBlock):
    class Meta:
        icon = "horizontalrule"
        label = "Separator"
        template = "core/blocks/separator.html"
        admin_text = "A line between two parts of the text."


# What imported markup may keep: text structure, media and tables, never scripts, styles,
# frames, forms or event handlers.
SAFE_HTML_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "video", "audio", "source", "track"}
SAFE_HTML_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "video": {"src", "poster", "controls", "width", "height"},
    "audio": {"src", "controls"},
    "source": {"src", "type"},
    "track": {"src", "kind", "label", "srclang"},
}


def safe_html(markup):
    """``markup`` with only :data:`SAFE_HTML_TAGS` and web links left."""
    return nh3.clean(
        markup or "",
        tags=SAFE_HTML_TAGS,
        attributes=SAFE_HTML_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
    )


class SafeHTMLBlock(blocks.RawHTMLBlock):
    """
    Markup brought in from another system that no other block can hold (an importer's last
    resort), cleaned when stored and again when shown, so no script can ride along.
    """

    def get_prep_value(self, value):
        return safe_html(super().get_prep_value(value))

    def to_python(self, value):
        return mark_safe(safe_html(value))  # noqa: S308 (cleaned by nh3 just above)

    def normalize(self, value):
        return self.to_python(value)

    def render_basic(self, value, context=None):
        return mark_safe(safe_html(value))  # noqa: S308 (cleaned by nh3 just above)

    class Meta:
        icon = "code"
        label = "Imported HTML"
        description = (
            "Markup kept as it came from another system, made safe. Convert it into other "
            "blocks where you can."
        )


def paragraph_block():
    return blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow", label="Paragraph")
