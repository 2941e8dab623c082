"""
The newsroom's desk as people use it: a reporter starts a story from the desk, pastes a
saved web page into it and sees the checks follow before saving; an editor finds it by a
word of its body, posts a live update from a story's edit view without choosing an
author, and sees a picture's embedded credit before saving the upload.
"""

import re
from pathlib import Path

import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.images.models import NewsImage
from newsdesk.images.tests import pictures
from newsdesk.live.models import Coverage, LiveUpdate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SAVED_PAGE = Path(__file__).parents[1] / "importers" / "tests" / "pages" / "coast-daily-ferry.html"
HEADLINE = "Ferry service to the islands resumes after storm"

# A new story's draft: Wagtail's autosave may have created it before "Save draft".
SAVED = re.compile(r"created|has been updated")


def _paste_html(page, markup):
    """Put ``markup`` on the clipboard as a browser copying a web page does, and paste it."""
    page.evaluate(
        """async (markup) => {
            await navigator.clipboard.write([new ClipboardItem({
                'text/html': new Blob([markup], {type: 'text/html'}),
                'text/plain': new Blob([markup.replace(/<[^>]+>/g, '')], {type: 'text/plain'}),
            })]);
        }""",
        markup,
    )
    page.keyboard.press("Control+V")


def test_reporter_starts_a_story_from_the_desk_and_pastes_a_web_page(newsroom, new_page, log_in):
    base, _logins = newsroom
    reporter = new_page()
    reporter.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    log_in(reporter, "reporter")

    reporter.get_by_role("link", name="New story in World").click()
    checks = reporter.locator("[data-desk-checks]")
    assert "The story has no headline." in checks.inner_text()
    body = reporter.locator("#body-root")
    body.locator("[contenteditable=true]").first.click()
    _paste_html(reporter, SAVED_PAGE.read_text())
    note = reporter.locator("[data-paste-note]")
    note.get_by_text("blocks made from the paste").wait_for()
    assert "an advertisement" in note.inner_text() and "a menu" in note.inner_text()
    text = body.inner_text()
    assert "What changed" in text and "Crews checked the landing ramps" in text
    assert "Two sailings a day until Sunday" in text and "We were lucky the pier held." in text
    for boilerplate in ("ADVERTISEMENT", "Share on", "All rights reserved", "Sport"):
        assert boilerplate not in text, boilerplate
    assert "Picture to add" in text  # the picture asks for its rights
    # The page's headline fills the empty headline; the checks follow before any save.
    assert reporter.input_value("#id_title") == HEADLINE
    checks.get_by_text("The story has no headline.").wait_for(state="detached")
    assert "The story has no body text." not in checks.inner_text()

    reporter.fill("#id_standfirst", "Crossings to the outer islands resume after the storm.")
    # Topics: a filter over the list, not a ctrl-click list box.
    topics = reporter.locator("[data-filtered-choices]")
    topics.locator("input[data-filtered-choices-filter]").fill("transp")
    assert not topics.get_by_label("Energy").is_visible()
    topics.get_by_label("Transport").check()
    reporter.get_by_role("button", name="Save draft").click()
    # "created", or "updated" when an autosave made the story before the button was pressed
    reporter.locator(".messages").get_by_text(SAVED).wait_for()
    story = ArticlePage.objects.get(title=HEADLINE)
    draft = story.get_latest_revision_as_object()
    assert [topic.name for topic in draft.topics.all()] == ["Transport"]
    types = [block.block_type for block in story.body]
    assert types[:3] == ["paragraph", "heading", "paragraph"] and "quote" in types

    # An editor finds the draft by a word from its body.
    editor = new_page()
    log_in(editor, "editor")
    editor.goto(f"{base}/admin/pages/search/?q=ramps")
    editor.get_by_role("link", name=HEADLINE).first.wait_for()


