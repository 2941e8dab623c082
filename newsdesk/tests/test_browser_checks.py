"""An editor meets a desk check in the editor: an uncredited picture, fixed, then published."""

import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.images.models import NewsImage
from newsdesk.topics.models import Topic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_editor_sees_the_error_on_the_block_fixes_it_and_publishes(newsroom, page, log_in):
    base, logins = newsroom
    uncredited = NewsImage.objects.first()
    uncredited.pk = None
    uncredited.title, uncredited.creator, uncredited.credit_line = "Harbour crane", "", ""
    uncredited.save()
    story = ArticlePage.objects.filter(live=True).first()
    draft = story.get_latest_revision_as_object()
    draft.body = [
        *[{"type": b.block_type, "value": b.block.get_prep_value(b.value)} for b in draft.body],
        {"type": "image", "value": {"image": uncredited.pk, "caption": "The crane at dawn."}},
        {"type": "paragraph", "value": "<p>The Harbour Trust approved the new crane.</p>"},
    ]
    draft.save_revision()
    trust = Topic.objects.create(name="Harbour Trust", slug="harbour-trust")
    log_in(page, "editor")

    page.goto(f"{base}/admin/pages/{story.pk}/edit/")
    panel = page.locator("[data-desk-checks]")
    assert "The image in the body “Harbour crane” lacks the creator's name" in panel.inner_text()
    # Warnings are folded to their count; opened, they stay open as the panel refreshes.
    page.locator("[data-desk-checks] details.desk-checks__warnings summary").click()
    # The panel follows what the editor types, before any save.
    page.fill("#id_standfirst", "Cranes return to the harbour TK.")
    page.locator("[data-desk-checks]").get_by_text("looks like a placeholder").wait_for()
    page.fill("#id_standfirst", story.standfirst)
    page.locator("[data-desk-checks]").get_by_text("looks like a placeholder").wait_for(
        state="detached"
    )

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    error = page.get_by_text("“Harbour crane” lacks the creator's name").last
    error.wait_for()
    # The error stands in the image block that holds the picture.
    assert error.is_visible()
    in_block = error.evaluate(
        """el => !!el.closest('.w-field--admin_image_chooser') && [
            ...el.closest('section.w-panel').querySelectorAll('input')
        ].some(input => input.value === 'The crane at dawn.')"""
    )
    assert in_block

    editor_tab = page.context.new_page()
    editor_tab.goto(f"{base}/admin/images/{uncredited.pk}/")
    editor_tab.fill("#id_creator", "Port authority photographer")
    editor_tab.get_by_role("button", name="Save").click()
    editor_tab.locator(".messages").wait_for()
    editor_tab.close()

    page.goto(f"{base}/admin/pages/{story.pk}/edit/")
    assert "Harbour crane" not in page.locator("[data-desk-checks]").inner_text()
    # A name the site has a topic page for: one click adds the topic.
    page.locator("[data-desk-checks] details.desk-checks__warnings summary").click()
    page.get_by_role("button", name="Add the topic “Harbour Trust”").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.locator(".messages").get_by_text("has been published").wait_for()
    page.goto(base + story.url)
    assert "Port authority photographer" in page.locator(".article__body").inner_text()
    published = ArticlePage.objects.get(pk=story.pk)
    assert not published.has_unpublished_changes
    assert trust in published.topics.all()
