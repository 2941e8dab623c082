"""
Newsletters (the lists a newsroom sends), their subscribers, and each subscriber's consent
to each list.

Nothing about a subscriber is deleted by leaving: unsubscribing marks the subscription
so and keeps when and how. Erasing a person is a privacy request's business
(``newsletters.privacy``), done on purpose by an editor.
"""

import calendar
import datetime
import secrets
import uuid
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from newsdesk.core.absolute import public_url

from .tokens import unsubscribe_token


def normalise_email(address):
    """One spelling per mailbox: surrounding space removed, the whole address lower-cased."""
    return (address or "").strip().casefold()


class DigestCadence(models.TextChoices):
    OFF = "", "No automatic digest"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class DigestScope(models.TextChoices):
    LIST = "list", "Stories of the section or topic it follows (the whole site if none)"
    SITE = "site", "Stories from the whole site"


WEEKDAYS = list(enumerate(calendar.day_name))


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
    # The automatic digest (newsletters.digests).
    digest = models.CharField(
        max_length=8,
        choices=DigestCadence.choices,
        blank=True,
        default="",
        help_text="Send a digest of new stories automatically.",
    )
    digest_time = models.TimeField(
        default=datetime.time(7, 0), help_text="When it goes, in the newsroom's time zone."
    )
    digest_weekday = models.PositiveSmallIntegerField(
        choices=WEEKDAYS, default=0, help_text="For a weekly digest: the day it goes."
    )
    digest_scope = models.CharField(
        max_length=8,
        choices=DigestScope.choices,
        default=DigestScope.LIST,
        help_text="Which stories it holds.",
    )
    digest_max = models.PositiveSmallIntegerField(
        default=10, help_text="At most this many stories in one digest."
    )
    digest_min = models.PositiveSmallIntegerField(
        default=1, help_text="Skip the digest when fewer stories than this are new."
    )

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
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("digest"), FieldPanel("digest_time"), FieldPanel("digest_weekday")]
                ),
                FieldPanel("digest_scope"),
                FieldRowPanel([FieldPanel("digest_max"), FieldPanel("digest_min")]),
            ],
            heading="Digest",
        ),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def from_header(self):
        """The From of its e-mails: the sender's name (on one line) and address."""
        sender = self.sender_email or settings.DEFAULT_FROM_EMAIL
        name = " ".join(self.sender_name.split())
        return formataddr((name, sender)) if name else sender

    def email(self, subject, text, html, to, headers=None):
        """
        An e-mail from this list (its sender and reply-to, the subject on one line) with a
        plain-text and an HTML part: confirmations, list mail and test copies alike.
        """
        message = EmailMultiAlternatives(
            subject=" ".join(str(subject).split()),
            body=text,
            from_email=self.from_header(),
            to=[to],
            reply_to=[self.reply_to] if self.reply_to else None,
            headers=headers,
        )
        message.attach_alternative(html, "text/html")
        return message

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
    suppressed_reason = models.CharField(
        max_length=500, blank=True, help_text="Why nothing is sent to this address any more."
    )
    paused_until = models.DateField(
        null=True,
        blank=True,
        help_text="The reader asked for a break: no list e-mail until this day.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("name"),
        FieldPanel("status"),
        FieldPanel("suppressed_reason", read_only=True),
        FieldPanel("paused_until", read_only=True),
    ]

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def paused(self):
        return self.paused_until is not None and self.paused_until > timezone.localdate()


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

    def get_unsubscribe_url(self, send=None):
        return public_url(reverse("newsletter_unsubscribe", args=[unsubscribe_token(self, send)]))


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    """What every list e-mail says of the newsroom, and what it may measure."""

    postal_address = models.TextField(
        blank=True,
        help_text=(
            "The newsroom's postal address, printed in every list e-mail as anti-spam "
            "laws require. Nothing is sent to a list until it is filled in."
        ),
    )
    track_opens = models.BooleanField(
        default=False,
        help_text=(
            "Ask the mail provider to count opens with a tracking picture. Off by default: "
            "readers are not watched unless the newsroom decides so (SMTP cannot track)."
        ),
    )
    track_clicks = models.BooleanField(
        default=False,
        help_text="Ask the mail provider to rewrite links to count clicks. Off by default.",
    )

    panels = [FieldPanel("postal_address"), FieldPanel("track_opens"), FieldPanel("track_clicks")]

    class Meta:
        verbose_name = "newsletter settings"


class SendStatus(models.TextChoices):
    DRAFT = "draft", "Not started"
    SENDING = "sending", "Sending"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


