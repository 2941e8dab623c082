from wagtail import blocks

from newsdesk.core.blocks import (
    CodeBlock,
    EmbedWithCaptionBlock,
    FactBoxBlock,
    HeadingBlock,
    PullQuoteBlock,
    QuoteBlock,
    SafeHTMLBlock,
    SeparatorBlock,
    TableBlock,
    paragraph_block,
)
from newsdesk.images.blocks import CaptionedImageBlock


class AlsoReadBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(
        page_type="articles.ArticlePage",
        help_text="Another story this one's readers should read next.",
    )

    class Meta:
        icon = "link"
        label = "Also Read"
        template = "articles/blocks/also_read.html"
        description = "A card linking to another story, with its headline, image and section."


class BodyBlock(blocks.StreamBlock):
    """The blocks of any page's body; stories add "Also Read"."""

    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = CaptionedImageBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedWithCaptionBlock()
    fact_box = FactBoxBlock()
    table = TableBlock()
    quote = QuoteBlock()
    code = CodeBlock()
    separator = SeparatorBlock()
    html = SafeHTMLBlock()


class ArticleBodyBlock(BodyBlock):
    also_read = AlsoReadBlock()
