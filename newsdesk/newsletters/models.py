"""
Newsletters (the lists a newsroom sends), their subscribers, and each subscriber's consent
to each list.

Nothing about a subscriber is deleted by leaving: unsubscribing marks the subscription
so and keeps when and how. Erasing a person is a privacy request's business
(``newsletters.privacy``), done on purpose by an editor.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from newsdesk.core.absolute import public_url

from .tokens import unsubscribe_token


def normalise_email(address):
    """One spelling per mailbox: surrounding space removed, the whole address lower-cased."""
    return (address or "").strip().casefold()


class Newsletter(models.Model):
    """A list readers subscribe to, such as "Daily briefing"."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Its address: stable.")
    description = models.TextField(
        blank=True, help_text="One or two sentences readers see where they sign up."
    )
    cadence = models.CharField(
        max_length=80, blank=True, help_text="How often it comes, e.g. Every weekday at 7."
    )
    sender_name = models.CharField(max_length=120, blank=True)
    sender_email = models.EmailField(
        blank=True, help_text="The From address; required before the first send."
    )
    reply_to = models.EmailField(blank=True, help_text="Where replies go, if not the sender.")
    public = models.BooleanField(
        default=True, help_text="Public lists are offered to readers; internal ones are not."
    )
    section = models.ForeignKey(
        "articles.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The section it follows: its sign-up form shows on that section's stories.",
    )
    topic = models.ForeignKey(
        "topics.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("cadence"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("sender_name"), FieldPanel("sender_email")]),
                FieldPanel("reply_to"),
            ],
            heading="Sender",
        ),
        FieldPanel("public"),
        FieldRowPanel([FieldPanel("section"), FieldPanel("topic")]),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def consent_wording(self):
        """What a reader agrees to by signing up, kept with each consent."""
        return (
            f"Send me {self.name} by e-mail{f' ({self.cadence.lower()})' if self.cadence else ''}."
            " I can unsubscribe at any time with the link in every e-mail."
        )


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    ACTIVE = "active", "Active"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed from everything"
    BOUNCED = "bounced", "Bounced"
    COMPLAINED = "complained", "Complained (marked as spam)"
    SUPPRESSED = "suppressed", "Suppressed"


# A subscriber in one of these is never sent anything again.
NEVER_SEND = (SubscriberStatus.BOUNCED, SubscriberStatus.COMPLAINED, SubscriberStatus.SUPPRESSED)


class Subscriber(models.Model):
    """One mailbox, whatever lists it is on."""

    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=16, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    ACTIVE = "active", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class Subscription(models.Model):
    """A subscriber on one list, with the record of their consent."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(
        max_length=16, choices=SubscriptionStatus.choices, default=SubscriptionStatus.PENDING
    )
    # Consent: when, where, to what wording, from which address, and how it was confirmed.
    consented_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        max_length=500, blank=True, help_text="The page or import the consent came from."
    )
    wording = models.TextField(blank=True, help_text="What the subscriber agreed to.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    confirmed_how = models.CharField(max_length=80, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_how = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_list"
            )
        ]
        ordering = ["newsletter", "subscriber"]

    def __str__(self):
        return f"{self.subscriber} on {self.newsletter}"

    def get_unsubscribe_url(self):
        return public_url(reverse("newsletter_unsubscribe", args=[unsubscribe_token(self)]))
