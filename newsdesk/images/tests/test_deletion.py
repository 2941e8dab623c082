"""A picture deleted from under a published story: the story renders, the caches learn."""

import logging

import pytest
from django.test import Client

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images.factories import NewsImageFactory

pytestmark = pytest.mark.django_db


def _story_showing(section, image):
    body = [
        {"type": "paragraph", "value": "<p>Text.</p>"},
        {"type": "image", "value": {"image": image.pk, "caption": "Quay", "decorative": False}},
    ]
    story = ArticlePageFactory(parent=section, body=body, live=False)
    story.save_revision().publish()
    return story


def test_a_story_whose_picture_was_deleted_renders_without_it_and_logs_once(
    section, caplog, django_capture_on_commit_callbacks
):
    image = NewsImageFactory()
    story = _story_showing(section, image)
    reader = Client()
    assert "Quay" in reader.get(story.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    with caplog.at_level(logging.WARNING, logger="newsdesk.images.blocks"):
        first = reader.get(story.url)
        second = reader.get(story.url)

    assert first.status_code == second.status_code == 200
    assert "Quay" not in first.content.decode()
    missing = [r for r in caplog.records if "no longer exists" in r.getMessage()]
    assert len(missing) == 1


def test_deleting_a_picture_purges_every_page_that_showed_it(
    section, page_changes, django_capture_on_commit_callbacks
):
    image = NewsImageFactory()
    shown = _story_showing(section, image)
    other = ArticlePageFactory(parent=section)
    page_changes.clear()

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert (shown.pk, "image") in page_changes
    assert all(pk != other.pk for pk, _reason in page_changes)
