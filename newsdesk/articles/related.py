"""
Related stories, computed when a story is published and stored in ``RelatedStory``.

A neighbour's score adds up what a desk editor would weigh: shared topics count most, then
how many headline and standfirst words the stories share (among candidates the search
backend finds), shared authors, the same section, and freshness. Publishing a story
refreshes its own list and the lists of its closest neighbours (it may now belong in
theirs), not the whole site's.
"""

import contextlib
import contextvars
import math
import re
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from newsdesk.core import fragments
from newsdesk.core.purging import purge_on_commit
from newsdesk.core.search_query import clean_query

from .models import ArticlePage, RelatedStory

LIST_LENGTH = 6
CANDIDATES = 200
TEXT_CANDIDATES = 200
WEIGHTS = {"topic": 3.0, "text": 2.0, "author": 1.0, "section": 1.0, "fresh": 0.5}
FRESHNESS_DAYS = 30


_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "after",
        "over",
        "new",
        "says",
        "said",
    ]
)


def _words(story):
    """The distinct words of a story's headline and standfirst, without stopwords."""
    words = re.findall(r"[^\W_]+", f"{story.title} {story.standfirst}".lower())
    return {word for word in words if len(word) > 2} - _STOPWORDS


def _overlap(first, second):
    """Jaccard similarity of two word sets: 0 (nothing shared) to 1 (the same words)."""
    return len(first & second) / len(first | second) if first and second else 0.0


def _published_near(article):
    # Stories of the same site: pages below the same site root.
    root_path = article.path[: 2 * ArticlePage.steplen]
    return ArticlePage.objects.published().filter(path__startswith=root_path).exclude(pk=article.pk)


def score_neighbours(article):
    """{story id: score} for the stories most related to ``article``, best first."""
    topic_ids = list(article.topics.values_list("pk", flat=True))
    author_ids = [link.author_id for link in article.article_authors.all()]
    section_path = article.path[: -ArticlePage.steplen]
    scores = defaultdict(float)
    newest = {}

    structured = (
        _published_near(article)
        .filter(Q(topics__in=topic_ids) | Q(article_authors__author__in=author_ids))
        .annotate(
            shared_topics=Count("topics", filter=Q(topics__in=topic_ids), distinct=True),
            shared_authors=Count(
                "article_authors", filter=Q(article_authors__author__in=author_ids), distinct=True
            ),
        )
        .order_by("-first_published_at")
        .values_list("pk", "shared_topics", "shared_authors", "path", "first_published_at")[
            :CANDIDATES
        ]
    )
    for pk, topics, authors, path, published in structured:
        scores[pk] += WEIGHTS["topic"] * topics + WEIGHTS["author"] * authors
        scores[pk] += WEIGHTS["section"] * path.startswith(section_path)
        newest[pk] = published

    own_words = _words(article)
    query = clean_query(" ".join(sorted(own_words, key=len, reverse=True)[:8]))
    if query:
        # The backend finds stories sharing words; similarity is then the overlap of
        # their headline and standfirst words, computed here (ranking thousands of
        # matches in the backend is slow on SQLite).
        matches = (
            _published_near(article)
            .order_by("-first_published_at")
            .search(query, operator="or", order_by_relevance=False)[:TEXT_CANDIDATES]
        )
        for match in matches:
            similarity = _overlap(own_words, _words(match))
            scores[match.pk] += WEIGHTS["text"] * similarity
            if match.pk not in newest:
                scores[match.pk] += WEIGHTS["section"] * match.path.startswith(section_path)
                newest[match.pk] = match.first_published_at

    now = timezone.now()
    for pk, published in newest.items():
        if published:
            age_days = max(0, (now - published).total_seconds() / 86400)
            scores[pk] += WEIGHTS["fresh"] * math.exp(-age_days / FRESHNESS_DAYS)
    excluded = set(article.related_exclusions.values_list("related_id", flat=True))
    ranked = sorted(
        ((pk, score) for pk, score in scores.items() if pk not in excluded),
        key=lambda item: (-item[1], -newest[item[0]].timestamp() if newest.get(item[0]) else 0),
    )
    return dict(ranked[:LIST_LENGTH])


def store_neighbours(article):
    """
    Replace ``article``'s stored list; returns the ids now in it. When the list changed,
    the story's page is purged from caches: its "Related stories" box is out of date.
    """
    neighbours = score_neighbours(article)
    before = list(
        RelatedStory.objects.filter(article=article)
        .order_by("rank")
        .values_list("related_id", flat=True)
    )
    if before != list(neighbours) and article.live:
        purge_on_commit([article.get_full_url()])
        # The list is kept with the story's content (core.fragments): made again too.
        fragments.bump_on_commit(fragments.content(article))
    with transaction.atomic():
        RelatedStory.objects.filter(article=article).delete()
        RelatedStory.objects.bulk_create(
            RelatedStory(article=article, related_id=pk, score=score, rank=rank)
            for rank, (pk, score) in enumerate(neighbours.items())
        )
    return list(neighbours)


_batch = contextvars.ContextVar("newsdesk_related_batch", default=None)


@contextlib.contextmanager
def batch():
    """
    Hold back the related-list refresh each publication starts, for code that publishes
    many stories at once (an import): inside, published ids are collected in the set this
    yields; the caller then refreshes them with one :func:`refresh_many` task. Refreshing
    each story and its neighbours as it came in would redo most lists hundreds of times.
    """
    held = set()
    token = _batch.set(held)
    try:
        yield held
    finally:
        _batch.reset(token)


def held_back(article_id):
    """True, and ``article_id`` remembered, inside :func:`batch`."""
    held = _batch.get()
    if held is None:
        return False
    held.add(article_id)
    return True


@task()
def refresh_many(article_ids):
    """Recompute the related lists of many published stories, each once."""
    for article in ArticlePage.objects.live().filter(pk__in=article_ids).iterator():
        store_neighbours(article)


@task()
def refresh_related(article_id):
    """Recompute a published story's related list and those of its closest neighbours."""
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None or not article.live:
        return
    for neighbour in ArticlePage.objects.filter(pk__in=store_neighbours(article)):
        store_neighbours(neighbour)


def forget(article):
    """Take an unpublished or deleted story out of every list it was in."""
    RelatedStory.objects.filter(Q(related=article) | Q(article=article)).delete()
