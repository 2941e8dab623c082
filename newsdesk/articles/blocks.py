from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from newsdesk.core.blocks import (
    CodeBlock,
    EmbedWithCaptionBlock,
    FactBoxBlock,
    HeadingBlock,
    LinkTitleBlock,
    PullQuoteBlock,
    QuoteBlock,
    SafeHTMLBlock,
    SeparatorBlock,
    TableBlock,
    paragraph_block,
)
from newsdesk.images.blocks import CaptionedImageBlock


class AlsoReadBlock(blocks.StructBlock):
    """
    "Also Read": a card for another story on this site, or, for a story elsewhere, a link
    card with its headline and address (what imports make of a link to another site).
    """

    article = blocks.PageChooserBlock(
        page_type="articles.ArticlePage",
        required=False,
        help_text="Another story this one's readers should read next.",
    )
    url = blocks.URLBlock(
        required=False,
        label="Or a story on another site: its address",
        help_text="Leave empty when you chose a story above.",
    )
    title = LinkTitleBlock(
        required=False,
        max_length=255,
        label="Its headline",
        help_text="The other site's story's headline, as the card shows it.",
    )
    description = blocks.TextBlock(
        required=False, max_length=500, label="A line about it (optional)"
    )

    class Meta:
        icon = "link"
        label = "Also Read"
        template = "articles/blocks/also_read.html"
        description = "A card linking to another story, here or on another site."

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["article"] and value["url"]:
            errors["url"] = ValidationError("Choose a story here or give an address, not both.")
        elif not value["article"] and not value["url"]:
            errors["article"] = ValidationError(
                "Choose a story, or give the address of one on another site."
            )
        elif value["url"]:
            if urlsplit(value["url"]).scheme not in ("http", "https"):
                errors["url"] = ValidationError("Give a web address (https://…).")
            if not value["title"].strip():
                errors["title"] = ValidationError("Give the other story's headline.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


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
