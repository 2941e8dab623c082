"""
Test support shared by every app's tests: users in each newsroom role, posting Wagtail's
page editor as a browser would, and scheduling a page so it is due now.

Tests import from here, never from another app's test modules.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.home.factories import HomePageFactory

ROLES = {"reporter": "Reporters", "editor": "Editors"}


def make_user(username, group=None, **extra):
    """A user with password "pw", in the named group ("Reporters", "Editors") if given."""
    user = get_user_model().objects.create_user(username, password="pw", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def story_form(page, action, authors=(), image=None, body=None, **fields):
    """
    What the story editor posts for ``page`` with the button ``action`` pressed
    ("action-publish", "action-submit", or "" for saving a draft).
    """
    data = {
        "title": page.title,
        "slug": page.slug,
        "standfirst": "What happened.",
        "article_type": "news",
        "dateline": "",
        "article_authors": inline_formset([{"author": a.pk} for a in authors]),
        "lead_image": image.pk if image else "",
        "lead_image_caption": "",
        "body": streamfield(body or [("paragraph", rich_text("<p>Text.</p>"))]),
        "update_note": "",
        "comments": inline_formset([]),
        "related_pins": inline_formset([]),
        "related_exclusions": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    if action:
        data[action] = "1"
    data.update(fields)
    return nested_form_data(data)


def post_story_edit(client, page, *args, **kwargs):
    """Post the story editor of ``page`` (arguments as :func:`story_form`)."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), story_form(page, *args, **kwargs)
    )


def schedule_and_make_due(page):
    """Schedule ``page`` for an hour from now, then move that time into the past."""
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    return revision


def site_home():
    """A published front page as the default Site's root, in place of whatever was there."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Gazette"},
    )
    return home


class MailSink:
    """
    A real SMTP server (aiosmtpd) on a free loopback port, keeping every message it is
    given: ``messages`` holds (recipients, the message's bytes). ``pause_at`` makes the
    server set ``paused`` and hold its answer to that message (by count) for a while,
    so a test can act while a sender waits for it.
    """

    def __init__(self, pause_at=None, pause_seconds=30):
        import threading

        self.messages = []
        self.pause_at = pause_at
        self.pause_seconds = pause_seconds
        self.paused = threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        import asyncio

        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), bytes(envelope.original_content)))
            count = len(self.messages)
        if self.pause_at and count == self.pause_at:
            self.paused.set()
            await asyncio.sleep(self.pause_seconds)
        return "250 Message accepted for delivery"

    def __enter__(self):
        import socket

        from aiosmtpd.controller import Controller

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(
            self, hostname="127.0.0.1", port=self.port, data_size_limit=10_000_000
        )
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def parsed(self):
        """The messages received, as ``email.message.EmailMessage`` objects."""
        from email import policy
        from email.parser import BytesParser

        return [BytesParser(policy=policy.default).parsebytes(data) for _to, data in self.messages]


def subscribe_many(newsletter, count):
    """
    ``count`` active subscribers (reader000000@example.org, …) on ``newsletter``, made in
    bulk: for sends to thousands of readers (the crash test, the benchmark).
    """
    from newsdesk.newsletters.models import (
        Subscriber,
        SubscriberStatus,
        Subscription,
        SubscriptionStatus,
    )

    made = Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"reader{n:06d}@example.org", status=SubscriberStatus.ACTIVE)
            for n in range(count)
        ],
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=s, newsletter=newsletter, status=SubscriptionStatus.ACTIVE)
            for s in made
        ],
        batch_size=2000,
    )
