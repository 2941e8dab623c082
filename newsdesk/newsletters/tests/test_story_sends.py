"""
A story sent by e-mail from the admin, through a real SMTP server: the editor sees the
e-mail and the number of readers, tests it on their own address, confirms; one message
per active subscriber of that list, none to anyone else; never twice by accident.
"""

import pytest
from django.urls import reverse

from newsdesk.newsletters.models import (
    Send,
    SendKind,
    SendStatus,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.testing import make_user

pytestmark = [pytest.mark.database, pytest.mark.django_db]


@pytest.fixture
def readers(lists):
    briefing, sport = lists
    for email, newsletter, list_status, status in (
        ("ana@example.org", briefing, SubscriptionStatus.ACTIVE, SubscriberStatus.ACTIVE),
        ("ben@example.org", briefing, SubscriptionStatus.ACTIVE, SubscriberStatus.ACTIVE),
        ("cat@example.org", briefing, SubscriptionStatus.UNSUBSCRIBED, SubscriberStatus.ACTIVE),
        ("dan@example.org", briefing, SubscriptionStatus.ACTIVE, SubscriberStatus.COMPLAINED),
        ("eve@example.org", sport, SubscriptionStatus.ACTIVE, SubscriberStatus.ACTIVE),
    ):
        reader, _ = Subscriber.objects.get_or_create(email=email, defaults={"status": status})
        Subscription.objects.create(subscriber=reader, newsletter=newsletter, status=list_status)
    return briefing


@pytest.fixture
def editor(client):
    user = make_user("editor", "Editors", email="editor@gazette.example")
    client.force_login(user)
    return user


def _send(client, article, newsletter, recipients, captured, **extra):
    with captured(execute=True):
        return client.post(
            reverse("newsletter_sends:story_send", args=[article.pk]),
            {"newsletter": newsletter.pk, "recipients": recipients, **extra},
        )


def test_an_editor_previews_tests_and_sends_a_story_to_one_list(
    client, editor, article, readers, sink, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert reverse("newsletter_sends:story", args=[article.pk]) in edit

    page = client.get(
        reverse("newsletter_sends:story", args=[article.pk]), {"newsletter": readers.pk}
    ).content.decode()
    assert "to the 2 active subscribers of <strong>Daily briefing</strong>" in page
    assert article.title in page  # the preview

    client.post(
        reverse("newsletter_sends:story_test", args=[article.pk]), {"newsletter": readers.pk}
    )
    (test,) = sink.parsed()
    assert test["To"] == "editor@gazette.example" and test["Subject"].startswith("[Test]")

    _send(client, article, readers, 2, captured)

    received = sink.parsed()[1:]
    assert sorted(m["To"] for m in received) == ["ana@example.org", "ben@example.org"]
    message = received[0]
    html = message.get_body(preferencelist=("html",)).get_content()
    assert article.title in html and article.standfirst in html
    assert "The first paragraph of the story." in html
    assert article.full_url in html
    send = Send.objects.get()
    assert send.kind == SendKind.STORY and send.article_id == article.pk
    assert send.status == SendStatus.FINISHED


def test_a_story_goes_to_a_list_once_unless_the_editor_says_again(
    client, editor, article, readers, sink, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    _send(client, article, readers, 2, captured)
    second = _send(client, article, readers, 2, captured)

    assert Send.objects.count() == 1 and len(sink.messages) == 2
    followed = client.get(second.url).content.decode()
    assert "Send again" in followed and "went to Daily briefing on" in followed

    _send(client, article, readers, 2, captured, again="1")
    assert Send.objects.count() == 2 and len(sink.messages) == 4


def test_a_changed_reader_count_or_a_rule_breaking_story_sends_nothing(
    client, editor, article, readers, sink, django_capture_on_commit_callbacks
):
    _send(client, article, readers, 5, django_capture_on_commit_callbacks)
    assert not Send.objects.exists()

    # A control character stored by an import breaks a publishing rule.
    type(article).objects.filter(pk=article.pk).update(standfirst="Broken\x0bstandfirst.")
    page = client.get(
        reverse("newsletter_sends:story", args=[article.pk]), {"newsletter": readers.pk}
    ).content.decode()
    assert "cannot be sent until they are fixed" in page
    _send(client, article, readers, 2, django_capture_on_commit_callbacks)

    assert not Send.objects.exists() and sink.messages == []


def test_reporters_cannot_send_stories(client, article, readers, sink):
    client.force_login(make_user("reporter", "Reporters"))

    page = client.get(reverse("newsletter_sends:story", args=[article.pk]))
    sent = client.post(
        reverse("newsletter_sends:story_send", args=[article.pk]),
        {"newsletter": readers.pk, "recipients": 2},
    )

    assert page.status_code in (302, 403) and sent.status_code in (302, 403)
    assert not Send.objects.exists()


def test_a_live_storys_e_mail_holds_its_key_events_newest_first_and_its_corrections(
    client, editor, article, readers, sink, django_capture_on_commit_callbacks
):
    from newsdesk.live.factories import CorrectionFactory, LiveUpdateFactory, paragraph

    LiveUpdateFactory(article=article, headline="Leaders arrive", key_event=True)
    LiveUpdateFactory(article=article, headline="A quiet hour", body=paragraph("Nothing new."))
    LiveUpdateFactory(article=article, headline="Talks end with a deal", key_event=True)
    CorrectionFactory(article=article)

    _send(client, article, readers, 2, django_capture_on_commit_callbacks)

    message = sink.parsed()[0]
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    for part in (html, text):
        assert "Key events so far" in part and "A quiet hour" not in part
        assert part.index("Talks end with a deal") < part.index("Leaders arrive")
        assert "gave the wrong date for the meeting" in part
    assert f"{article.full_url}#update-3" in html


def test_publish_then_e_mail_publishes_and_asks_for_the_confirmation_before_sending(
    client, editor, section, readers, sink
):
    from newsdesk.articles.factories import ArticlePageFactory
    from newsdesk.testing import post_story_edit

    draft = ArticlePageFactory(parent=section, live=False)
    draft.save_revision()
    menu = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert f'value="email-to:{readers.pk}"' in menu
    assert "Publish, then e-mail to Daily briefing" in menu

    response = post_story_edit(
        client,
        draft,
        "action-publish",
        authors=draft.authors,
        image=draft.lead_image,
        **{"action-publish": f"email-to:{readers.pk}"},
    )

    draft.refresh_from_db()
    assert draft.live
    assert response.status_code == 302
    assert response.url == (
        reverse("newsletter_sends:story", args=[draft.pk]) + f"?newsletter={readers.pk}"
    )
    assert sink.messages == [] and not Send.objects.exists()


def test_a_story_e_mail_turns_embeds_into_linked_pictures_and_keeps_tables_and_also_read(
    article, section, publish
):
    from wagtail.embeds.models import Embed

    from newsdesk.articles.factories import ArticlePageFactory
    from newsdesk.newsletters import compose

    other = publish(ArticlePageFactory(parent=section, title="Earlier: the council's plan"))
    video = "https://www.youtube.com/watch?v=abc123"
    Embed.objects.create(
        url=video,
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
        title="The harbour at dawn",
        thumbnail_url="https://i.ytimg.com/vi/abc123/hqdefault.jpg",
    )
    article.body = [
        {"type": "paragraph", "value": "<p>The first paragraph.</p>"},
        {"type": "embed", "value": {"embed": video, "caption": "Filmed by a reader."}},
        {
            "type": "table",
            "value": {
                "caption": "Votes",
                "table": {
                    "columns": [{"type": "text", "heading": "Party"}],
                    "rows": [{"values": ["Greens"]}],
                },
            },
        },
        {"type": "also_read", "value": {"article": other.pk}},
    ]
    publish(article)

    _subject, html, text = compose.story_body(article)

    assert "<iframe" not in html
    assert f'<a href="{video}"' in html and "hqdefault.jpg" in html
    assert "The harbour at dawn" in html and "Filmed by a reader." in html
    assert "<table" in html and "Greens" in html
    assert other.title in html and other.full_url in html
    assert "The first paragraph." in text and "Greens" in text
