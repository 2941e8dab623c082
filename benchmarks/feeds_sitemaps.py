"""
Feed and sitemap latency with 10,000 stories.

Builds (once) a SQLite newsroom of 10,000 published stories in var/bench-10k on top of
the demo content, then times each feed and sitemap through Django's test client (in
process: no network, no server), reporting the median and 99th percentile.

    .venv/bin/python benchmarks/feeds_sitemaps.py [--stories 10000] [--requests 50]

Not part of `make test`.
"""

import argparse
import os
import platform
import statistics
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
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.search import signal_handlers as search_signals  # noqa: E402

from newsdesk.articles.models import ArticleAuthor, ArticlePage, SectionPage  # noqa: E402
from newsdesk.images.models import NewsImage  # noqa: E402
from newsdesk.people.models import Author  # noqa: E402
from newsdesk.topics.models import Topic  # noqa: E402

URLS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/sections/world/rss/",
    "/feeds/topics/energy/atom/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-articles.xml?p=2",
    "/news-sitemap.xml",
]


def build(stories):
    call_command("migrate", verbosity=0)
    if not SectionPage.objects.exists():
        call_command("load_demo", "--no-warm", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    missing = stories - ArticlePage.objects.count()
    if missing <= 0:
        return
    # Indexing each story for search is not what is measured here.
    post_save.disconnect(search_signals.post_save_signal_handler)
    sections = list(SectionPage.objects.all())
    authors = list(Author.objects.all())
    topics = list(Topic.objects.all())
    images = list(NewsImage.objects.all())
    now = timezone.now()
    started = time.perf_counter()
    for n in range(missing):
        if n % 500 == 0:
            if n:
                transaction.commit()
                print(f"  {n} stories added ({time.perf_counter() - started:.0f} s)", flush=True)
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
    print(f"  {missing} stories added in {time.perf_counter() - started:.0f} s")


def measure(requests):
    client = Client(HTTP_HOST="127.0.0.1:8000")
    print(f"{'URL':32} {'first ms':>9} {'median ms':>10} {'p99 ms':>8} {'bytes':>9}")
    for url in URLS:
        started = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p99 = timings[min(len(timings) - 1, round(0.99 * len(timings)) - 1)]
        print(
            f"{url:32} {first:9.1f} {statistics.median(timings):10.1f} {p99:8.1f} "
            f"{len(response.content):9d}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, {django.get_version()}, "
        f"{'SQLite' if 'sqlite' in django.db.connection.vendor else django.db.connection.vendor}"
    )
    build(args.stories)
    print(f"stories: {ArticlePage.objects.count()}")
    measure(args.requests)


if __name__ == "__main__":
    main()
