"""
Reader comments on stories (not Wagtail's editor comments, which are notes between
editors in the admin).

A comment is pending, approved, spam or removed; only approved ones are shown. Replies
are one level deep: ``thread`` is the comment that started the thread, ``reply_to`` the
comment answered, which may be another reply. Posting goes through
:mod:`newsdesk.comments.posting`, moderation through :mod:`newsdesk.comments.moderation`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from newsdesk.articles.models import ArticlePage

BODY_LIMIT = 5000


class CommentState(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class Policy(models.TextChoices):
    OPEN = "open", "Open: comments appear at once unless they look like spam"
    MODERATED = "moderated", "Pre-moderated: an editor approves each comment"
    CLOSED = "closed", "Closed: no new comments"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """How reader comments work on the site, and what counts as spam."""

    default_policy = models.CharField(
        max_length=16,
        choices=Policy.choices,
        default=Policy.MODERATED,
        help_text="For stories that do not set their own.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        default=14,
        help_text="Close comments on a story this many days after it was published; 0 never.",
    )
    moderator_emails = models.TextField(
        blank=True,
        help_text=(
            "Addresses told when comments wait for moderation, one a line. When empty, "
            "every active user who may moderate comments and has an e-mail address."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="A comment with more links than this is held as spam."
    )
    blocked_words = models.TextField(
        blank=True, help_text="Words or phrases that mark a comment as spam, one a line."
    )
    blocked_emails = models.TextField(
        blank=True,
        help_text="Addresses (or @domains) whose comments are spam, one a line.",
    )
    blocked_ips = models.TextField(
        blank=True, help_text="IP addresses or networks (e.g. 203.0.113.0/24), one a line."
    )

    panels = [
        FieldPanel("default_policy"),
        FieldPanel("close_after_days"),
        FieldPanel("moderator_emails"),
        MultiFieldPanel(
            [
                FieldPanel("max_links"),
                FieldPanel("blocked_words"),
                FieldPanel("blocked_emails"),
                FieldPanel("blocked_ips"),
            ],
            heading="Spam",
        ),
    ]

    class Meta:
        verbose_name = "comment settings"


class StoryCommentPolicy(models.Model):
    """A story's own comment policy, overriding the site's default."""

    article = models.OneToOneField(
        ArticlePage, on_delete=models.CASCADE, related_name="comment_policy"
    )
    policy = models.CharField(max_length=16, choices=Policy.choices)

    def __str__(self):
        return f"{self.article}: {self.get_policy_display()}"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=CommentState.APPROVED)

    def waiting(self):
        return self.filter(state=CommentState.PENDING)


class Comment(models.Model):
    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="reader_comments"
    )
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=80)
    email = models.EmailField()
    body = models.TextField(max_length=BODY_LIMIT)
    state = models.CharField(
        max_length=16, choices=CommentState.choices, default=CommentState.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "state", "created_at"])]
        permissions = [("moderate_comment", "Can moderate reader comments")]
        default_permissions = ()

    def __str__(self):
        return f"{self.name} on “{self.article.title}”"

    def save(self, *args, **kwargs):
        # Replies are one level deep: an answer to a reply joins its parent's thread, so
        # threads posted here and deeper ones brought in by importers read the same.
        if self.reply_to_id is not None:
            self.thread_id = self.reply_to.thread_id or self.reply_to_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.url}#{self.anchor}"

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def in_reply_to_name(self):
        """The author answered, when that is not the thread's first comment."""
        if self.reply_to_id and self.reply_to_id != self.thread_id and self.reply_to:
            return self.reply_to.name
        return ""


def policy_for(article, site_settings, own=None):
    """The policy in force on ``article`` now: its own or the site's, closed when too old."""
    policy = own or site_settings.default_policy
    days = site_settings.close_after_days
    if (
        policy != Policy.CLOSED
        and days
        and article.first_published_at
        and timezone.now() - article.first_published_at > timedelta(days=days)
    ):
        return Policy.CLOSED
    return policy
