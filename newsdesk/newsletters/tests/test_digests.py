"""
Digests through a real SMTP server, with the clock driven by the test: the editors'
order and note, only the list's section, only active readers, a thin day skipped, and a
slot missed while the scheduler was down sent once.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.newsletters import digests
from newsdesk.newsletters.models import (
    DigestStatus,
    Newsletter,
    Send,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)

pytestmark = [pytest.mark.database, pytest.mark.django_db]

ZONE = datetime.UTC


@pytest.fixture
def day():
    """A day three days ago: every time in it has passed."""
    return (timezone.now() - datetime.timedelta(days=3)).date()


def at(day, hour, minute=0, days=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE) + (
        datetime.timedelta(days=days)
    )


@pytest.fixture
def world(section, newsroom, settings):
    settings.TIME_ZONE = "UTC"
    newsletter = Newsletter.objects.create(
        name="World desk",
        slug="world-desk",
        sender_email="world@gazette.example",
        section=section,
        digest="daily",
        digest_time=datetime.time(7, 0),
        digest_min=2,
    )
    for email, list_status, reader_status in (
        ("ana@example.org", SubscriptionStatus.ACTIVE, SubscriberStatus.ACTIVE),
        ("ben@example.org", SubscriptionStatus.ACTIVE, SubscriberStatus.ACTIVE),
        ("cat@example.org", SubscriptionStatus.UNSUBSCRIBED, SubscriberStatus.ACTIVE),
        ("dan@example.org", SubscriptionStatus.ACTIVE, SubscriberStatus.BOUNCED),
    ):
        reader = Subscriber.objects.create(email=email, status=reader_status)
        Subscription.objects.create(subscriber=reader, newsletter=newsletter, status=list_status)
    other = Newsletter.objects.create(name="Sport", slug="sport", sender_email="s@gazette.example")
    elsewhere = Subscriber.objects.create(email="eve@example.org", status="active")
    Subscription.objects.create(subscriber=elsewhere, newsletter=other, status="active")
    return newsletter


def _story(parent, title, when, publish):
    story = publish(ArticlePageFactory(parent=parent, title=title))
    ArticlePage.objects.filter(pk=story.pk).update(first_published_at=when)
    return story


def _headlines(message, titles):
    html = message.get_body(preferencelist=("html",)).get_content()
    return sorted((t for t in titles if t in html), key=html.index)


def test_a_daily_digest_holds_the_editors_order_and_note_and_goes_to_active_readers_only(
    world, section, home, day, publish, sink, django_capture_on_commit_callbacks
):
    first = _story(section, "Harbour reopens after the storm", at(day, 5, 0), publish)
    second = _story(section, "Council delays the budget vote", at(day, 5, 10), publish)
    third = _story(section, "Rail strike called off", at(day, 5, 20), publish)
    other = SectionPageFactory(parent=home, title="Sport", slug="sport")
    _story(other, "Local side wins the cup", at(day, 5, 30), publish)
    digest = digests.open_digest(world, now=at(day, 6))
    assert digest.due_at == at(day, 7)
    # The editor puts the oldest story on top, takes one out and writes a note.
    digests.rearrange(digest, "top", first.pk)
    digests.rearrange(digest, "remove", second.pk)
    digest.refresh_from_db()
    digest.note = "Good morning from the world desk."
    digest.save()

    assert digests.run_due(now=at(day, 6, 59)) == []
    with django_capture_on_commit_callbacks(execute=True):
        (done,) = digests.run_due(now=at(day, 7, 0))

    assert done[1] == DigestStatus.SENT
    received = sink.parsed()
    assert sorted(m["To"] for m in received) == ["ana@example.org", "ben@example.org"]
    titles = [first.title, second.title, third.title, "Local side wins the cup"]
    for message in received:
        assert _headlines(message, titles) == [first.title, third.title]
        assert "Good morning from the world desk." in message.get_body().get_content()
    following = digests.open_digest(world, now=at(day, 7, 1))
    assert following.due_at == at(day, 7, days=1) and following.since == at(day, 7)


def test_a_thin_day_is_skipped_and_logged_never_sent_empty(
    world, section, day, publish, sink, caplog, django_capture_on_commit_callbacks
):
    _story(section, "Only one story today", at(day, 5), publish)
    digests.open_digest(world, now=at(day, 6))

    with django_capture_on_commit_callbacks(execute=True):
        (done,) = digests.run_due(now=at(day, 7, 0))

    assert done[1] == DigestStatus.SKIPPED
    assert sink.messages == [] and not Send.objects.exists()
    assert "was skipped: 1 new stories, at least 2 wanted" in caplog.text


def test_slots_missed_while_the_scheduler_was_down_send_one_digest(
    world, section, day, publish, sink, django_capture_on_commit_callbacks
):
    for n in range(3):
        _story(section, f"Story {n} of a quiet week", at(day, 5, n), publish)
    digests.open_digest(world, now=at(day, 6))

    # The scheduler comes back two days and two hours after the slot.
    with django_capture_on_commit_callbacks(execute=True):
        digests.run_due(now=at(day, 9, days=2))
        digests.run_due(now=at(day, 9, 1, days=2))

    assert Send.objects.count() == 1
    assert len(sink.messages) == 2
    assert digests.open_digest(world, now=at(day, 9, 2, days=2)).due_at == at(day, 7, days=3)


def test_send_digest_prints_what_it_would_hold_on_a_dry_run_and_sends_it_without(
    world, section, day, publish, sink, django_capture_on_commit_callbacks
):
    _story(section, "Harbour reopens after the storm", timezone.now(), publish)
    _story(section, "Rail strike called off", timezone.now(), publish)
    out = io.StringIO()

    call_command("newsletter", "send-digest", "world-desk", "--dry-run", stdout=out)

    assert "would hold 2 stories" in out.getvalue()
    assert "1. Rail strike called off" in out.getvalue()
    assert sink.messages == [] and not Send.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("newsletter", "send-digest", "world-desk", stdout=out)

    assert "digest with 2 stories to 2 subscribers" in out.getvalue()
    assert len(sink.messages) == 2


def test_an_editor_shapes_the_next_digest_in_the_admin_and_sends_it(
    client, world, section, publish, sink, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from newsdesk.testing import make_user

    client.force_login(make_user("editor", "Editors"))
    now = timezone.now()
    older = _story(section, "Harbour reopens after the storm", now, publish)
    middle = _story(section, "Council delays the budget vote", now, publish)
    newest = _story(section, "Rail strike called off", now, publish)
    ArticlePage.objects.filter(pk=older.pk).update(first_published_at=now.replace(second=0))
    url = reverse("newsletter_sends:digest", args=[world.pk])

    client.post(url, {"action": "top", "story": older.pk})
    client.post(url, {"action": "remove", "story": middle.pk})
    client.post(url, {"action": "note", "note": "Three things to know."})
    page = client.get(url).content.decode()
    assert page.index(older.title) < page.index(newest.title) < page.index("Taken out")
    assert page.index("Taken out") < page.index(middle.title)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send"})

    assert len(sink.messages) == 2
    for message in sink.parsed():
        titles = [older.title, middle.title, newest.title]
        assert _headlines(message, titles) == [older.title, newest.title]
        assert "Three things to know." in message.get_body().get_content()


def test_a_schedule_set_or_changed_after_the_edition_opened_waits_for_its_next_slot(world, day):
    world.digest = ""
    world.save()
    opened = digests.open_digest(world, now=at(day, 6))
    assert opened.due_at == at(day, 6)  # no schedule: it goes when an editor sends it

    world.digest = "daily"
    world.digest_time = datetime.time(18, 0)
    world.save()

    assert digests.run_due(now=at(day, 9)) == []
    assert digests.open_digest(world, now=at(day, 9)).due_at == at(day, 18)
