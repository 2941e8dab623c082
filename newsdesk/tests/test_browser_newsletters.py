"""
A reader signs up for the Daily briefing on the flagship story, with JavaScript off and
on, and confirms with the button; the list e-mail as it arrives, rendered by Chromium
at a phone's and a desktop mail client's width.
"""

import re

import pytest
from django.core import mail

from newsdesk.articles.models import ArticlePage
from newsdesk.demo import content
from newsdesk.newsletters import compose
from newsdesk.newsletters.models import Newsletter, Send, Subscription, SubscriptionStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def reader_newsroom(newsroom, settings):
    # A person takes seconds to type an address; a test does not.
    settings.NEWSDESK_COMMENTS_MIN_SECONDS = 0
    settings.WAGTAILADMIN_BASE_URL = newsroom[0]
    return newsroom[0]


def test_a_reader_signs_up_on_the_flagship_and_confirms_with_the_button(browser, reader_newsroom):
    flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)
    for javascript in (False, True):
        address = f"reader.{'js' if javascript else 'nojs'}@example.org"
        context = browser.new_context(java_script_enabled=javascript)
        try:
            _sign_up_and_confirm(context.new_page(), reader_newsroom + flagship.url, address)
        finally:
            context.close()
        subscription = Subscription.objects.get(subscriber__email=address)
        assert subscription.status == SubscriptionStatus.ACTIVE
        assert subscription.source == flagship.url


def _sign_up_and_confirm(page, story, address):
    page.goto(story)
    form = page.locator(".newsletter-signup").first
    assert "Daily briefing" in form.inner_text()
    form.get_by_label("E-mail address").fill(address)
    form.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()

    (message,) = [m for m in mail.outbox if m.to == [address]]
    link = re.search(r"https?://\S+/newsletters/confirm/\S+/", message.body).group(0)
    page.goto(link)
    subscription = Subscription.objects.get(subscriber__email=address)
    assert subscription.status == SubscriptionStatus.PENDING, "opening the link is not yes"
    page.get_by_role("button", name="Yes, send me Daily briefing").click()
    page.get_by_role("heading", name="You are subscribed").wait_for()


def test_the_list_email_fits_a_narrow_and_a_wide_mail_client_and_shows_credits(
    browser, reader_newsroom
):
    newsletter = Newsletter.objects.get(slug=content.NEWSLETTER["slug"])
    subject, body_html, body_text = compose.sample_body(newsletter)
    send = Send.objects.create(
        newsletter=newsletter, subject=subject, body_html=body_html, body_text=body_text
    )
    send.html, send.text = compose.frame(send)
    html, _text, _unsubscribe = compose.personal(send, newsletter.subscriptions.first())
    for width in (320, 600):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            shown = _render(context.new_page(), html)
        finally:
            context.close()
        assert shown["overflow"] <= 0, f"{shown['overflow']}px of horizontal scroll at {width}"
        assert shown["credit_visible"] and "CC BY 4.0" in shown["credit"]
        assert shown["pictures"]
        assert all(loaded and drawn <= width for loaded, drawn in shown["pictures"])


def _render(page, html):
    page.set_content(html, wait_until="load")
    credit = page.locator(".credit").first
    return {
        "overflow": page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        ),
        "credit": credit.inner_text(),
        "credit_visible": credit.is_visible(),
        "pictures": page.locator("img").evaluate_all(
            "imgs => imgs.map(img => [img.complete && img.naturalWidth > 0, img.width])"
        ),
    }


def test_an_editor_publishes_and_e_mails_a_story_then_shapes_the_next_digest(
    page, reader_newsroom, log_in
):
    from newsdesk.articles.factories import ArticlePageFactory
    from newsdesk.articles.models import SectionPage
    from newsdesk.people.models import Author

    base = reader_newsroom
    newsletter = Newsletter.objects.get(slug=content.NEWSLETTER["slug"])
    readers = sorted(s.subscriber.email for s in newsletter.subscriptions.filter(status="active"))
    world = SectionPage.objects.get(slug="world")
    author = Author.objects.first()
    first, second, third = (
        ArticlePageFactory(parent=world, title=title, authors=[author])
        for title in (
            "Ferry timetable changes from Monday",
            "Library extends its opening hours",
            "Bridge repairs finish early",
        )
    )
    for story in (first, second, third):
        story.save_revision().publish()
    draft = ArticlePageFactory(
        parent=world, title="Harbour festival draws record crowds", authors=[author], live=False
    )
    draft.save_revision()
    log_in(page, "editor")

    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish, then e-mail to Daily briefing").click()
    page.get_by_text(f"to the {len(readers)} active subscribers of").wait_for()
    preview = page.frame_locator("iframe[title='The e-mail as readers see it']")
    preview.get_by_role("link", name=draft.title).first.wait_for()
    mail.outbox.clear()
    page.get_by_role("button", name=f"Send to {len(readers)} subscribers of Daily briefing").click()
    page.get_by_text("Sending “Harbour festival draws record crowds”").wait_for()
    assert sorted(m.to[0] for m in mail.outbox) == readers
    assert all(draft.title in m.alternatives[0][0] for m in mail.outbox)

    page.goto(f"{base}/admin/newsletters/sends/digest/{newsletter.pk}/")
    row = page.locator("tr", has_text=first.title)
    row.get_by_role("button", name="To the top").click()
    page.locator("tr", has_text=second.title).get_by_role("button", name="Take out").click()
    page.get_by_role("heading", name="Taken out").wait_for()
    mail.outbox.clear()
    page.get_by_role("button", name="Send this digest now").click()
    page.get_by_text("The digest was sent").wait_for()

    (message, *_rest) = [m for m in mail.outbox if m.to == [readers[0]]]
    html = message.alternatives[0][0]
    assert second.title not in html
    assert html.index(first.title) < html.index(third.title)
