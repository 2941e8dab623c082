"""Signing up, confirming with a button, leaving in one click: nothing lost, nothing told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from newsdesk.newsletters.models import (
    Newsletter,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.newsletters.views import signup_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing(db):
    return Newsletter.objects.create(
        name="Daily briefing",
        slug="daily-briefing",
        cadence="Every weekday at 7",
        sender_name="The Gazette",
        sender_email="briefing@gazette.example",
    )


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Post the story page's form as a reader's browser would (the e-mail goes on commit)."""

    def sign_up(email="reader@example.org", **extra):
        data = {
            "newsletter": "daily-briefing",
            "email": email,
            "started": signup_token(timezone.now() - timedelta(minutes=1)),
            "website": "",
            "source": "/world/story/",
            **extra,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("newsletter_subscribe"), data, REMOTE_ADDR="198.51.100.9")

    return sign_up


def _link(message, name):
    prefix = "http://127.0.0.1:8000" if "127.0.0.1" in message.body else ""
    for word in message.body.split():
        if f"/newsletters/{name}/" in word:
            return word.removeprefix(prefix).split("8000", 1)[-1]
    raise AssertionError(f"no {name} link in {message.body}")


def test_signing_up_sends_a_confirmation_whose_link_alone_confirms_nothing(
    client, briefing, sign_up
):
    response = sign_up()

    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert len(mail.outbox) == 1
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    assert subscription.source == "/world/story/"
    assert subscription.ip_address == "198.51.100.9"
    assert "Daily briefing" in subscription.wording
    link = _link(mail.outbox[0], "confirm")

    page = client.get(link)
    assert page.status_code == 200 and "<button" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PENDING

    client.post(link)
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.confirmed_how == "double opt-in"
    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE


def test_signing_up_a_known_address_changes_nothing_and_says_nothing(client, briefing, sign_up):
    sign_up()
    client.post(_link(mail.outbox[0], "confirm"))
    first = Subscription.objects.get()
    mail.outbox.clear()

    again = sign_up(email="  Reader@Example.ORG ")

    assert again.status_code == 200
    assert "Check your inbox" in again.content.decode()
    assert mail.outbox == []
    assert Subscription.objects.get() == first and Subscriber.objects.count() == 1


@pytest.mark.parametrize(
    "fields, sentence",
    [
        ({"email": "not an address"}, "does not look like an e-mail address"),
        ({"email": "x@mailinator.com"}, "throwaway mailbox"),
        ({"website": "https://spam.example"}, "filled in by a program"),
        ({"started": "forged"}, "This form has expired"),
    ],
)
def test_bad_sign_ups_are_refused_with_a_sentence_and_store_nothing(
    briefing, sign_up, fields, sentence
):
    response = sign_up(**fields)

    assert response.status_code == 400
    assert sentence in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_one_click_unsubscribe_leaves_that_list_only_and_keeps_the_record(
    client, briefing, sign_up
):
    other = Newsletter.objects.create(name="Weekend reads", slug="weekend")
    sign_up()
    client.post(_link(mail.outbox[0], "confirm"))
    subscription = Subscription.objects.get()
    subscriber = subscription.subscriber
    kept = Subscription.objects.create(
        subscriber=subscriber, newsletter=other, status=SubscriptionStatus.ACTIVE
    )
    url = subscription.get_unsubscribe_url().split("8000", 1)[-1]

    shown = client.get(url)
    assert shown.status_code == 200 and "<button" in shown.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE

    # As a mail client sends it (RFC 8058): no session, no CSRF token.
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    subscription.refresh_from_db()
    kept.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    assert subscription.unsubscribed_how == "one-click"
    assert subscription.unsubscribed_at is not None
    assert kept.status == SubscriptionStatus.ACTIVE


@pytest.mark.parametrize(
    "name", ["newsletter_confirm", "newsletter_unsubscribe", "newsletter_preferences"]
)
def test_a_forged_link_gets_a_page_that_offers_a_new_one(client, briefing, name):
    response = client.get(reverse(name, args=["forged-token"]))

    assert response.status_code == 400
    text = response.content.decode()
    assert "This link is not valid" in text and 'name="email"' in text


