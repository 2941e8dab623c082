"""
What a list's numbers are: its growth by week, where its readers signed up, and each
send's outcome (delivered, bounced, complaints, unsubscribes after it). Plain rows, for
the admin's tables and their CSV and XLSX exports.
"""

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import DeliveryState, SendStatus, SubscriptionStatus

WEEKS = 26


def growth(newsletter, weeks=WEEKS, now=None):
    """Per week (newest first): readers who joined, who left, and the active total after."""
    now = now or timezone.now()
    start = timezone.localdate(now) - datetime.timedelta(weeks=weeks)
    subscriptions = newsletter.subscriptions
    joined = _by_week(
        subscriptions.filter(confirmed_at__isnull=False, confirmed_at__date__gte=start),
        "confirmed_at",
    )
    left = _by_week(
        subscriptions.filter(unsubscribed_at__isnull=False, unsubscribed_at__date__gte=start),
        "unsubscribed_at",
    )
    active = subscriptions.filter(status=SubscriptionStatus.ACTIVE).count()
    rows = []
    week = timezone.localdate(now) - datetime.timedelta(days=timezone.localdate(now).weekday())
    while week >= start - datetime.timedelta(days=6):
        rows.append(
            {"week": week, "joined": joined[week], "left": left[week], "active_after": active}
        )
        # The total at the end of the week before is this week's less its changes.
        active -= joined[week] - left[week]
        week -= datetime.timedelta(weeks=1)
    return rows


def _by_week(subscriptions, field):
    counts = Counter()
    for week, n in (
        subscriptions.annotate(week=TruncWeek(field))
        .values_list("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    ):
        counts[timezone.localdate(week) if isinstance(week, datetime.datetime) else week] += n
    return counts


def sources(newsletter):
    """Where the list's readers signed up (the page or the import), most first."""
    rows = (
        newsletter.subscriptions.values("source")
        .annotate(
            signups=Count("pk"),
            active=Count("pk", filter=Q(status=SubscriptionStatus.ACTIVE)),
        )
        .order_by("-signups", "source")
    )
    return [{**row, "source": row["source"] or "(not recorded)"} for row in rows]


def sends(newsletter):
    """Each started send of the list with what became of it."""
    rows = newsletter.sends.exclude(status=SendStatus.DRAFT).annotate(
        delivered=Count("deliveries", filter=Q(deliveries__state=DeliveryState.SENT)),
        failed=Count("deliveries", filter=Q(deliveries__state=DeliveryState.FAILED)),
        bounced=Count("deliveries", filter=Q(deliveries__bounced_at__isnull=False)),
        complained=Count("deliveries", filter=Q(deliveries__complained_at__isnull=False)),
        unsubscribed=Count("deliveries", filter=Q(deliveries__unsubscribed_at__isnull=False)),
    )
    return [
        {
            "started": send.started_at,
            "subject": send.subject,
            "kind": send.get_kind_display(),
            "recipients": send.recipients,
            "delivered": send.delivered,
            "failed": send.failed,
            "bounced": send.bounced,
            "complained": send.complained,
            "unsubscribed": send.unsubscribed,
        }
        for send in rows.order_by("-started_at")
    ]


TABLES = {
    "growth": (
        "List growth by week",
        growth,
        {
            "week": "Week of",
            "joined": "Joined",
            "left": "Left",
            "active_after": "Active at the end",
        },
    ),
    "sources": (
        "Where readers signed up",
        sources,
        {"source": "Page or import", "signups": "Sign-ups", "active": "Still active"},
    ),
    "sends": (
        "Sends",
        sends,
        {
            "started": "Started",
            "subject": "Subject",
            "kind": "Kind",
            "recipients": "Recipients",
            "delivered": "Delivered",
            "failed": "Failed",
            "bounced": "Bounced",
            "complained": "Complaints",
            "unsubscribed": "Unsubscribed after it",
        },
    ),
}
