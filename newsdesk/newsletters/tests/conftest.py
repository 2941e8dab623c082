"""Fixtures shared by the newsletter tests: the newsroom's postal address, a real SMTP server."""

import pytest
from wagtail.models import Site

from newsdesk.newsletters.models import Newsletter, NewsletterSettings
from newsdesk.testing import MailSink


@pytest.fixture
def newsroom(home):
    site = Site.objects.get(is_default_site=True)
    settings = NewsletterSettings.for_site(site)
    settings.postal_address = "The Gazette\n1 Press Lane\nSpringfield"
    settings.save()
    return site


@pytest.fixture
def lists(newsroom):
    briefing = Newsletter.objects.create(
        name="Daily briefing",
        slug="daily-briefing",
        sender_name="The Gazette",
        sender_email="briefing@gazette.example",
    )
    sport = Newsletter.objects.create(
        name="Sport", slug="sport", sender_email="sport@gazette.example"
    )
    return briefing, sport


@pytest.fixture
def sink(settings):
    with MailSink() as server:
        settings.EMAIL_BACKEND = "newsdesk.core.mail.SMTPBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.NEWSDESK_NEWSLETTER_SENDING = {
            **settings.NEWSDESK_NEWSLETTER_SENDING,
            "rate": 0,
        }
        yield server
