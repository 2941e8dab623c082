"""
The whole way through a real SMTP server (aiosmtpd on a loopback port): signing up,
confirming with the button, a list e-mail with its parts and headers, DKIM, and the
one-click unsubscribe taken from the header the reader's mail program would use.
"""

import base64
from datetime import timedelta
from urllib.parse import urlsplit

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsletters import sending
from newsdesk.newsletters.models import (
    DeliveryState,
    Send,
    SendStatus,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.newsletters.views import signup_token
from newsdesk.testing import MailSink

pytestmark = [pytest.mark.database, pytest.mark.django_db]


def _path(url):
    parts = urlsplit(url)
    return parts.path


def _sign_up(client, captured, email, newsletter):
    with captured(execute=True):
        return client.post(
            reverse("newsletter_subscribe"),
            {
                "newsletter": newsletter.slug,
                "email": email,
                "started": signup_token(timezone.now() - timedelta(minutes=1)),
                "website": "",
                "source": "/world/story/",
            },
            REMOTE_ADDR="198.51.100.7",
        )


def _confirm_link(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return next(word for word in text.split() if "/newsletters/confirm/" in word)


def _send(newsletter, captured, subject="Morning news"):
    send = Send.objects.create(
        newsletter=newsletter,
        subject=subject,
        body_html="<p>Today’s <strong>top stories</strong>.</p>",
        body_text="Today’s top stories.",
    )
    with captured(execute=True):
        sending.start(send)
    send.refresh_from_db()
    return send


def test_sign_up_confirm_receive_and_leave_in_one_click(
    client, sink, lists, django_capture_on_commit_callbacks
):
    briefing, sport = lists
    captured = django_capture_on_commit_callbacks
    for newsletter in (briefing, sport):
        assert _sign_up(client, captured, "Reader@Example.org", newsletter).status_code == 200
    confirmations = sink.parsed()
    assert len(confirmations) == 2
    assert confirmations[0]["To"] == "reader@example.org"

    for message in confirmations:
        link = _path(_confirm_link(message))
        # Opening the link, as a mail scanner does, confirms nothing.
        page = client.get(link)
        assert page.status_code == 200
        assert b"<button" in page.content
    assert not Subscription.objects.filter(status=SubscriptionStatus.ACTIVE).exists()
    for message in confirmations:
        assert client.post(_path(_confirm_link(message))).status_code == 200
    assert Subscription.objects.filter(status=SubscriptionStatus.ACTIVE).count() == 2

    send = _send(briefing, captured)
    assert send.status == SendStatus.FINISHED
    assert send.deliveries.get().state == DeliveryState.SENT
    received = sink.parsed()[2:]
    assert len(received) == 1
    message = received[0]
    assert message["Subject"] == "Morning news"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<mailto:briefing@gazette.example?subject=unsubscribe>" in message["List-Unsubscribe"]
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "<strong>top stories</strong>" in html
    assert 'style="' in html  # CSS inlined onto the elements
    assert "1 Press Lane" in html and "1 Press Lane" in text
    assert "Today’s top stories." in text
    assert send.get_web_url() in html and send.get_web_url() in text

    https = next(
        part.strip(" <>")
        for part in message["List-Unsubscribe"].split(",")
        if part.strip(" <").startswith("http")
    )
    response = client.post(_path(https), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    by_list = {s.newsletter.slug: s for s in Subscription.objects.select_related("newsletter")}
    assert by_list["daily-briefing"].status == SubscriptionStatus.UNSUBSCRIBED
    assert by_list["daily-briefing"].unsubscribed_how == "one-click"
    assert by_list["sport"].status == SubscriptionStatus.ACTIVE
    assert sending.tally(send)["unsubscribed"] == 1


def _key_pair():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private.decode(), base64.b64encode(public)


def _subscribed(newsletter, email):
    from newsdesk.newsletters.models import Subscriber, SubscriberStatus

    subscriber = Subscriber.objects.create(email=email, status=SubscriberStatus.ACTIVE)
    return Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, status=SubscriptionStatus.ACTIVE
    )


def test_list_mail_is_dkim_signed_over_its_unsubscribe_headers(
    sink, lists, django_capture_on_commit_callbacks
):
    briefing, _sport = lists
    _subscribed(briefing, "reader@example.org")
    private, public = _key_pair()
    with override_settings(
        NEWSDESK_DKIM={"domain": "gazette.example", "selector": "nd1", "private_key": private}
    ):
        _send(briefing, django_capture_on_commit_callbacks)
    _to, data = sink.messages[-1]
    assert data.startswith(b"DKIM-Signature:")

    def dns(name, timeout=5):
        assert name == b"nd1._domainkey.gazette.example."
        return b"v=DKIM1; k=rsa; p=" + public

    assert dkim.verify(data, dnsfunc=dns)
    header = data.split(b"\r\n\r\n", 1)[0].decode()
    signed_headers = header.split(" h=", 1)[1].split(";", 1)[0].replace("\r\n", "").replace(" ", "")
    assert "list-unsubscribe" in signed_headers.lower()
    assert "list-unsubscribe-post" in signed_headers.lower()
    # Changing a signed header breaks the signature.
    forged = data.replace(b"Subject: Morning news", b"Subject: Evening news")
    assert not dkim.verify(forged, dnsfunc=dns)


def test_a_server_that_refuses_or_is_gone_defers_and_loses_nothing(
    settings, lists, django_capture_on_commit_callbacks
):
    briefing, _sport = lists
    _subscribed(briefing, "reader@example.org")
    settings.EMAIL_BACKEND = "newsdesk.core.mail.SMTPBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    settings.EMAIL_TIMEOUT = 2
    send = _send(briefing, django_capture_on_commit_callbacks)
    delivery = send.deliveries.get()
    assert delivery.state == DeliveryState.DEFERRED
    assert delivery.attempts == 1 and delivery.next_attempt_at > timezone.now()
    assert send.status == SendStatus.SENDING
    # When the server is back and the retry is due, the scheduler's resume sends it.
    with MailSink() as server:
        settings.EMAIL_PORT = server.port
        type(delivery).objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            assert sending.resume() == 1
        assert len(server.messages) == 1
    send.refresh_from_db()
    assert send.status == SendStatus.FINISHED
    assert send.deliveries.get().state == DeliveryState.SENT


def test_a_permanent_refusal_fails_that_delivery_and_the_send_says_so(
    sink, lists, django_capture_on_commit_callbacks, admin_client
):
    briefing, _sport = lists
    _subscribed(briefing, "nobody@example.org")

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such mailbox"

    sink.handle_RCPT = refuse
    send = _send(briefing, django_capture_on_commit_callbacks)
    assert send.status == SendStatus.FAILED
    delivery = send.deliveries.get()
    assert delivery.state == DeliveryState.FAILED
    assert "No such mailbox" in delivery.error
    page = admin_client.get(reverse("newsletter_sends:index")).content.decode()
    assert "Failed" in page and "Sent to all" not in page
