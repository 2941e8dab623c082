"""
Related stories, computed when a story is published and stored in ``RelatedStory``.

A neighbour's score adds up what a desk editor would weigh: shared topics count most, then
the search backend's text match on the story's headline and topics, shared authors, the
same section, and freshness. Publishing a story refreshes its own list and the lists of
its closest neighbours (it may now belong in theirs), not the whole site's.
"""

import math
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from newsdesk.core.search_query import clean_query

from .models import ArticlePage, RelatedStory

LIST_LENGTH = 6
CANDIDATES = 200
TEXT_CANDIDATES = 50
WEIGHTS = {"topic": 3.0, "text": 2.0, "author": 1.0, "section": 1.0, "fresh": 0.5}
FRESHNESS_DAYS = 30


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

    words = clean_query(" ".join([article.title, *article.topics.values_list("name", flat=True)]))
    if words:
        matches = (
            _published_near(article)
            .search(words, operator="or")
            .annotate_score("text_score")[:TEXT_CANDIDATES]
        )
        matches = list(matches)
        best = max((m.text_score or 0 for m in matches), default=0) or 1
        for match in matches:
            scores[match.pk] += WEIGHTS["text"] * (match.text_score or 0) / best
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
    """Replace ``article``'s stored list; returns the ids now in it."""
    neighbours = score_neighbours(article)
    with transaction.atomic():
        RelatedStory.objects.filter(article=article).delete()
        RelatedStory.objects.bulk_create(
            RelatedStory(article=article, related_id=pk, score=score, rank=rank)
            for rank, (pk, score) in enumerate(neighbours.items())
        )
    return list(neighbours)


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
