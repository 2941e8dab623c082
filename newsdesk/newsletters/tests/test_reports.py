"""A list's report: growth by week, sign-up sources and sends, as tables and safe CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsletters.models import (
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
def briefing(db):
    newsletter = Newsletter.objects.create(name="Daily briefing", slug="daily-briefing")
    now = timezone.now()
    for n, (source, status, weeks_ago) in enumerate(
        [
            ("/world/story/", SubscriptionStatus.ACTIVE, 0),
            ("/world/story/", SubscriptionStatus.ACTIVE, 1),
            ('=HYPERLINK("http://x.example")', SubscriptionStatus.ACTIVE, 1),
            ("/sport/", SubscriptionStatus.UNSUBSCRIBED, 2),
        ]
    ):
        reader = Subscriber.objects.create(email=f"r{n}@example.org", status="active")
        when = now - datetime.timedelta(weeks=weeks_ago)
        Subscription.objects.create(
            subscriber=reader,
            newsletter=newsletter,
            status=status,
            source=source,
            confirmed_at=when,
            unsubscribed_at=now if status == SubscriptionStatus.UNSUBSCRIBED else None,
        )
    Send.objects.create(
        newsletter=newsletter,
        subject="Morning news",
        status=SendStatus.FINISHED,
        recipients=3,
        started_at=now,
    )
    return newsletter


def test_the_report_counts_growth_by_week_and_sources(client, briefing):
    client.force_login(make_user("editor", "Editors"))

    response = client.get(reverse("newsletter_sends:report", args=[briefing.pk]))

    tables = {table["name"]: table["rows"] for table in response.context["tables"]}
    this_week, last_week, two_weeks = tables["growth"][:3]
    assert (this_week["joined"], this_week["left"], this_week["active_after"]) == (1, 1, 3)
    assert (last_week["joined"], last_week["active_after"]) == (2, 3)
    assert (two_weeks["joined"], two_weeks["active_after"]) == (1, 1)
    assert tables["sources"][0] == {"source": "/world/story/", "signups": 2, "active": 2}
    assert tables["sends"][0]["subject"] == "Morning news"


def test_the_csv_export_cannot_carry_a_formula(client, briefing):
    client.force_login(make_user("editor", "Editors"))

    response = client.get(
        reverse("newsletter_sends:report", args=[briefing.pk]),
        {"table": "sources", "export": "csv"},
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Page or import", "Sign-ups", "Still active"]
    assert ['\'=HYPERLINK("http://x.example")', "1", "1"] in rows


def test_reporters_do_not_see_list_reports(client, briefing):
    client.force_login(make_user("reporter", "Reporters"))

    response = client.get(reverse("newsletter_sends:report", args=[briefing.pk]))

    assert response.status_code in (302, 403)
