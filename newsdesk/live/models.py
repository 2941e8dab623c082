"""
Developing stories: live coverage of a published story, its timestamped updates, and the
corrections and clarifications owed to readers.

Changes go through :mod:`newsdesk.live.coverage`, which checks permissions, keeps updates
in order under concurrent posting, moves the story's "Updated" time and announces the
change; these models only hold the record.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.core import pagecache
from newsdesk.core.forms import BasePageForm
from newsdesk.core.models import BasePage
from newsdesk.core.pagination import paginate

from .blocks import LiveUpdateBodyBlock
from .corrections_feed import CorrectionsFeed

CORRECTIONS_PER_PAGE = 30


class Coverage(models.Model):
    """
    Live coverage of one story: when it started and, once over, when it ended. A story
    is live (labelled "Developing") while it has a start and no end.
    """

    article = models.OneToOneField(
        ArticlePage, on_delete=models.CASCADE, related_name="live_coverage"
    )
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_sequence = models.PositiveIntegerField(
        default=0, help_text="The number of the latest update posted; removed ones keep theirs."
    )

    class Meta:
        verbose_name_plural = "coverage"
        default_permissions = ()
        permissions = [("manage_coverage", "Can start and end live coverage")]

    def __str__(self):
        state = "live" if self.is_live else "ended"
        return f"Live coverage of “{self.article.title}” ({state})"

    @property
    def is_live(self):
        return self.ended_at is None


class LiveUpdate(models.Model):
    """
    One timestamped update to a developing story. ``sequence`` numbers a story's updates
    1, 2, 3… in the order they were posted; it names the update's permalink
    (``#update-3``) and orders the list even when two land within the same instant.
    """

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="live_updates")
    sequence = models.PositiveIntegerField(editable=False)
    author = models.ForeignKey(
        "people.Author",
        on_delete=models.PROTECT,
        related_name="live_updates",
        help_text="Whose update this is; shown with it.",
    )
    headline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. A short line readers can scan, e.g. “Leaders arrive at the summit”.",
    )
    body = StreamField(LiveUpdateBodyBlock())
    key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Tick for a turn in the story; key events are listed at the top of the updates.",
    )
    published_at = models.DateTimeField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("author"),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldPanel("key_event"),
    ]

    class Meta:
        ordering = ["article", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "sequence"], name="unique_live_update_sequence"
            )
        ]

    def __str__(self):
        return self.headline or f"Update {self.sequence}"

    def get_absolute_url(self):
        return f"{self.article.url}#{self.anchor}"

    @property
    def anchor(self):
        return f"update-{self.sequence}"

    def summary(self, words=30):
        """The update's text without markup, shortened, for feeds and structured data."""
        text = " ".join(
            strip_tags(child.value.source) for child in self.body if child.block_type == "paragraph"
        )
        return Truncator(" ".join(text.split())).words(words)


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"


class Correction(models.Model):
    """A correction or clarification to a story, shown at its foot and on the corrections page."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=16,
        choices=CorrectionKind.choices,
        default=CorrectionKind.CORRECTION,
        help_text="A correction fixes an error of fact; a clarification adds what was unclear.",
    )
    note = models.TextField(
        max_length=1000,
        help_text=(
            "What was wrong and what is right, as readers will see it, e.g. “An earlier "
            "version of this story gave the wrong date for the visit.”"
        ),
    )
    published_at = models.DateTimeField("date", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.note).words(12)}"

    def get_absolute_url(self):
        return f"{self.article.url}#{self.anchor}"

    @property
    def anchor(self):
        return f"correction-{self.pk}"


class CorrectionsPage(RoutablePageMixin, BasePage):
    """The site's record of corrections and clarifications, newest first, with a feed."""

    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="How the newsroom handles corrections and how readers can report an error.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    base_form_class = BasePageForm
    max_count = 1

    class Meta:
        verbose_name = "corrections page"

    def published_corrections(self):
        """Corrections to the site's published stories, newest first."""
        stories = ArticlePage.objects.published().descendant_of(self.get_site().root_page)
        return Correction.objects.filter(article__in=stories).select_related("article")

    @path("")
    def index(self, request):
        context = self.get_context(request)
        context["corrections"] = paginate(
            request, self.published_corrections(), CORRECTIONS_PER_PAGE
        )
        return pagecache.reads_params(self.render(request, context_overrides=context), ("page",))

    @path("feed/")
    def feed(self, request):
        return pagecache.reads_params(CorrectionsFeed(self)(request), ())
