"""
Breaking news: the banner on every cached page at once, the short e-mail to the chosen
list, taken down when ended or expired; only editors may send one.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsletters import alerts
from newsdesk.newsletters.models import (
    BreakingAlert,
    Send,
    SendKind,
    Subscriber,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.testing import make_user

pytestmark = [pytest.mark.database, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": True}


@pytest.fixture
def alert_list(lists):
    briefing, sport = lists
    for email, newsletter in (("ana@example.org", briefing), ("eve@example.org", sport)):
        reader = Subscriber.objects.create(email=email, status="active")
        Subscription.objects.create(
            subscriber=reader, newsletter=newsletter, status=SubscriptionStatus.ACTIVE
        )
    return briefing


def _banner(reader, url):
    response = reader.get(url)
    return response["X-Newsdesk-Cache"], 'aria-label="Breaking news"' in response.content.decode()


def test_breaking_news_shows_on_every_cached_page_at_once_and_goes_when_ended(
    client, article, home, alert_list, sink, django_capture_on_commit_callbacks
):
    reader = Client()
    for url in (home.url, article.url):
        reader.get(url)
        assert _banner(reader, url) == ("hit", False)
    client.force_login(make_user("editor", "Editors", email="editor@gazette.example"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("newsletter_sends:breaking", args=[article.pk]),
            {
                "newsletter": alert_list.pk,
                "recipients": "1",
                "headline": "Harbour bridge closed after collision",
                "line": "Traffic is diverted through the old town.",
                "hours": "3",
            },
        )

    for url in (home.url, article.url):
        assert _banner(reader, url) == ("miss", True)
        assert _banner(reader, url) == ("hit", True)
    (message,) = sink.parsed()
    assert message["To"] == "ana@example.org"
    assert message["Subject"] == "Breaking: Harbour bridge closed after collision"
    assert article.full_url in message.get_body(preferencelist=("plain",)).get_content()
    assert Send.objects.get().kind == SendKind.ALERT

    alert = BreakingAlert.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_sends:end_breaking", args=[alert.pk]))

    for url in (home.url, article.url):
        assert _banner(reader, url) == ("miss", False)


def test_an_expired_banner_is_taken_down_by_the_scheduler(
    article, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = alerts.start(article, headline="Storm warning for the coast", hours=1)
    reader = Client()
    assert _banner(reader, home.url)[1]

    BreakingAlert.objects.filter(pk=alert.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.clear_expired() == 1

    assert _banner(reader, home.url) == ("miss", False)


def test_reporters_may_not_send_breaking_news(client, article, alert_list):
    client.force_login(make_user("reporter", "Reporters"))

    shown = client.get(reverse("newsletter_sends:breaking", args=[article.pk]))
    sent = client.post(
        reverse("newsletter_sends:breaking", args=[article.pk]),
        {"headline": "Not allowed", "hours": "1", "newsletter": "", "recipients": "0"},
    )

    assert shown.status_code in (302, 403) and sent.status_code in (302, 403)
    assert not BreakingAlert.objects.exists()


def test_the_same_alert_twice_sends_once(
    article, alert_list, sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alerts.start(article, headline="Bridge closed", newsletter=alert_list)
        with pytest.raises(alerts.AlreadySent, match="went out for this story"):
            alerts.start(article, headline="Bridge closed", newsletter=alert_list)

    assert BreakingAlert.objects.count() == 1 and len(sink.messages) == 1
