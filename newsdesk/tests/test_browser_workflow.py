"""A reporter drafts and submits a story; an editor approves it; readers see it."""

import re

import pytest
from playwright.sync_api import expect

from newsdesk.articles.models import ArticlePage, SectionPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HEADLINE = "Harbour ferry returns after a winter of repairs"


def test_reporter_submits_editor_approves_and_story_reaches_the_front_page(
    newsroom, new_page, log_in
):
    base, logins = newsroom
    world = SectionPage.objects.get(slug="world")

    reporter = new_page()
    log_in(reporter, "reporter")
    reporter.goto(f"{base}/admin/pages/add/articles/articlepage/{world.pk}/")
    reporter.fill("#id_title", HEADLINE)
    reporter.fill("#id_standfirst", "Crossings resume on Monday with a new timetable.")
    modal = reporter.locator(".modal-dialog")
    reporter.get_by_role("button", name="Add author").click()
    modal.get_by_role("row", name="Meera Raghavan").get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirm selection").click()
    modal.wait_for(state="hidden")
    # A story needs a body: a new story opens with a paragraph to type in.
    body = reporter.locator("#panel-child-content-body-section")
    body.locator("[contenteditable=true]").first.click()
    reporter.keyboard.type("The harbour ferry sails again from Monday 1 December 2025.")
    # Draftail writes the text to the form field a moment after the last key press.
    expect(reporter.locator('input[name="body-0-value"]')).to_have_value(re.compile("sails"))
    reporter.get_by_role("button", name="Choose an image").click()
    modal.locator("a[data-chooser-modal-choice]").first.click()
    modal.wait_for(state="hidden")
    # Reporters may not publish: their menu offers review instead.
    reporter.get_by_role("button", name="More actions").click()
    assert reporter.get_by_role("button", name="Publish", exact=True).count() == 0
    reporter.get_by_role("button", name="Submit to Editors approval").click()
    messages = reporter.locator(".messages")
    messages.wait_for()
    # Named in the failure: a refusal's reasons, not only a missing message.
    assert "submitted for moderation" in messages.inner_text(), reporter.evaluate(
        "[...document.querySelectorAll('.error-message, .help-critical')]"
        ".map(e => e.textContent.trim()).filter(Boolean)"
    )
    story = ArticlePage.objects.get(title=HEADLINE)
    assert not story.live
    reporter.goto(f"{base}/")
    assert HEADLINE not in reporter.content()

    editor = new_page()
    log_in(editor, "editor")
    # The desk lists it under "Waiting for my review"; its review page has the checks'
    # summary, the story itself, and the decision.
    row = editor.locator("#desk-review-section, #desk-review").get_by_role("row", name=HEADLINE)
    row.get_by_role("link", name="Review").click()
    editor.get_by_role("heading", name="Desk checks").wait_for()
    assert "No errors: the publish gate lets it through." in editor.content()
    assert "first submission" in editor.content()
    editor.fill("#review-comment", "Clear and sourced.")
    editor.get_by_role("button", name="Approve and publish").click()
    editor.locator(".messages").get_by_text(f"“{HEADLINE}” is approved and published.").wait_for()

    reporter.goto(f"{base}/")
    lead = reporter.locator(".lead-story")
    assert lead.get_by_role("link", name=HEADLINE).is_visible()
    story.refresh_from_db()
    assert story.live
    assert story.authors[0].name == "Meera Raghavan"


def test_a_button_pressed_during_the_first_autosave_waits_for_it(newsroom, new_page, log_in):
    """
    A new page's first autosave creates it. Submitting while that save is on its way once
    posted to the create view a second time and was refused ("the slug is already in use").
    The server's answer to the autosave is held back here until the button has been pressed.
    """
    base, logins = newsroom
    world = SectionPage.objects.get(slug="world")
    headline = "Night buses return to the harbour route"
    held = []

    def hold_the_create(route):
        if held or route.request.headers.get("accept") != "application/json":
            route.fallback()  # pages and the submission itself go straight through
            return
        response = route.fetch()
        if response.json().get("url"):
            held.append((route, response))  # the page now exists; the browser waits
        else:
            route.fulfill(response=response)

    reporter = new_page()
    log_in(reporter, "reporter")
    reporter.route(re.compile(r".*/admin/pages/add/articles/articlepage/\d+/$"), hold_the_create)
    reporter.goto(f"{base}/admin/pages/add/articles/articlepage/{world.pk}/")
    reporter.fill("#id_standfirst", "Three routes run again from Friday night.")
    body = reporter.locator("#panel-child-content-body-section")
    body.locator("[contenteditable=true]").first.click()
    reporter.keyboard.type("Night buses run again on three routes from Friday 5 December 2025.")
    expect(reporter.locator('input[name="body-0-value"]')).to_have_value(re.compile("Night"))
    reporter.get_by_role("button", name="Choose an image").click()
    modal = reporter.locator(".modal-dialog")
    modal.locator("a[data-chooser-modal-choice]").first.click()
    modal.wait_for(state="hidden")
    reporter.get_by_role("button", name="Add author").click()
    modal.get_by_role("row", name="Meera Raghavan").get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirm selection").click()
    modal.wait_for(state="hidden")
    # The headline last: the autosave it sets off is the one that creates the page.
    reporter.fill("#id_title", headline)
    for _ in range(100):
        if held:
            break
        reporter.wait_for_timeout(100)
    assert held, "no autosave created the page"

    reporter.get_by_role("button", name="More actions").click()
    reporter.get_by_role("button", name="Submit to Editors approval").click()
    reporter.wait_for_timeout(500)  # time enough for a submission that did not wait
    route, response = held.pop()
    route.fulfill(response=response)

    messages = reporter.locator(".messages")
    messages.wait_for()
    assert "submitted for moderation" in messages.inner_text(), reporter.evaluate(
        "[...document.querySelectorAll('.error-message, .help-critical')]"
        ".map(e => e.textContent.trim()).filter(Boolean)"
    )
    reporter.wait_for_load_state("networkidle")
    reporter.goto("about:blank")
    story = ArticlePage.objects.get(title=headline)  # one page, not a second one refused
    assert story.current_workflow_state.status == "in_progress"
