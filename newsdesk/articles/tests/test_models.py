from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import ArticlePage, with_sections
from newsdesk.people.factories import AuthorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def test_authors_keep_the_editors_order(section):
    first, second = AuthorFactory(name="Zed"), AuthorFactory(name="Amy")
    page = ArticlePageFactory(parent=section, authors=[first, second])

    assert ArticlePage.objects.get(pk=page.pk).authors == [first, second]


def test_heading_anchors_are_unique_and_readable(section):
    page = ArticlePageFactory(
        parent=section,
        body=[
            {"type": "heading", "value": "Latest Updates"},
            {"type": "paragraph", "value": "<p>x</p>"},
            {"type": "heading", "value": "Latest Updates"},
            {"type": "heading", "value": "!!!"},
        ],
    )

    anchors = [anchor for _block, anchor in page.body_with_anchors()]

    assert anchors == ["latest-updates", None, "latest-updates-2", "section"]


def test_first_publication_sets_no_updated_time(section, publish):
    page = ArticlePageFactory(
        parent=section, live=False, significant_update=True, update_note="New figures."
    )

    publish(page)

    assert page.first_published_at is not None
    assert page.updated_at is None


def test_a_significant_update_sets_the_updated_time(article, publish):
    draft = article.get_latest_revision_as_object()
    draft.significant_update = True
    draft.update_note = "Adds the minister's reply."

    publish(draft)

    article.refresh_from_db()
    assert article.updated_at is not None
    assert article.updated_at > article.first_published_at
    assert article.update_note == "Adds the minister's reply."


def test_a_typo_fix_leaves_the_updated_time_alone(article, publish):
    draft = article.get_latest_revision_as_object()
    draft.title = "Council passes its budget"

    publish(draft)

    article.refresh_from_db()
    assert article.title == "Council passes its budget"
    assert article.updated_at is None


def test_restoring_an_old_revision_keeps_the_updated_time(article, publish):
    old_revision = article.latest_revision
    draft = article.get_latest_revision_as_object()
    draft.significant_update, draft.update_note = True, "New facts."
    publish(draft)
    article.refresh_from_db()
    updated_at = article.updated_at

    publish(article.with_content_json(old_revision.content))

    article.refresh_from_db()
    assert article.updated_at == updated_at


def test_a_significant_update_needs_a_public_note(section):
    page = ArticlePageFactory.build(significant_update=True, update_note=" ")

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "update_note" in error.value.message_dict


def test_published_leaves_out_drafts_and_restricted_stories(section, article):
    ArticlePageFactory(parent=section, live=False)
    private = ArticlePageFactory(parent=section)
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert list(ArticlePage.objects.published()) == [article]


def test_latest_per_section_takes_the_newest_of_each_section(home):
    world = SectionPageFactory(parent=home, slug="world")
    business = SectionPageFactory(parent=home, slug="business")
    now = timezone.now()
    for section in (world, business):
        for hours in (3, 1, 2):
            ArticlePageFactory(
                parent=section,
                slug=f"{section.slug}-{hours}",
                first_published_at=now - timedelta(hours=hours),
            )

    latest = with_sections(ArticlePage.objects.published().latest_per_section(2))

    assert [(a.section.slug, a.slug) for a in latest] == [
        ("world", "world-1"),
        ("world", "world-2"),
        ("business", "business-1"),
        ("business", "business-2"),
    ]
