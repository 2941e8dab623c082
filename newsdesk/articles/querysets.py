"""Which stories: ``published()`` said once, and the listings' fetches."""

from django.apps import apps
from django.db.models import F, Prefetch
from wagtail.query import PageQuerySet

from newsdesk.core.restrictions import private_q


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        """Stories a reader may see: live and not behind a view restriction."""
        return self.live().exclude(private_q())

    def newest_first(self):
        return self.order_by(F("first_published_at").desc(nulls_last=True), "-pk")

    def for_listing(self):
        """Everything a story card shows, fetched in a fixed number of queries."""
        return self.select_related("lead_image").prefetch_related(
            "lead_image__renditions",
            Prefetch(
                "article_authors",
                queryset=self.model.bylines().select_related("author").order_by("sort_order"),
            ),
        )

    def latest_per_section(self, count):
        """
        The ``count`` newest stories of each section, as a list ordered by section (in
        the page tree's order), newest first within each.

        One small query per section finds its newest ids through the listing index
        (migration ``articles.0006``), then one query fetches them all: the cost follows
        the number of sections, not of stories (a window over every story took 0.45 s
        with 60,000 of them).
        """
        ids = []
        unprefetched = self.prefetch_related(None)
        for section in apps.get_model("articles", "SectionPage").objects.order_by("path"):
            ids += (
                unprefetched.child_of(section).newest_first().values_list("pk", flat=True)[:count]
            )
        order = {pk: n for n, pk in enumerate(ids)}
        return sorted(self.filter(pk__in=ids), key=lambda story: order[story.pk])
