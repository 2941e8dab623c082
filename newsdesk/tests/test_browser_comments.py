"""A reader comments on the flagship story; an editor approves it; another reader sees it."""

import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment, CommentState
from newsdesk.demo import content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BODY = "Will the talks cover the rupee-rouble payment problems?"


def test_a_comment_is_posted_approved_and_seen(newsroom, new_page, log_in, settings):
    base, _logins = newsroom
    # A test fills the form faster than any person, which the timing check would flag.
    settings.NEWSDESK_COMMENTS_MIN_SECONDS = 0
    story = ArticlePage.objects.get(slug=content.FLAGSHIP)

    reader = new_page()
    reader.goto(base + story.url)
    # No count is advertised before there are comments ("0 comments" tells nothing).
    assert reader.locator(".comment-count").count() == 0
    assert reader.locator("#comments-heading").inner_text() == "Comments"
    reader.get_by_role("link", name="Write a comment").click()
    # The form appears in place (the story page itself carries none).
    reader.get_by_label("Name", exact=True).fill("Kavya Rao")
    reader.get_by_label("Email", exact=True).fill("kavya@example.org")
    reader.get_by_label("Comment", exact=True).fill(BODY)
    assert reader.url == base + story.url
    reader.get_by_role("button", name="Post comment").click()
    reader.get_by_text("awaiting moderation").wait_for()
    assert BODY in reader.content()
    assert Comment.objects.get(body=BODY).state == CommentState.PENDING

    editor = new_page()
    log_in(editor, "editor")
    editor.get_by_role("link", name="Comments (1 waiting)").click()
    row = editor.get_by_role("row").filter(has_text=BODY)
    row.get_by_role("button", name="Approve").click()
    editor.locator(".messages").get_by_text("1 comment approved.").wait_for()

    second = new_page()
    second.goto(base + story.url)
    assert second.locator(".comment-count").inner_text() == "1 comment"
    comment = second.locator(".comment").filter(has_text=BODY)
    assert comment.locator(".comment__name").inner_text() == "Kavya Rao"