def new_marker():
    """A send's random marker: 32 hexadecimal characters."""
    return secrets.token_hex(16)


class SendKind(models.TextChoices):
    MESSAGE = "message", "Message"
    STORY = "story", "Story"
    DIGEST = "digest", "Digest"
    ALERT = "alert", "Breaking-news alert"


class Send(models.Model):
    """
    One message to one list. Its recipients are fixed when it starts (a delivery row for
    each active subscriber at that moment); its status is read from those rows, never
    assumed (``sending.tally``).
    """

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="sends")
    kind = models.CharField(max_length=8, choices=SendKind.choices, default=SendKind.MESSAGE)
    article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story this e-mail carries, for a story e-mail.",
    )
    subject = models.CharField(max_length=200)
    preheader = models.CharField(
        max_length=200, blank=True, help_text="The line mail programs show after the subject."
    )
    # The message's own part, written by the composer (newsletters.compose) and framed
    # by the list's template when the send starts.
    body_html = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    # The framed message, made once at the start; the recipient's own links are put in
    # at the places the marker names.
    html = models.TextField(blank=True, editable=False)
    text = models.TextField(blank=True, editable=False)
    marker = models.CharField(max_length=32, default=new_marker, editable=False)
    web_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=SendStatus.choices, default=SendStatus.DRAFT)
    recipients = models.PositiveIntegerField(default=0)
    problem = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.newsletter})"

    def get_web_url(self):
        return public_url(reverse("newsletter_web_version", args=[self.web_key]))


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    DEFERRED = "deferred", "Deferred (will retry)"
    FAILED = "failed", "Failed"
    UNCERTAIN = "uncertain", "Uncertain (worker stopped while the server took it)"


# Deliveries a worker may still take.
TO_DO = (DeliveryState.QUEUED, DeliveryState.DEFERRED)


class Delivery(models.Model):
    """One send to one subscriber: claimed before it goes, recorded when it went."""

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    subscription = models.ForeignKey(
        Subscription, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    email = models.EmailField(max_length=254)
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=120, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Written just before the server can accept the message (core.mail): a claim that
    # outlived its worker without it was never sent; with it, perhaps it was.
    handed_over_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    error = models.TextField(blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="one_delivery_per_reader")
        ]
        indexes = [models.Index(fields=["send", "state"], name="delivery_send_state")]

    def __str__(self):
        return f"{self.send} to {self.email}: {self.get_state_display()}"


class DigestStatus(models.TextChoices):
    OPEN = "open", "Being gathered"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped (too few new stories)"


class Digest(models.Model):
    """
    One edition of a list's digest: the stories published since the last one, in the
    editors' order (``order`` first, then newest first), less those ``removed``, with
    an optional note on top. The open one is the "next digest" editors may change.
    """

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="digests")
    due_at = models.DateTimeField(help_text="When it goes.")
    since = models.DateTimeField(help_text="It holds stories published after this.")
    note = models.TextField(blank=True, help_text="A few words from the editor, on top.")
    order = models.JSONField(default=list, blank=True)
    removed = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=8, choices=DigestStatus.choices, default=DigestStatus.OPEN)
    send = models.OneToOneField(
        Send, null=True, blank=True, on_delete=models.SET_NULL, related_name="digest"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One open edition per list, so two schedulers make one digest.
            models.UniqueConstraint(
                fields=["newsletter"],
                condition=models.Q(status="open"),
                name="one_open_digest_per_list",
            )
        ]
        ordering = ["-due_at"]

    def __str__(self):
        return f"{self.newsletter} digest of {self.due_at:%Y-%m-%d %H:%M}"


class BreakingAlert(models.Model):
    """
    Breaking news: a banner on every page until it expires or is ended, and, when a list
    is chosen, a short e-mail to it. Starting and ending one purge every page at once.
    """

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    headline = models.CharField(max_length=200)
    line = models.CharField(max_length=300, blank=True, help_text="One line of what happened.")
    newsletter = models.ForeignKey(
        Newsletter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    send = models.OneToOneField(
        Send, null=True, blank=True, on_delete=models.SET_NULL, related_name="alert"
    )
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # When the pages stopped showing it (ended, or purged by the scheduler after expiry).
    cleared_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        permissions = [("send_breaking_alert", "Can send breaking-news alerts")]

    def __str__(self):
        return self.headline

    def is_showing(self, now=None):
        now = now or timezone.now()
        return self.ended_at is None and self.started_at <= now < self.expires_at