def test_editor_posts_a_live_update_from_the_story_without_choosing_an_author(
    newsroom, page, log_in
):
    base, _logins = newsroom
    story = Coverage.objects.get(ended_at__isnull=True).article
    before = LiveUpdate.objects.filter(article=story).count()
    log_in(page, "editor")
    page.goto(f"{base}/admin/pages/{story.pk}/edit/")
    box = page.locator("[data-live-box]")
    assert "Open the live desk" in box.inner_text()
    page.fill("#live-box-headline", "Leaders meet at noon")
    page.fill("#live-box-text", "The two leaders met at noon.\n\nA statement is expected later.")
    page.get_by_role("button", name="Post update").click()
    box.get_by_text("is live, signed Tomás Ferreira.").wait_for()
    assert page.input_value("#live-box-text") == ""
    update = LiveUpdate.objects.filter(article=story).order_by("-sequence").first()
    assert LiveUpdate.objects.filter(article=story).count() == before + 1
    assert update.headline == "Leaders meet at noon" and update.author.name == "Tomás Ferreira"
    page.goto(base + story.url)
    assert "Leaders meet at noon" in page.locator("#live-updates").inner_text()


def test_an_upload_shows_the_credit_read_from_the_file_before_saving(
    newsroom, page, log_in, tmp_path
):
    base, _logins = newsroom
    picture = tmp_path / "flood.jpg"
    picture.write_bytes(pictures.with_iptc(byline="Priya Nair", credit="Example Wire"))
    images = NewsImage.objects.count()
    log_in(page, "editor")
    page.goto(f"{base}/admin/images/add/")
    page.set_input_files("input[type=file][name=file]", str(picture))
    read = page.locator("[data-file-rights]")
    read.get_by_text("Priya Nair").wait_for()
    assert "Example Wire" in read.inner_text()
    assert page.input_value("#id_creator") == "Priya Nair"
    assert NewsImage.objects.count() == images  # nothing saved yet


def test_editor_schedules_a_story_in_the_newsrooms_time_zone(newsroom, page, log_in):
    from datetime import UTC, datetime

    base, _logins = newsroom
    story = ArticlePage.objects.live().exclude(live_coverage__isnull=False).first()
    log_in(page, "editor")
    page.goto(f"{base}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    schedule = page.get_by_role("button", name="Schedule…")
    assert "times in Asia/Kolkata" in schedule.inner_text()  # the demo newsroom's zone
    schedule.click()
    dialog = page.locator("#schedule-publishing-dialog")
    assert "In Asia/Kolkata time." in dialog.inner_text()
    page.locator("#id_go_live_at").fill("2030-01-10 09:30")
    # The picker opens beside the field: "Save schedule" stays in reach.
    save = dialog.get_by_role("button", name="Save schedule")
    save.click()
    dialog.wait_for(state="hidden")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Schedule to publish").click()
    page.locator(".messages").get_by_text("scheduled").wait_for()
    revision = ArticlePage.objects.get(pk=story.pk).scheduled_revision
    assert revision.approved_go_live_at == datetime(2030, 1, 10, 4, 0, tzinfo=UTC)


def test_editor_makes_a_new_name_a_topic_from_the_checks(newsroom, page, log_in):
    base, _logins = newsroom
    log_in(page, "editor")
    page.get_by_role("link", name="New story in World").click()
    page.fill("#id_title", "Harbour master says the pier is safe")
    page.locator("#body-root [contenteditable=true]").first.click()
    page.keyboard.type("Amara Okonjo-Baptiste, the harbour master, said the pier was safe.")
    checks = page.locator("[data-desk-checks]")
    offer = checks.get_by_role("button", name="Create the topic “Amara Okonjo-Baptiste”")
    checks.get_by_text("1 name with no topic yet").click()
    offer.click()
    # The new topic is ticked in the Topics field, and the offer goes with the refresh.
    page.get_by_label("Amara Okonjo-Baptiste", exact=True).wait_for()
    assert page.get_by_label("Amara Okonjo-Baptiste", exact=True).is_checked()
    offer.wait_for(state="detached")
    page.get_by_role("button", name="Save draft").click()
    page.locator(".messages").get_by_text(SAVED).wait_for()
    story = ArticlePage.objects.get(title="Harbour master says the pier is safe")
    names = [t.name for t in story.get_latest_revision_as_object().topics.all()]
    assert names == ["Amara Okonjo-Baptiste"]
    # Leave the editor quietly: a request still in flight when the test's database is
    # emptied would hold it locked.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
