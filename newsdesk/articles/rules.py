"""Publishing rules for stories, enforced by the publish gate (``newsdesk.core.publishing``)."""

from newsdesk.core.publishing import Problem, publish_rule

from .models import ArticlePage


@publish_rule(ArticlePage)
def has_headline(page):
    if not page.title.strip():
        yield Problem(
            "articles.headline",
            "The story has no headline.",
            "Write one in the Headline field.",
            field="title",
        )


@publish_rule(ArticlePage)
def has_author(page):
    if not page.authors:
        yield Problem(
            "articles.author",
            "The story has no author.",
            "Add at least one name to the byline.",
            field="article_authors",
        )


@publish_rule(ArticlePage)
def has_described_lead_image(page):
    if page.lead_image_id is None:
        yield Problem(
            "articles.lead_image",
            "The story has no lead image.",
            "Choose one in the Lead image field.",
            field="lead_image",
        )
    elif not page.lead_image.description.strip():
        yield Problem(
            "articles.lead_image_alt",
            f"The lead image “{page.lead_image.title}” has no alt text.",
            "Edit the image and describe what it shows in its Description field.",
            field="lead_image",
        )


@publish_rule(ArticlePage)
def body_images_are_described(page):
    for index, block in enumerate(page.body):
        if block.block_type != "image":
            continue
        image = block.value["image"]
        if image is not None and not image.description.strip():
            yield Problem(
                "articles.body_image_alt",
                f"The image “{image.title}” in the body has no alt text.",
                "Edit the image and describe what it shows in its Description field.",
                field="body",
                block=(index, "image"),
            )
