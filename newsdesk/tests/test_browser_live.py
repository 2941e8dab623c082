"""A reader follows the flagship live story while an editor posts an update."""

import re

import pytest
from playwright.sync_api import expect

from newsdesk.articles.models import ArticlePage
from newsdesk.demo import content
from newsdesk.live.models import LiveUpdate
from newsdesk.people.models import Author
from newsdesk.users.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_reader_sees_a_new_update_without_reloading(newsroom, new_page, log_in):
    base, _logins = newsroom
    story = ArticlePage.objects.get(slug=content.FLAGSHIP)
    # The demo's editor writes as Tomás Ferreira: the live desk's form signs with him.
    assert Author.objects.get(user=User.objects.get(username="editor")).name == "Tomás Ferreira"
    before = LiveUpdate.objects.filter(article=story).count()

    reader = new_page()
    reader.goto(base + story.url)
    updates = reader.locator(".live__updates > li")
    assert updates.count() == before
    reader.evaluate("window.stillTheSamePage = true")

    editor = new_page()
    log_in(editor, "editor")
    editor.goto(f"{base}/admin/live/{story.pk}/")
    editor.get_by_role("link", name="New update").click()
    editor.fill("#id_headline", "Leaders meet at Hyderabad House")
    paragraph = editor.locator(".Draftail-Editor [contenteditable='true']").first
    paragraph.click()
    paragraph.press_sequentially("The two leaders shook hands before the cameras and went inside.")
    # Draftail writes the text to the form field a moment after the last key press.
    expect(editor.locator('input[name="body-0-value"]')).to_have_value(re.compile("shook hands"))
    editor.get_by_role("button", name="Post update").click()
    editor.locator(".messages").get_by_text("is live on").wait_for()

    notice = reader.get_by_role("button", name="1 new update")
    notice.wait_for()
    assert updates.count() == before
    notice.click()
    newest = updates.first
    assert "Leaders meet at Hyderabad House" in newest.inner_text()
    assert "shook hands" in newest.inner_text()
    assert updates.count() == before + 1
    assert reader.evaluate("window.stillTheSamePage") is True
    assert reader.get_by_role("button", name="1 new update").count() == 0
