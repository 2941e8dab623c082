"""
Joining and leaving lists. Every change to a subscription goes through here.

Signing up never says whether an address is known: the answer is the same for a new
address, one that waits for confirmation and one already subscribed, and nothing changes
until the mailbox's owner follows the confirmation link and presses its button (a link
alone confirms nothing: mail scanners open links, they do not submit forms).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from newsdesk.core import antispam
from newsdesk.core.absolute import public_url
from newsdesk.core.text import without_controls

from .models import (
    NEVER_SEND,
    Delivery,
    Newsletter,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
    normalise_email,
)
from .tokens import confirm_token, preferences_token

# Domains of throwaway mailboxes, refused at sign-up (a newsroom may add its own).
DISPOSABLE_DOMAINS = frozenset(
    {"mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "trashmail.com"}
)


# At most this many confirmation e-mails to one address in the window (seconds); the
# reader's answer is the same either way.
CONFIRMATIONS_PER_ADDRESS = 3
CONFIRMATION_WINDOW = 60 * 60 * 24


def checked_address(email):
    """``email`` normalised, or ValidationError with a sentence a reader understands."""
    address = normalise_email(email)
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(
            "That does not look like an e-mail address; check it and try again."
        ) from None
    domain = address.rpartition("@")[2]
    if "." not in domain or domain in DISPOSABLE_DOMAINS:
        raise ValidationError(
            "Please use an address you keep: this one looks like a throwaway mailbox."
        )
    return address


def sign_up(newsletter, email, *, name="", source="", ip=None):
    """
    Ask for ``email`` to join ``newsletter``; a confirmation e-mail goes out unless the
    address is already on the list or must never be written to. Returns nothing either
    way, so nobody learns from the answer which addresses are known.
    """
    address = checked_address(email)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(
            email=address, defaults={"name": " ".join(without_controls(name).split())[:120]}
        )
        if subscriber.status in NEVER_SEND:
            return
        subscription, _made = Subscription.objects.get_or_create(
            subscriber=subscriber,
            newsletter=newsletter,
            defaults={
                "source": source[:500],
                "wording": newsletter.consent_wording,
                "ip_address": ip,
            },
        )
        if subscription.status == SubscriptionStatus.ACTIVE:
            return
        try:
            # Sign-ups for someone else's address from many places must not flood it.
            antispam.count_request(
                "signup:address", address, CONFIRMATIONS_PER_ADDRESS, CONFIRMATION_WINDOW
            )
        except antispam.TooMany:
            return
        transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))


def confirm(subscription, how="double opt-in"):
    """The owner of the mailbox said yes: the subscription starts, with a fresh consent."""
    now = timezone.now()
    with transaction.atomic():
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.confirmed_at = now
        subscription.confirmed_how = how
        subscription.consented_at = now
        subscription.wording = subscription.newsletter.consent_wording
        subscription.unsubscribed_at = None
        subscription.unsubscribed_how = ""
        subscription.save()
        subscriber = subscription.subscriber
        if subscriber.status in (SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED):
            subscriber.status = SubscriberStatus.ACTIVE
            subscriber.save(update_fields=["status", "updated_at"])


def unsubscribe(subscription, how, *, send_id=None):
    """
    Leave one list. The record stays, saying when and how; a second time changes nothing.
    ``send_id``: the send whose e-mail carried the link, which counts the unsubscribe.
    """
    if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        return
    now = timezone.now()
    subscription.status = SubscriptionStatus.UNSUBSCRIBED
    subscription.unsubscribed_at = now
    subscription.unsubscribed_how = how
    subscription.save(update_fields=["status", "unsubscribed_at", "unsubscribed_how"])
    if send_id is not None:
        Delivery.objects.filter(send_id=send_id, subscription=subscription).update(
            unsubscribed_at=now
        )


def choose(subscriber, wanted, *, ip=None):
    """
    The preferences page's choice: on the public lists whose slugs are in ``wanted``, off
    the others. Reached by a signed link, which shows the mailbox's owner is choosing.
    """
    current = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
    for newsletter in Newsletter.objects.filter(public=True):
        subscription = current.get(newsletter.pk)
        if newsletter.slug in wanted:
            if subscription is None:
                subscription = Subscription.objects.create(
                    subscriber=subscriber,
                    newsletter=newsletter,
                    source="preferences page",
                    ip_address=ip,
                )
            if subscription.status != SubscriptionStatus.ACTIVE:
                subscription.newsletter = newsletter
                confirm(subscription, how="preferences page (signed link)")
        elif subscription is not None:
            unsubscribe(subscription, "preferences")


# What the preferences page offers as a break, in days.
PAUSES = {"7": "one week", "14": "two weeks", "30": "a month", "90": "three months"}


def pause(subscriber, days):
    """No list e-mail for ``days`` days (0: resume now); every subscription is kept."""
    subscriber.paused_until = timezone.localdate() + timedelta(days=days) if days else None
    subscriber.save(update_fields=["paused_until", "updated_at"])


def leave_all(subscriber, how):
    for subscription in subscriber.subscriptions.exclude(status=SubscriptionStatus.UNSUBSCRIBED):
        unsubscribe(subscription, how)
    if subscriber.status not in NEVER_SEND:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.save(update_fields=["status", "updated_at"])


@task()
def send_confirmation(subscription_id):
    """
    The double opt-in e-mail: a link to a page whose button confirms. Sent by the task
    worker, so a slow mail server never holds up the reader's sign-up.
    """
    subscription = (
        Subscription.objects.select_related("newsletter", "subscriber")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None or subscription.status == SubscriptionStatus.ACTIVE:
        return
    newsletter = subscription.newsletter
    context = {
        "newsletter": newsletter,
        "confirm_url": public_url(
            reverse("newsletter_confirm", args=[confirm_token(subscription)])
        ),
        "preferences_url": public_url(
            reverse("newsletter_preferences", args=[preferences_token(subscription.subscriber)])
        ),
    }
    message = newsletter.email(
        f"Confirm your subscription to {newsletter.name}",
        render_to_string("newsletters/mail/confirm.txt", context),
        render_to_string("newsletters/mail/confirm.html", context),
        subscription.subscriber.email,
    )
    message.send()
