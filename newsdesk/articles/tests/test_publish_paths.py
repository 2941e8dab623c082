"""
The publish gate holds on every way a story can be published from the admin: the edit
view, workflow approval and bulk publishing. (Scheduled publishing is covered in
core/tests/test_publishing.py.)
"""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.images.factories import NewsImageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.testing import post_story_edit

pytestmark = pytest.mark.django_db


def test_edit_view_refuses_to_publish_and_shows_errors_on_the_fields(client, section, editor):
    page = ArticlePageFactory(parent=section, authors=[], live=False)
    undescribed = NewsImageFactory(title="Quay", description="")
    client.force_login(editor)

    response = post_story_edit(client, page, "action-publish", image=undescribed)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["lead_image"] == [
        "The lead image “Quay” has no alt text. Edit the image and describe what it shows in "
        "its Description field, or mark this use decorative if it adds nothing a reader needs."
    ]
    assert (
        "The story has no author."
        in response.context["form"].formsets["article_authors"].non_form_errors()[0]
    )
    assert not Page.objects.get(pk=page.pk).live


def test_edit_view_points_at_the_body_block_with_an_undescribed_image(client, section, editor):
    page = ArticlePageFactory(parent=section, live=False)
    undescribed = NewsImageFactory(description="")
    client.force_login(editor)
    body = [
        ("paragraph", rich_text("<p>Text.</p>")),
        ("image", {"image": undescribed.pk, "caption": ""}),
    ]

    response = post_story_edit(
        client, page, "action-publish", authors=[AuthorFactory()], image=page.lead_image, body=body
    )

    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body"][0]
    image_error = error.block_errors[1].block_errors["image"]
    assert "has no alt text" in image_error.messages[0]
    assert not Page.objects.get(pk=page.pk).live


def test_edit_view_publishes_a_complete_story(client, section, editor):
    page = ArticlePageFactory(parent=section, live=False)
    client.force_login(editor)

    response = post_story_edit(
        client, page, "action-publish", authors=[AuthorFactory()], image=page.lead_image
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).live


def test_saving_a_draft_is_never_blocked(client, section, reporter):
    page = ArticlePageFactory(parent=section, authors=[], live=False, owner=reporter)
    client.force_login(reporter)

    response = post_story_edit(client, page, "action-save")

    assert response.status_code == 302
    assert page.revisions.count() == 1


def test_submitting_for_review_is_checked_like_publishing(client, section, reporter):
    page = ArticlePageFactory(parent=section, authors=[], live=False, owner=reporter)
    client.force_login(reporter)

    response = post_story_edit(client, page, "action-submit")

    assert response.status_code == 200
    assert Page.objects.get(pk=page.pk).current_workflow_state is None


def test_reporters_cannot_publish(client, section, reporter):
    page = ArticlePageFactory(parent=section, live=False, owner=reporter)
    client.force_login(reporter)

    post_story_edit(
        client, page, "action-publish", authors=[AuthorFactory()], image=page.lead_image
    )

    assert not Page.objects.get(pk=page.pk).live


def test_workflow_approval_is_refused_and_leaves_the_task_open(client, section, reporter, editor):
    page = ArticlePageFactory(parent=section, live=False, owner=reporter)
    client.force_login(reporter)
    post_story_edit(client, page, "action-submit", authors=[AuthorFactory()], image=page.lead_image)
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    # The picture loses its alt text while the story waits for review.
    page.lead_image.description = ""
    page.lead_image.save()
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert not Page.objects.get(pk=page.pk).live
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("has no alt text" in m for m in messages)


def test_workflow_approval_publishes_a_complete_story(client, section, reporter, editor):
    page = ArticlePageFactory(parent=section, live=False, owner=reporter)
    client.force_login(reporter)
    post_story_edit(client, page, "action-submit", authors=[AuthorFactory()], image=page.lead_image)
    task_state = ArticlePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    client.force_login(editor)

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    assert Page.objects.get(pk=page.pk).live


def test_bulk_publish_is_refused_as_a_whole(client, section, editor):
    good = ArticlePageFactory(parent=section, live=False)
    good.save_revision()
    broken = ArticlePageFactory(parent=section, authors=[], live=False)
    broken.save_revision()
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = client.post(f"{url}?id={good.pk}&id={broken.pk}", {"include_descendants": ""})

    assert response.status_code == 302
    assert not Page.objects.get(pk=good.pk).live
    assert not Page.objects.get(pk=broken.pk).live


def test_bulk_publish_publishes_complete_stories(client, section, editor):
    good = ArticlePageFactory(parent=section, live=False)
    good.save_revision()
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    client.post(f"{url}?id={good.pk}", {"include_descendants": ""})

    assert Page.objects.get(pk=good.pk).live