def test_the_preferences_page_chooses_lists_and_leaves_all(client, briefing):
    from newsdesk.newsletters.tokens import preferences_token

    weekend = Newsletter.objects.create(name="Weekend reads", slug="weekend")
    subscriber = Subscriber.objects.create(email="reader@example.org")
    url = reverse("newsletter_preferences", args=[preferences_token(subscriber)])

    client.post(url, {"newsletter": ["weekend"]})
    assert subscriber.subscriptions.get(newsletter=weekend).status == SubscriptionStatus.ACTIVE
    client.post(url, {"leave_all": "1"})

    assert subscriber.subscriptions.get(newsletter=weekend).status == "unsubscribed"
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_the_story_page_carries_the_form_without_a_cookie_or_csrf_token(client, article, briefing):
    response = client.get(article.url)
    text = response.content.decode()

    assert 'action="/newsletters/subscribe/"' in text
    assert "csrfmiddlewaretoken" not in text
    assert not response.cookies


def test_a_pause_keeps_every_subscription_and_leaves_the_reader_out_of_sends_until_it_ends(
    client, briefing
):
    from newsdesk.newsletters.sending import active_subscriptions
    from newsdesk.newsletters.tokens import preferences_token

    subscriber = Subscriber.objects.create(email="reader@example.org", status="active")
    Subscription.objects.create(
        subscriber=subscriber, newsletter=briefing, status=SubscriptionStatus.ACTIVE
    )
    url = reverse("newsletter_preferences", args=[preferences_token(subscriber)])

    page = client.post(url, {"pause": "14"}).content.decode()

    subscriber.refresh_from_db()
    assert subscriber.paused_until == timezone.localdate() + timedelta(days=14)
    assert "paused until" in page
    assert not active_subscriptions(briefing).exists()
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE

    client.post(url, {"pause": "0"})
    subscriber.refresh_from_db()
    assert subscriber.paused_until is None
    assert active_subscriptions(briefing).count() == 1


def test_section_and_topic_pages_offer_their_own_list_and_the_footer_the_site_wide_one(
    client, section, briefing
):
    from newsdesk.topics.models import Topic

    topic = Topic.objects.create(name="Energy", slug="energy")
    world = Newsletter.objects.create(name="World desk", slug="world-desk", section=section)
    energy = Newsletter.objects.create(name="Energy notes", slug="energy-notes", topic=topic)
    Newsletter.objects.create(name="Internal", slug="internal", public=False, section=section)

    on_section = client.get(section.url).content.decode()
    on_topic = client.get(topic.get_absolute_url()).content.decode()

    assert f'value="{world.slug}"' in on_section
    assert f'value="{energy.slug}"' in on_topic and f'value="{world.slug}"' not in on_topic
    for page in (on_section, on_topic):
        # The footer offers the list that follows no section or topic.
        assert 'value="daily-briefing"' in page
        assert 'value="internal"' not in page
        assert "csrfmiddlewaretoken" not in page


def test_sign_ups_for_one_address_send_it_three_confirmations_a_day_at_most(briefing, sign_up):
    responses = [sign_up(email="target@example.org") for _ in range(5)]

    assert {r.status_code for r in responses} == {200}
    assert len(mail.outbox) == 3
    assert Subscription.objects.count() == 1


def test_a_list_name_with_line_breaks_cannot_add_mail_headers(briefing, sign_up):
    Newsletter.objects.filter(pk=briefing.pk).update(
        name="Daily\r\nBcc: victim@example.org", sender_name="The\nGazette"
    )

    sign_up()

    (message,) = mail.outbox
    assert "\n" not in message.subject and "Bcc" not in message.message()
    assert message.from_email == "The Gazette <briefing@gazette.example>"


def test_hostile_list_names_and_descriptions_are_text_on_pages_and_in_e_mail(
    client, article, briefing
):
    from newsdesk.newsletters import compose
    from newsdesk.newsletters.models import Send

    script = "<script>alert(1)</script>"
    handler = '"><img src=x onerror=alert(2)>'
    Newsletter.objects.filter(pk=briefing.pk).update(
        name=f"Daily {script}", description=handler, cadence=handler
    )
    briefing.refresh_from_db()

    page = client.get(article.url).content.decode()
    send = Send(newsletter=briefing, subject=script, body_html="<p>Hi.</p>", body_text="Hi.")
    html, text = compose.frame(send)

    for output in (page, html):
        tree = lxml_html.fromstring(output)
        assert not [s for s in tree.iter("script") if "alert" in (s.text or "")]
        assert not tree.xpath("//img[@onerror]")
        assert script in tree.text_content()  # shown as the text it is
    assert script in text  # plain text is not markup
