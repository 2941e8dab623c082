import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from newsdesk.core import fragments
from newsdesk.core.forms import BasePageForm
from newsdesk.core.models import BasePage
from newsdesk.core.widgets import FilteredCheckboxSelectMultiple

from .blocks import ArticleBodyBlock
from .cards import cards_by_id, paginate_cards, with_sections
from .feedlinks import feed_links
from .forms import ArticlePageForm
from .permissions import StoryPermissionTester
from .publishing import PublishArticleAction
from .purging import urls_showing
from .querysets import ArticlePageQuerySet
from .story import StoryView

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticlePageQuerySet",
    "ArticleType",
    "RelatedExclusion",
    "RelatedPin",
    "RelatedStory",
    "SectionPage",
    "paginate_cards",
    "with_sections",
]

SECTION_LISTING_SIZE = 20
RELATED_SHOWN = 4


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class SectionPage(BasePage):
    """A section of the paper (Politics, Business, …): lists its stories, newest first."""

    introduction = models.TextField(blank=True, help_text="Shown under the section's name.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    base_form_class = BasePageForm
    shown_on_every_page = True
    cache_query_params = ("page",)

    class Meta:
        verbose_name = "section"

    def purge_urls(self, reason):
        site = self.get_site()
        root = site.root_url if site else ""
        paths = [
            "/",
            reverse("sitemap"),
            reverse("sitemap_section", args=["sections"]),
            reverse("section_feed_rss", args=[self.slug]),
            reverse("section_feed_atom", args=[self.slug]),
        ]
        return {self.get_full_url(), *(f"{root}{path}" for path in paths)}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        @functools.cache
        def articles():
            # Read by the template only when the listing is not kept (core.fragments).
            stories = ArticlePage.objects.published().child_of(self).newest_first()
            return paginate_cards(
                request,
                stories.for_listing(),
                SECTION_LISTING_SIZE,
                count_key=f"section:{self.pk}",
            )

        context["articles"] = articles
        context["feeds"] = feed_links(request, "section", self.slug)
        context["versions"] = [
            fragments.path(self.url),
            fragments.SITE,
            fragments.PEOPLE,
            fragments.TOPICS,
        ]
        return context


class ArticleType(models.TextChoices):
    NEWS = "news", "News"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"


class ArticlePage(BasePage):
    """
    A story: headline, standfirst, byline, dateline, lead image and a body of blocks.

    ``first_published_at`` (Wagtail's) is when readers first saw it; ``updated_at`` moves
    only when an editor marks a change as significant, with a public note saying what
    changed.
    """

    standfirst = models.TextField(
        max_length=400,
        help_text="One or two sentences under the headline that tell the story in brief.",
    )
    article_type = models.CharField(
        max_length=16,
        choices=ArticleType.choices,
        default=ArticleType.NEWS,
        help_text="Analysis and opinion are labelled as such for readers.",
    )
    dateline = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where the story was reported from, e.g. NEW DELHI.",
    )
    topics = ParentalManyToManyField("topics.Topic", blank=True, related_name="articles")
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=(
            "Shown at the top of the story and on cards. It needs alt text and the credit "
            "its licence asks for to publish."
        ),
    )
    lead_image_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text=(
            "Tick only when the picture adds nothing a reader needs (an illustration, a "
            "pattern): it is then shown without alt text, and screen readers skip it."
        ),
    )
    lead_image_caption = models.CharField(
        max_length=500,
        blank=True,
        help_text="What this picture shows in this story; the credit is added for you.",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    significant_update = models.BooleanField(
        "significant update",
        default=False,
        help_text=(
            "Tick when this change alters the story (new facts, a correction). Publishing "
            "then sets the public “Updated” time. Leave unticked for typo fixes."
        ),
    )
    update_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown to readers beside “Updated”, e.g. “Adds the ministry's statement.”",
    )
    update_anchor = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=(
            "Where on the page the whole note is (a correction, a live update): readers "
            "see a short link beside “Updated” instead of the note repeated."
        ),
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="Set when a significant update is published.",
    )

    objects = ArticlePageManager()

    content_panels = [
        TitleFieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("article_type"), FieldPanel("dateline")]),
        MultipleChooserPanel(
            "article_authors", chooser_field_name="author", heading="Byline", label="Author"
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_decorative"),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        FieldPanel("topics", widget=FilteredCheckboxSelectMultiple),
        MultiFieldPanel(
            [
                MultipleChooserPanel(
                    "related_pins",
                    chooser_field_name="related",
                    heading="Pinned",
                    label="Pinned related story",
                    help_text="Shown first in “Related stories”, in this order.",
                ),
                MultipleChooserPanel(
                    "related_exclusions",
                    chooser_field_name="related",
                    heading="Never suggest",
                    label="Excluded story",
                ),
            ],
            heading="Related stories",
        ),
        MultiFieldPanel(
            [
                FieldPanel("significant_update"),
                FieldPanel("update_note"),
                FieldPanel("updated_at", read_only=True),
            ],
            heading="Updates",
        ),
    ]
    # Readers' search uses the SearchFields; the admin's page search uses only the
    # AutocompleteFields (Wagtail's search view autocompletes), so those name every field
    # an editor may remember a story by: its words, standfirst, byline and topics.
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.AutocompleteField("standfirst"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
        index.RelatedFields(
            "article_authors",
            [
                index.RelatedFields(
                    "author", [index.SearchField("name"), index.AutocompleteField("name")]
                )
            ],
        ),
        index.RelatedFields("topics", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.FilterField("article_type"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    base_form_class = ArticlePageForm
    publish_action_class = PublishArticleAction
    # Live coverage shows older updates at ?updates=N.
    cache_query_params = ("updates",)

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        if self.significant_update and not self.update_note.strip():
            raise ValidationError(
                {"update_note": "Say in a few words what changed; readers see this note."}
            )

    @classmethod
    def bylines(cls):
        """Every byline entry, for fetching stories' authors in their order."""
        return ArticleAuthor.objects.all()

    def permissions_for_user(self, user):
        return StoryPermissionTester(user, self)

    def with_content_json(self, content):
        # Like first_published_at, the "Updated" time belongs to the live page, not to a
        # revision: restoring an old revision must not move it.
        obj = super().with_content_json(content)
        obj.updated_at = self.updated_at
        if not obj.significant_update:
            # Live updates and corrections set the note on the live page (mark_updated);
            # publishing a minor edit keeps it rather than restoring an older one.
            obj.update_note = self.update_note
            obj.update_anchor = self.update_anchor
        else:
            obj.update_anchor = ""
        return obj

    def purge_urls(self, reason):
        return urls_showing(self, reason)

    def mark_updated(self, note, at=None, anchor=""):
        """
        Move the public "Updated" time to ``at`` (now by default), with ``note`` as the
        reason, without publishing a revision. For changes made beside the body, such as
        live updates and corrections; editors' own edits use the "significant update" box
        instead. ``anchor`` is the id of the place on the page that tells the whole change
        (a correction's note): readers then get a short link there, not the note twice.
        """
        at = at or timezone.now()
        note = note[: self._meta.get_field("update_note").max_length]
        ArticlePage.objects.filter(pk=self.pk).update(
            updated_at=at, update_note=note, update_anchor=anchor
        )
        self.updated_at, self.update_note, self.update_anchor = at, note, anchor

    @cached_property
    def section(self):
        """The section the story is filed in; listings set it in bulk with with_sections()."""
        # Stories live only under sections: one query reads the section with its fields.
        parent = SectionPage.objects.filter(path=self.path[: -self.steplen]).first()
        return parent or self.get_parent().specific

    @property
    def authors(self):
        return [link.author for link in self.article_authors.all() if link.author_id]

    def body_with_anchors(self):
        """
        The body's blocks paired with the anchor of each heading (None for other blocks),
        unique within the story so the table of contents can link to them.
        """
        seen = set()
        for block in self.body:
            anchor = None
            if block.block_type == "heading":
                base = slugify(block.value) or "section"
                anchor, n = base, 2
                while anchor in seen:
                    anchor, n = f"{base}-{n}", n + 1
                seen.add(anchor)
            yield block, anchor

    def related_ids(self):
        """
        The stories for "Related stories", best first: the editor's pins in their order,
        then the stored computed list, without exclusions, repeats or the story itself.
        """
        pins = [pin.related_id for pin in self.related_pins.all()]
        excluded = {link.related_id for link in self.related_exclusions.all()}
        computed = RelatedStory.objects.filter(article=self).values_list("related_id", flat=True)
        order = []
        for pk in [*pins, *computed]:
            if pk not in order and pk != self.pk and (pk in pins or pk not in excluded):
                order.append(pk)
        return order

    def related_cards(self, limit=RELATED_SHOWN):
        """The published related stories to show, ready for cards."""
        order = self.related_ids()
        cards = cards_by_id(order)
        return [cards[pk] for pk in order if pk in cards][:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(StoryView(self, request).context())
        return context


class RelatedPin(Orderable):
    """A story an editor pinned to the top of another story's related list."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pins")
    related = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]


class RelatedExclusion(Orderable):
    """A story an editor never wants suggested as related to another."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_exclusions")
    related = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]


class RelatedStory(models.Model):
    """
    One computed neighbour of a story, with its score and rank. Written when stories are
    published (``articles.related``), read by the article page; never computed per request.
    """

    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="computed_related"
    )
    related = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_story")
        ]
        verbose_name_plural = "related stories"

    def __str__(self):
        return f"{self.article_id} → {self.related_id} ({self.score:.2f})"


class ArticleAuthor(Orderable):
    """One name in a story's byline, in the order the editor set."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        "people.Author", on_delete=models.PROTECT, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    def __str__(self):
        return str(self.author)
