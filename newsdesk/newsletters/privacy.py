"""
Subscribers in the admin's privacy requests (``core.privacy``): what is kept about an
address (the subscriber, each list's consent record, what was sent to it) exported or
erased, and consent IP addresses forgotten after ``NEWSDESK_READER_IP_DAYS``.

Erasing deletes the subscriber and its consent records; the send reports keep their
counts, with the address taken out of their delivery rows. An erased address is
unknown afterwards: it may sign up, or be imported, again.
"""

from django.db import transaction

from newsdesk.core.privacy import PrivacySource

from .models import Delivery, Subscriber, Subscription, normalise_email

PERMISSION = "newsletters.change_subscriber"


def may(user):
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def _subscriber(email):
    return Subscriber.objects.filter(email=normalise_email(email)).first()


def find(email):
    subscriber = _subscriber(email)
    if subscriber is None:
        return 0
    return 1 + subscriber.subscriptions.count()


def export(email):
    subscriber = _subscriber(email)
    if subscriber is None:
        return []
    return [
        {
            "email": subscriber.email,
            "name": subscriber.name,
            "status": subscriber.get_status_display(),
            "suppressed_reason": subscriber.suppressed_reason,
            "paused_until": subscriber.paused_until,
            "since": subscriber.created_at,
            "lists": [
                {
                    "list": s.newsletter.name,
                    "status": s.get_status_display(),
                    "consented_at": s.consented_at,
                    "consent_source": s.source,
                    "consent_wording": s.wording,
                    "ip_address": s.ip_address,
                    "confirmed_how": s.confirmed_how,
                    "confirmed_at": s.confirmed_at,
                    "unsubscribed_at": s.unsubscribed_at,
                    "unsubscribed_how": s.unsubscribed_how,
                }
                for s in subscriber.subscriptions.select_related("newsletter")
            ],
            "messages": [
                {
                    "subject": d.send.subject,
                    "state": d.get_state_display(),
                    "sent_at": d.sent_at,
                    "bounced_at": d.bounced_at,
                    "complained_at": d.complained_at,
                }
                for d in subscriber.deliveries.select_related("send").order_by("pk")
            ],
        }
    ]


def erase(email, user):
    address = normalise_email(email)
    with transaction.atomic():
        Delivery.objects.filter(email=address).update(email="", subscriber=None, subscription=None)
        subscriber = _subscriber(address)
        if subscriber is None:
            return 0
        count = find(address)
        subscriber.delete()
    return count


def forget_ips(before):
    return Subscription.objects.filter(consented_at__lt=before, ip_address__isnull=False).update(
        ip_address=None
    )


SOURCE = PrivacySource(
    name="Newsletter subscriptions",
    may=may,
    find=find,
    export=export,
    erase=erase,
    forget_ips=forget_ips,
)
