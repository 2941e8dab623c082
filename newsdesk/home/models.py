import functools
from itertools import groupby

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from newsdesk.articles.blocks import BodyBlock
from newsdesk.articles.feedlinks import feed_links
from newsdesk.articles.models import ArticlePage, with_sections
from newsdesk.articles.structured_data import home_jsonld
from newsdesk.core import fragments
from newsdesk.core.forms import BasePageForm
from newsdesk.core.models import BasePage

STORIES_PER_SECTION = 4


class HomePage(BasePage):
    """The front page: the lead story, then the latest stories of each section."""

    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story at the top of the front page. Leave empty to lead with the newest.",
    )

    content_panels = [*Page.content_panels, FieldPanel("lead_story")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "home.StandardPage", "live.CorrectionsPage"]
    base_form_class = BasePageForm
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        front = functools.cache(lambda: self._front())
        context.update(
            # Read by the template only when the front page is not kept (core.fragments).
            jsonld=functools.cache(lambda: home_jsonld(request)),
            feeds=feed_links(request),
            lead=lambda: front()[0],
            sections=lambda: front()[1],
            versions=[fragments.path(self.url), fragments.SITE, fragments.PEOPLE],
        )
        return context

    def _front(self):
        """The lead story, and each section with its latest stories."""
        # Stories sit under sections, two levels down: naming the depth lets the
        # database read the newest first from the listing index (articles.0006).
        published = (
            ArticlePage.objects.published()
            .descendant_of(self)
            .filter(depth=self.depth + 2)
            .for_listing()
        )
        lead = None
        if self.lead_story_id:
            lead = published.filter(pk=self.lead_story_id).first()
        if lead is None:
            lead = published.newest_first().first()
        latest = published.exclude(pk=getattr(lead, "pk", None)).latest_per_section(
            STORIES_PER_SECTION
        )
        stories = with_sections([lead, *latest] if lead else latest)
        if lead:
            lead, stories = stories[0], stories[1:]
        sections = [
            (section, list(group))
            for section, group in groupby(stories, key=lambda a: a.section)
            if section is not None
        ]
        return lead, sections


class StandardPage(BasePage):
    """A page that is not a story: about us, policies, contact, imported pages."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    base_form_class = BasePageForm

    class Meta:
        verbose_name = "standard page"
