"""
Providers' event webhooks through django-anymail, with the payload shapes anymail's own
tests use for Postmark and Mailgun: a hard bounce and a complaint suppress the address,
a soft bounce is only counted, a request with a bad signature changes nothing.
"""

import base64
import hashlib
import hmac
import json

import pytest

from newsdesk.newsletters.models import (
    Delivery,
    DeliveryState,
    Newsletter,
    Send,
    SendStatus,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)

pytestmark = pytest.mark.django_db

SECRET = "provider:a-long-random-webhook-secret"
SIGNING_KEY = "key-mailgun-signing-test"
POSTMARK = "/newsletters/provider/postmark/tracking/"
MAILGUN = "/newsletters/provider/mailgun/tracking/"


@pytest.fixture(autouse=True)
def anymail_settings(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}


@pytest.fixture
def delivered(db):
    """A reader who was sent one message, with the provider's id recorded."""
    newsletter = Newsletter.objects.create(name="Daily briefing", slug="daily-briefing")
    subscriber = Subscriber.objects.create(email="reader@example.org", status="active")
    subscription = Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, status=SubscriptionStatus.ACTIVE
    )
    send = Send.objects.create(
        newsletter=newsletter, subject="Morning news", status=SendStatus.FINISHED, recipients=1
    )
    return Delivery.objects.create(
        send=send,
        subscriber=subscriber,
        subscription=subscription,
        email=subscriber.email,
        state=DeliveryState.SENT,
        message_id="883953f4-6105-42a2-a16a-77a8eac79483",
    )


def _auth(secret=SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def _postmark(record_type, kind, **extra):
    # The fields of Postmark's bounce and spam-complaint webhooks.
    return {
        "RecordType": record_type,
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": {"HardBounce": 1, "SoftBounce": 4096, "SpamComplaint": 512}[kind],
        "Name": kind,
        "Tag": "newsletter:daily-briefing",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": "reader@example.org",
        "From": "briefing@gazette.example",
        "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Morning news",
        "MessageStream": "broadcast",
        **extra,
    }


def _post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def test_a_hard_bounce_suppresses_the_address_and_marks_the_delivery(client, delivered):
    response = _post(client, POSTMARK, _postmark("Bounce", "HardBounce"), **_auth())

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.BOUNCED
    assert "Postmark" in subscriber.suppressed_reason
    delivered.refresh_from_db()
    assert delivered.bounced_at is not None


def test_a_spam_complaint_suppresses_the_address(client, delivered):
    _post(client, POSTMARK, _postmark("SpamComplaint", "SpamComplaint"), **_auth())

    assert Subscriber.objects.get().status == SubscriberStatus.COMPLAINED
    delivered.refresh_from_db()
    assert delivered.complained_at is not None


def test_a_soft_bounce_is_counted_but_does_not_suppress(client, delivered):
    _post(client, POSTMARK, _postmark("Bounce", "SoftBounce"), **_auth())

    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE
    delivered.refresh_from_db()
    assert delivered.bounced_at is not None


def test_a_suppressed_address_is_never_sent_to_again(client, delivered):
    from newsdesk.newsletters import sending

    _post(client, POSTMARK, _postmark("Bounce", "HardBounce"), **_auth())
    send = Send.objects.create(newsletter=delivered.send.newsletter, subject="Evening news")

    assert not sending.active_subscriptions(send.newsletter).exists()


def _mailgun(event, signing_key=SIGNING_KEY, **data):
    timestamp, token = "1764950400", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182"
    signature = hmac.new(
        signing_key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {
            "event": event,
            "timestamp": 1764950400.5,
            "id": "CPgfbmQMTCKtHW6uIWtuVe",
            "recipient": "reader@example.org",
            "message": {"headers": {"message-id": "20261205.nd1.1@gazette.example"}},
            "user-variables": {"delivery": "1"},
            **data,
        },
    }


def test_mailgun_signed_events_suppress_and_a_forged_signature_changes_nothing(client, delivered):
    forged = _mailgun("complained", signing_key="not-the-key")
    response = _post(client, MAILGUN, forged, **_auth())
    assert response.status_code == 400
    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE

    failed = _mailgun(
        "failed",
        severity="permanent",
        reason="bounce",
        **{"delivery-status": {"code": 550, "message": "5.1.1 No such user", "description": ""}},
    )
    assert _post(client, MAILGUN, failed, **_auth()).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.BOUNCED


@pytest.mark.parametrize("secret", [None, "provider:wrong"])
def test_a_webhook_without_the_secret_gets_400_and_changes_nothing(client, delivered, secret):
    headers = _auth(secret) if secret else {}

    response = _post(client, POSTMARK, _postmark("Bounce", "HardBounce"), **headers)

    assert response.status_code == 400
    assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE
    delivered.refresh_from_db()
    assert delivered.bounced_at is None
