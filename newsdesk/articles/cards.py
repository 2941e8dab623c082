"""
Story cards: the published stories a listing shows, each with its section and what other
apps add to it, in a fixed number of queries however many cards there are.

The models are looked up by name (``apps.get_model``): the article page itself uses
these helpers for its related and "more from" cards.
"""

from django.apps import apps
from wagtail import hooks
from wagtail.models import Page

from newsdesk.core.pagination import paginate


def cards_by_id(ids):
    """Published stories by id, ready for cards (byline, picture, section)."""
    if not ids:
        return {}
    stories = (
        apps.get_model("articles", "ArticlePage")
        .objects.published()
        .filter(pk__in=ids)
        .for_listing()
    )
    return {story.pk: story for story in with_sections(stories)}


def with_sections(articles):
    """
    ``articles`` as a list, each with ``section`` set to its SectionPage, using one query
    for all of them; story cards show the section's name.
    """
    articles = list(articles)
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    section_model = apps.get_model("articles", "SectionPage")
    sections = {s.path: s for s in section_model.objects.filter(path__in=parent_paths)}
    for article in articles:
        article.section = sections.get(article.path[: -Page.steplen])
        article.card_labels = []
        article.card_notes = []
    # Other apps add to cards through two hooks, each fn(articles) -> {article id: text}
    # and never a query per story: labels beside the section name (live coverage's
    # "Developing"), notes after the date (comment counts).
    for hook_name, attribute in (
        ("article_card_labels", "card_labels"),
        ("article_card_notes", "card_notes"),
    ):
        for hook in hooks.get_hooks(hook_name):
            texts = hook(articles)
            for article in articles:
                if article.pk in texts:
                    getattr(article, attribute).append(texts[article.pk])
    return articles


def paginate_cards(request, articles, per_page, count_key=None):
    """One page of story cards, each with its section (``count_key``: see ``paginate``)."""
    page = paginate(request, articles, per_page, count_key=count_key)
    page.object_list = with_sections(page.object_list)
    return page
