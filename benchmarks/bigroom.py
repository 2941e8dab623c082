"""
A big newsroom for benchmarks, built once on top of the demo content into
NEWSDESK_DATA_DIR (SQLite; var/bench-10k unless set): 10,000 stories for the feed, search
and live benchmarks, 1,000 and 100,000 for scale.sh. Import this module before anything
from Django: it sets up Django.
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ.setdefault("NEWSDESK_DATA_DIR", str(ROOT / "var" / "bench-10k"))
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.search import signal_handlers as search_signals  # noqa: E402

from newsdesk.articles.models import ArticleAuthor, ArticlePage, SectionPage  # noqa: E402
from newsdesk.images.models import NewsImage  # noqa: E402
from newsdesk.people.models import Author  # noqa: E402
from newsdesk.topics.models import Topic  # noqa: E402


def machine():
    import platform

    vendor = django.db.connection.vendor
    return (
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, Django {django.get_version()}, {vendor}"
    )


def build(stories):
    call_command("migrate", verbosity=0)
    if not SectionPage.objects.exists():
        call_command("load_demo", "--no-warm", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    missing = stories - ArticlePage.objects.count()
    if missing > 0:
        _add(missing)
    # What a running site does at most hourly as it publishes (core.signals): without
    # fresh statistics SQLite plans as if the tables were still small.
    if django.db.connection.vendor == "sqlite":
        with django.db.connection.cursor() as cursor:
            cursor.execute("PRAGMA analysis_limit=400")
            cursor.execute("ANALYZE")


def _add(missing):
    # Indexing each story for search is not what is measured here.
    # (benchmarks that search rebuild the index once, with update_index).
    post_save.disconnect(search_signals.post_save_signal_handler)
    sections = list(SectionPage.objects.all())
    authors = list(Author.objects.all())
    topics = list(Topic.objects.all())
    images = list(NewsImage.objects.all())
    now = timezone.now()
    started = time.perf_counter()
    # A build stopped half way goes on where it stopped.
    done = ArticlePage.objects.filter(slug__startswith="bench-").count()
    for n in range(done, done + missing):
        if (n - done) % 500 == 0:
            if n > done:
                transaction.commit()
                print(
                    f"  {n - done} stories added ({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
            transaction.set_autocommit(False)
        published = now - timedelta(minutes=7 * n)
        page = ArticlePage(
            title=f"Benchmark story {n}: council weighs a new plan for the riverside",
            slug=f"bench-{n}",
            standfirst="A story generated to measure feeds and sitemaps at scale.",
            lead_image=images[n % len(images)],
            body=[
                {"type": "heading", "value": "Introduction"},
                {"type": "paragraph", "value": "<p>The council met on Tuesday.</p>"},
            ],
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        page.article_authors = [ArticleAuthor(author=authors[n % len(authors)])]
        page.topics = [topics[n % len(topics)]]
        sections[n % len(sections)].add_child(instance=page)
    transaction.commit()
    transaction.set_autocommit(True)
    post_save.connect(search_signals.post_save_signal_handler)
    print(f"  {missing} stories added in {time.perf_counter() - started:.0f} s")


def percentiles(timings):
    """(median, 99th percentile) of a list of milliseconds."""
    import statistics

    timings = sorted(timings)
    p99 = timings[min(len(timings) - 1, round(0.99 * len(timings)) - 1)]
    return statistics.median(timings), p99
