import pytest
from django.core import mail
from django.core.cache import cache

from newsdesk.comments import moderation
from newsdesk.comments.models import (
    Comment,
    CommentSettings,
    CommentState,
    Policy,
    StoryCommentPolicy,
)

pytestmark = pytest.mark.django_db


def test_a_comment_waits_for_moderation_by_default(client, article, comment_on):
    response = comment_on(article)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.state == CommentState.PENDING
    assert (comment.name, comment.email) == ("Priya Nair", "priya@example.org")
    assert comment.ip_address == "198.51.100.7"
    page = client.get(response["Location"])
    assert b"awaiting moderation" in page.content
    assert b"The agenda leaves out climate finance." in page.content
    assert b"The agenda leaves out" not in client.get(article.url).content


def test_on_an_open_story_a_comment_appears_at_once(client, article, comment_on):
    StoryCommentPolicy.objects.create(article=article, policy=Policy.OPEN)
    comment_on(article)
    assert Comment.objects.get().state == CommentState.APPROVED
    assert b"The agenda leaves out climate finance." in client.get(article.url).content


def test_a_closed_story_takes_no_comments(client, article, comment_on):
    StoryCommentPolicy.objects.create(article=article, policy=Policy.CLOSED)
    response = comment_on(article)
    assert response.status_code == 403
    assert b"Comments on this story are closed." in response.content
    assert not Comment.objects.exists()
    assert b"Comments on this story are closed." in client.get(article.url).content


def test_comments_close_by_themselves_after_the_set_days(client, article, comment_on, home):
    from datetime import timedelta

    from django.utils import timezone

    settings_ = CommentSettings.for_site(home.get_site())
    settings_.close_after_days = 3
    settings_.save()
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=4)
    )
    assert comment_on(article).status_code == 403
    settings_.close_after_days = 0
    settings_.save()
    assert comment_on(article).status_code == 302


def test_the_site_default_policy_applies_where_a_story_sets_none(article, comment_on, home):
    settings_ = CommentSettings.for_site(home.get_site())
    settings_.default_policy = Policy.OPEN
    settings_.save()
    comment_on(article)
    assert Comment.objects.get().state == CommentState.APPROVED


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"body": ""}, "Your comment is empty."),
        ({"body": "   \n\t  "}, "Your comment is empty."),
        ({"body": "x" * 5001}, "Keep your comment under 5,000 characters."),
        ({"body": "Hello\x07there"}, "control characters"),
        ({"body": "Look \u202eevil\u202c text"}, "change the direction of text"),
        ({"name": "Eve\u202e"}, "change the direction of text"),
        ({"name": " "}, "Give the name to show"),
        ({"email": "not-an-address"}, "valid email"),
        ({"started": "forged"}, "This form has expired"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(article, comment_on, fields, message):
    response = comment_on(article, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_a_forged_story_id_is_not_found(client, form_data, section):
    from newsdesk.articles.factories import ArticlePageFactory

    draft = ArticlePageFactory(parent=section, live=False)
    for story_id in (999999, draft.pk):
        assert client.post(f"/comments/{story_id}/", form_data()).status_code == 404
        assert client.get(f"/comments/{story_id}/").status_code == 404
    assert not Comment.objects.exists()


def test_the_form_refuses_a_post_without_its_csrf_token(article, form_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/comments/{article.pk}/", form_data())
    assert response.status_code == 403
    assert b"Please try again" in response.content
    assert not Comment.objects.exists()


def test_replies_are_one_level_deep(client, article, comment_on):
    StoryCommentPolicy.objects.create(article=article, policy=Policy.OPEN)
    comment_on(article, name="Asha", body="First.")
    first = Comment.objects.get(name="Asha")
    comment_on(article, name="Ben", body="Second.", reply_to=str(first.pk))
    second = Comment.objects.get(name="Ben")
    comment_on(article, name="Cleo", body="Third.", reply_to=str(second.pk))
    third = Comment.objects.get(name="Cleo")
    assert (second.thread, third.thread) == (first, first)
    assert (second.in_reply_to_name, third.in_reply_to_name) == ("", "Ben")
    page = client.get(article.url).content.decode()
    assert "in reply to Ben" in page
    assert page.index("First.") < page.index("Second.") < page.index("Third.")


def test_a_thread_deeper_than_one_level_is_flattened_however_it_is_stored(article):
    # As an importer stores a thread four deep: each comment names only its parent.
    names = ["Asha", "Ben", "Cleo", "Dev"]
    parent = None
    for name in names:
        parent = Comment.objects.create(
            article=article,
            reply_to=parent,
            name=name,
            email=f"{name.lower()}@example.org",
            body=f"{name} speaking.",
            state=CommentState.APPROVED,
        )
    first, *replies = Comment.objects.order_by("pk")
    assert first.thread is None
    assert [reply.thread for reply in replies] == [first] * 3
    assert [reply.in_reply_to_name for reply in replies] == ["", "Ben", "Cleo"]


def test_a_reply_to_a_comment_on_another_story_is_refused(article, comment_on, section, publish):
    from newsdesk.articles.factories import ArticlePageFactory

    other = publish(ArticlePageFactory(parent=section))
    StoryCommentPolicy.objects.create(article=other, policy=Policy.OPEN)
    comment_on(other)
    elsewhere = Comment.objects.get()
    response = comment_on(article, body="Sneaky.", reply_to=str(elsewhere.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_moderators_are_told_when_comments_wait(
    article, comment_on, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article)
        comment_on(article, body="A second thought.", email="other@example.org")
    assert len(mail.outbox) == 1  # at most one notice a quarter of an hour
    assert mail.outbox[0].to == ["mod@example.org"]
    assert "waiting for moderation" in mail.outbox[0].subject
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article, body="A third.", email="third@example.org")
    assert len(mail.outbox) == 2


def test_export_and_counts(article, comment_on, moderator):
    comment_on(article)
    Comment.objects.update(state=CommentState.APPROVED)
    assert moderation.counts([article.pk]) == {article.pk: 1}


def test_a_form_is_taken_once(client, article, comment_on, form_data):
    data = form_data()
    first = client.post(f"/comments/{article.pk}/", data, REMOTE_ADDR="198.51.100.7")
    again = client.post(
        f"/comments/{article.pk}/",
        {**data, "body": "A second comment."},
        REMOTE_ADDR="198.51.100.7",
    )

    assert first.status_code == 302
    assert again.status_code == 409
    assert "This form has already been sent" in again.content.decode()
    assert Comment.objects.count() == 1


def test_a_lone_carriage_return_is_a_line_break(article, comment_on):
    comment_on(article, body="First line.\rSecond line.")

    assert Comment.objects.get().body == "First line.\nSecond line."
