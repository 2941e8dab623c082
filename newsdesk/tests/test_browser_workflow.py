"""A reporter drafts and submits a story; an editor approves it; readers see it."""

import json
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage, SectionPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HEADLINE = "Harbour ferry returns after a winter of repairs"


@pytest.fixture
def newsroom(live_server, migrated_data, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    address = urlsplit(live_server.url)
    call_command("load_demo", "--host", address.hostname, "--port", str(address.port), "--no-warm")
    return live_server.url, json.loads((tmp_path / "demo-logins.json").read_text())


def _log_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_reporter_submits_editor_approves_and_story_reaches_the_front_page(newsroom, new_page):
    base, logins = newsroom
    world = SectionPage.objects.get(slug="world")

    reporter = new_page()
    _log_in(reporter, base, "reporter", logins["reporter"])
    reporter.goto(f"{base}/admin/pages/add/articles/articlepage/{world.pk}/")
    reporter.fill("#id_title", HEADLINE)
    reporter.fill("#id_standfirst", "Crossings resume on Monday with a new timetable.")
    modal = reporter.locator(".modal-dialog")
    reporter.get_by_role("button", name="Add author").click()
    modal.get_by_role("row", name="Meera Raghavan").get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirm selection").click()
    modal.wait_for(state="hidden")
    reporter.get_by_role("button", name="Choose an image").click()
    modal.locator("a[data-chooser-modal-choice]").first.click()
    modal.wait_for(state="hidden")
    # Reporters may not publish: their menu offers review instead.
    reporter.get_by_role("button", name="More actions").click()
    assert reporter.get_by_role("button", name="Publish").count() == 0
    reporter.get_by_role("button", name="Submit to Editors approval").click()
    reporter.locator(".messages").get_by_text("submitted for moderation").wait_for()
    story = ArticlePage.objects.get(title=HEADLINE)
    assert not story.live
    reporter.goto(f"{base}/")
    assert HEADLINE not in reporter.content()

    editor = new_page()
    _log_in(editor, base, "editor", logins["editor"])
    editor.get_by_role("link", name=HEADLINE).click()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish").click()
    editor.locator(".messages").get_by_text(f"Page '{HEADLINE}' has been updated").wait_for()

    reporter.goto(f"{base}/")
    lead = reporter.locator(".lead-story")
    assert lead.get_by_role("link", name=HEADLINE).is_visible()
    story.refresh_from_db()
    assert story.live
    assert story.authors[0].name == "Meera Raghavan"
