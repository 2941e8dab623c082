"""
A subscriber in the admin's privacy requests: exported with every consent record,
erased without changing what the send reports count; consent IP addresses forgotten
after NEWSDESK_READER_IP_DAYS.
"""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.newsletters import sending
from newsdesk.newsletters.models import (
    Delivery,
    DeliveryState,
    Newsletter,
    Send,
    SendStatus,
    Subscriber,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    briefing = Newsletter.objects.create(name="Daily briefing", slug="daily-briefing")
    weekend = Newsletter.objects.create(name="Weekend reads", slug="weekend")
    subscriber = Subscriber.objects.create(email="reader@example.org", status="active")
    on_briefing = Subscription.objects.create(
        subscriber=subscriber,
        newsletter=briefing,
        status=SubscriptionStatus.ACTIVE,
        source="/world/story/",
        wording=briefing.consent_wording,
        ip_address="198.51.100.7",
        confirmed_how="double opt-in",
    )
    Subscription.objects.create(
        subscriber=subscriber,
        newsletter=weekend,
        status=SubscriptionStatus.UNSUBSCRIBED,
        unsubscribed_how="one-click",
    )
    send = Send.objects.create(
        newsletter=briefing, subject="Morning news", status=SendStatus.FINISHED, recipients=1
    )
    Delivery.objects.create(
        send=send,
        subscriber=subscriber,
        subscription=on_briefing,
        email=subscriber.email,
        state=DeliveryState.SENT,
    )
    return subscriber


def test_an_editor_exports_everything_kept_about_a_subscriber(client, reader):
    client.force_login(make_user("editor", "Editors"))

    response = client.post("/admin/privacy/", {"email": "Reader@Example.org", "action": "export"})

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    (kept,) = data["Newsletter subscriptions"]
    lists = {entry["list"]: entry for entry in kept["lists"]}
    assert lists["Daily briefing"]["consent_source"] == "/world/story/"
    assert lists["Daily briefing"]["ip_address"] == "198.51.100.7"
    assert "Daily briefing" in lists["Daily briefing"]["consent_wording"]
    assert lists["Weekend reads"]["unsubscribed_how"] == "one-click"
    assert kept["messages"][0]["subject"] == "Morning news"


def test_erasing_removes_the_person_and_keeps_the_send_counts(client, reader):
    send = Send.objects.get()
    before = sending.tally(send)
    client.force_login(make_user("editor", "Editors"))

    page = client.get("/admin/privacy/", {"email": "reader@example.org"}).content.decode()
    assert "Newsletter subscriptions" in page
    refused = client.post(
        "/admin/privacy/", {"email": "reader@example.org", "action": "erase", "confirm": "x"}
    )
    assert refused.status_code == 302 and Subscriber.objects.exists()

    client.post(
        "/admin/privacy/",
        {"email": "reader@example.org", "action": "erase", "confirm": "reader@example.org"},
    )

    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert not Delivery.objects.filter(email="reader@example.org").exists()
    assert sending.tally(send) == before


def test_reporters_may_not_see_or_erase_subscribers(client, reader):
    client.force_login(make_user("reporter", "Reporters"))

    for response in (
        client.get("/admin/privacy/", {"email": "reader@example.org"}),
        client.post("/admin/privacy/", {"email": "reader@example.org", "action": "export"}),
        client.post(
            "/admin/privacy/",
            {"email": "reader@example.org", "action": "erase", "confirm": "reader@example.org"},
        ),
    ):
        assert response.status_code in (302, 403)
        assert "application/json" not in response.get("Content-Type", "")
    assert Subscriber.objects.count() == 1


def test_consent_ip_addresses_are_forgotten_after_the_set_days(reader, settings):
    settings.NEWSDESK_READER_IP_DAYS = 30
    subscription = Subscription.objects.get(ip_address__isnull=False)

    call_command("forget_reader_ips")
    subscription.refresh_from_db()
    assert subscription.ip_address == "198.51.100.7"

    Subscription.objects.filter(pk=subscription.pk).update(
        consented_at=timezone.now() - timedelta(days=31)
    )
    call_command("forget_reader_ips")
    subscription.refresh_from_db()
    assert subscription.ip_address is None
    assert subscription.source == "/world/story/"  # the rest of the record stays
