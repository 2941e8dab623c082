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
def has_lead_image(page):
    # Its credit and alt text are checked with every other picture (``images.rules``).
    if page.lead_image_id is None:
        yield Problem(
            "articles.lead_image",
            "The story has no lead image.",
            "Choose one in the Lead image field.",
            field="lead_image",
        )
