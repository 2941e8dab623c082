"""What readers see of a developing story, gathered in a fixed number of queries."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Exists, Max, OuterRef
from django.db.models.functions import Coalesce

from newsdesk.articles.models import ArticlePage

from .bodies import load_bodies
from .models import Correction, Coverage, LiveUpdate

UPDATES_PER_PAGE = 20


@dataclass
class Live:
    """A story's coverage, one page of its updates (newest first) and its key events."""

    coverage: Coverage | None
    updates: list
    page: object
    key_events: list

    @property
    def is_live(self):
        return self.coverage is not None and self.coverage.is_live

    @property
    def latest(self):
        """The newest update's number: the polling script counts what arrived after it."""
        return self.updates[0].sequence if self.updates and self.page.number == 1 else 0


def presence(story):
    """
    Whether the story has live coverage and corrections, in one query: most stories
    have neither, and their pages then ask nothing more of this app.
    """
    return ArticlePage.objects.filter(pk=story.pk).values(
        has_coverage=Exists(Coverage.objects.filter(article=OuterRef("pk"))),
        has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
    ).first() or {"has_coverage": False, "has_corrections": False}


DEVELOPING_KEY = "newsdesk:live:developing"
# Starting and ending coverage clear the cached list; the timeout bounds how stale it can
# be where each process has a cache of its own (several workers without Redis).
DEVELOPING_TTL = 60


def developing_ids():
    """The ids of stories under live coverage now, from the cache after the first ask."""
    return cache.get_or_set(
        DEVELOPING_KEY,
        lambda: set(Coverage.objects.filter(ended_at=None).values_list("article_id", flat=True)),
        DEVELOPING_TTL,
    )


def forget_developing():
    cache.delete(DEVELOPING_KEY)


def coverage_of(story):
    return Coverage.objects.filter(article=story).first()


def live_story(story, page_number=1, coverage=None):
    """The story's live coverage for its page; ``None`` when it never had any."""
    coverage = coverage or coverage_of(story)
    if coverage is None:
        return None
    updates = LiveUpdate.objects.filter(article=story).select_related("author")
    paginator = Paginator(updates, UPDATES_PER_PAGE)
    try:
        page = paginator.page(page_number or 1)
    except InvalidPage:
        page = paginator.page(1)
    key_events = list(
        LiveUpdate.objects.filter(article=story, key_event=True).values(
            "sequence", "headline", "published_at"
        )
    )
    return Live(coverage, load_bodies(page.object_list), page, key_events)


def page_of_update(story, sequence):
    """Which page of the story's updates shows update ``sequence``."""
    newer = LiveUpdate.objects.filter(article=story, sequence__gt=sequence).count()
    return newer // UPDATES_PER_PAGE + 1


def state(story):
    """
    What changes whenever a reader's view of the updates would: coverage, how many
    updates there are, the newest and the latest edit. One query; the polling endpoint
    and the updates feed make their validators from it.
    """
    coverage = Coverage.objects.filter(article=story).annotate(
        count=Count("article__live_updates"),
        newest=Max("article__live_updates__sequence"),
        changed=Max(
            Coalesce("article__live_updates__edited_at", "article__live_updates__published_at")
        ),
    )
    return coverage.first()


def corrections_of(story):
    return list(Correction.objects.filter(article=story).order_by("published_at", "pk"))
