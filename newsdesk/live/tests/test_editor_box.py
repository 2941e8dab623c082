"""The live-update box on a story's edit view."""

import pytest
from django.urls import reverse

from newsdesk.live.models import LiveUpdate

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _post(client, story, **data):
    fields = {f"live_box-{k}": v for k, v in data.items()}
    return client.post(reverse("live:post_from_editor", args=[story.pk]), fields)


def test_the_box_posts_as_the_signed_in_editor_with_paragraphs(client, live_story, editor, writer):
    writer.user = editor
    writer.save()
    client.force_login(editor)
    edit_view = client.get(reverse("wagtailadmin_pages:edit", args=[live_story.pk]))
    assert b"data-live-box" in edit_view.content and b"as Asha Menon" in edit_view.content
    assert reverse("live:desk", args=[live_story.pk]).encode() in edit_view.content
    response = _post(
        client, live_story, headline="Talks begin", text=f"Line one\nline two.\n\n{HOSTILE}"
    )
    assert response.status_code == 200
    assert response.json()["message"] == "Update 1 is live, signed Asha Menon."
    update = LiveUpdate.objects.get()
    assert update.author == writer and update.created_by == editor
    assert update.headline == "Talks begin" and not update.key_event
    paragraphs = [str(block.value) for block in update.body]
    assert paragraphs[0] == "<p>Line one<br/>line two.</p>"
    assert "<script" not in paragraphs[1] and "&lt;script&gt;" in paragraphs[1]
    assert live_story.title in client.get(live_story.url).content.decode()
    assert b"Talks begin" in client.get(live_story.url).content


def test_without_an_author_profile_or_text_nothing_is_posted(client, live_story, editor):
    client.force_login(editor)
    edit_view = client.get(reverse("wagtailadmin_pages:edit", args=[live_story.pk]))
    assert b"Your login has no author profile" in edit_view.content
    response = _post(client, live_story, text="Something happened.")
    assert response.status_code == 400 and "no author profile" in response.json()["error"]
    assert not LiveUpdate.objects.exists()


def test_empty_text_is_refused(client, live_story, editor, writer):
    writer.user = editor
    writer.save()
    client.force_login(editor)
    response = _post(client, live_story, text="  \n\n ")
    assert response.status_code == 400
    assert response.json()["error"] == "Write the update before posting it."
    assert not LiveUpdate.objects.exists()


def test_a_user_who_may_not_post_updates_posts_nothing(client, article, make_user, writer):
    reader = make_user("someone", None, "access_admin")
    client.force_login(reader)
    response = _post(client, article, text="Hello.")
    assert response.status_code in (302, 403)
    assert not LiveUpdate.objects.exists()


def test_a_story_not_under_live_coverage_gets_a_link_to_start_it(client, article, editor, writer):
    writer.user = editor
    writer.save()
    client.force_login(editor)
    edit_view = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert b"This story has no live coverage." in edit_view.content
    assert b"live-box-text" not in edit_view.content
    response = _post(client, article, text="Too early.")
    assert response.status_code == 400 and "Nothing was posted" in response.json()["error"]
    assert not LiveUpdate.objects.exists()
