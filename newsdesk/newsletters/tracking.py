"""
What providers report after sending, through django-anymail's tracking webhooks
(``/newsletters/provider/<provider>/tracking/``, checked against the webhook secret in
settings before anymail sends a signal; a bad signature is answered 400 and nothing
changes).

A hard bounce, a rejection for a bad address or a spam complaint puts the address on
the suppression list: it is never sent anything again, and the admin shows why. A soft
bounce (a full mailbox) is only counted. An unsubscribe reported by the provider leaves
the list the message came from.
"""

import logging

from anymail.signals import tracking
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .models import NEVER_SEND, Delivery, Subscriber, SubscriberStatus, normalise_email
from .subscriptions import unsubscribe

logger = logging.getLogger(__name__)

# anymail's reject reasons that say the address itself cannot take mail.
HARD = {"bounced", "invalid", "blocked"}


def _delivery(event):
    """The delivery an event is about: by the provider's id, else by our metadata."""
    if event.message_id:
        found = Delivery.objects.filter(message_id=event.message_id).first()
        if found:
            return found
    metadata = event.metadata or {}
    if str(metadata.get("delivery", "")).isdigit():
        return Delivery.objects.filter(pk=int(metadata["delivery"])).first()
    return None


def _soft(event):
    """
    A bounce that says the mailbox is there but cannot take mail now (full, away):
    anymail reports these as bounces too, and only the provider's own record tells.
    """
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if raw.get("Type") == "SoftBounce":  # Postmark
        return True
    bounce = raw.get("bounce")  # Amazon SES
    return isinstance(bounce, dict) and bounce.get("bounceType") == "Transient"


def suppress(email, status, why):
    """Never send to ``email`` again; ``status`` is bounced, complained or suppressed."""
    subscriber = Subscriber.objects.filter(email=normalise_email(email)).first()
    if subscriber is None:
        return None
    if subscriber.status not in NEVER_SEND or subscriber.status == SubscriberStatus.SUPPRESSED:
        subscriber.status = status
        subscriber.suppressed_reason = why[:500]
        subscriber.save(update_fields=["status", "suppressed_reason", "updated_at"])
    return subscriber


@receiver(tracking)
def on_tracking_event(sender, event, esp_name, **kwargs):
    now = timezone.now()
    kind = event.event_type
    recipient = event.recipient or ""
    with transaction.atomic():
        delivery = _delivery(event)
        email = recipient or (delivery.email if delivery else "")
        if kind == "complained":
            suppress(email, SubscriberStatus.COMPLAINED, f"{esp_name}: marked as spam")
            if delivery:
                Delivery.objects.filter(pk=delivery.pk).update(complained_at=now)
        elif kind in ("bounced", "rejected"):
            hard = kind == "rejected" or (
                (event.reject_reason or "bounced") in HARD and not _soft(event)
            )
            if hard:
                detail = event.description or event.mta_response or event.reject_reason or ""
                suppress(email, SubscriberStatus.BOUNCED, f"{esp_name}: {detail}".strip())
            if delivery:
                Delivery.objects.filter(pk=delivery.pk).update(
                    bounced_at=now, error=(event.description or event.mta_response or "")[:2000]
                )
        elif kind == "unsubscribed" and delivery and delivery.subscription_id:
            unsubscribe(delivery.subscription, f"{esp_name} unsubscribe", send_id=delivery.send_id)
        else:
            return
    logger.info("%s %s for %s", esp_name, kind, email)
