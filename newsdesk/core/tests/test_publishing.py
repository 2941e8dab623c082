import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.core import publishing
from newsdesk.images.factories import NewsImageFactory
from newsdesk.testing import schedule_and_make_due

pytestmark = pytest.mark.django_db


def test_check_lists_every_broken_rule(section):
    page = ArticlePageFactory(
        parent=section, authors=[], lead_image=NewsImageFactory(description="")
    )

    rules = [problem.rule for problem in publishing.check(page)]

    assert rules == ["completeness.author", "images.alt_text"]


def test_check_passes_a_complete_story(section):
    assert publishing.check(ArticlePageFactory(parent=section)) == []


def test_publishing_a_broken_revision_is_refused_and_leaves_page_unpublished(section):
    page = ArticlePageFactory(parent=section, authors=[], live=False)
    revision = page.save_revision()

    with pytest.raises(publishing.PublishRefused) as refused:
        revision.publish()

    assert "no author" in str(refused.value)
    page.refresh_from_db()
    assert not page.live
    assert page.first_published_at is None


def test_bypass_publishes_and_records_what_was_let_through(section):
    page = ArticlePageFactory(parent=section, authors=[], live=False)

    with publishing.bypass("Imported from WordPress"):
        page.save_revision().publish()

    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action="newsdesk.publish_gate.bypassed")
    assert entry.data["reason"] == "Imported from WordPress"
    assert entry.data["problems"] == [
        "The story has no author. Add at least one name to the byline."
    ]


def test_bypass_needs_a_reason():
    with pytest.raises(ValueError), publishing.bypass(""):
        pass


def test_bypass_ends_with_its_block(section):
    with publishing.bypass("import"):
        pass
    page = ArticlePageFactory(parent=section, authors=[], live=False)
    with pytest.raises(publishing.PublishRefused):
        page.save_revision().publish()


def test_scheduled_publishing_refuses_a_broken_story_and_unschedules_it(section):
    page = ArticlePageFactory(parent=section, live=False)
    revision = schedule_and_make_due(page)
    other = ArticlePageFactory(parent=section, live=False)
    schedule_and_make_due(other)
    # The picture loses its alt text before the story's time comes.
    page.lead_image.description = ""
    page.lead_image.save()

    call_command("publish_scheduled")

    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live
    assert revision.approved_go_live_at is None
    assert PageLogEntry.objects.filter(
        page=page, action="newsdesk.publish_gate.scheduled_refused"
    ).exists()
    # One refused story does not hold back the rest of the queue.
    assert ArticlePage.objects.get(pk=other.pk).live
