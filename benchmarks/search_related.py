"""
Search latency and the time to publish one story (with its related-list refresh) in a
10,000-story newsroom (see bigroom.py), median and 99th percentile.

    .venv/bin/python benchmarks/search_related.py [--stories 10000] [--requests 20]

Not part of `make test`.
"""

import argparse
import random
import re
import time

from bigroom import build, machine, percentiles  # sets up Django
from django.core.management import call_command
from django.test import Client
from wagtail.search.models import IndexEntry

from newsdesk.articles.models import ArticlePage

QUERIES = [
    "council",
    "riverside plan",
    "harbour ferry",
    "benchmark story 4242",
    "x",
    "word " * 2000,
    'he said "plan',
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    print(machine())
    build(args.stories)
    if IndexEntry.objects.count() < ArticlePage.objects.count():
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"search index built in {time.perf_counter() - started:.0f} s")
    print(f"stories: {ArticlePage.objects.count()}")

    client = Client(HTTP_HOST="127.0.0.1:8000")
    print(f"{'search':32} {'median ms':>10} {'p99 ms':>8} {'results':>8}")
    for query in QUERIES:
        response = client.get("/search/", {"q": query})
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - started) * 1000)
        median, p99 = percentiles(timings)
        found = re.search(r"(\d+) stor(?:y|ies) for", response.content.decode())
        count = int(found.group(1)) if found else 0
        print(f"{query[:30]!r:32} {median:10.1f} {p99:8.1f} {count:8d}")

    stories = list(ArticlePage.objects.live().order_by("?").values_list("pk", flat=True)[:50])
    random.shuffle(stories)
    timings = []
    for pk in stories[: args.requests]:
        page = ArticlePage.objects.get(pk=pk)
        revision = page.save_revision()
        started = time.perf_counter()
        revision.publish()
        timings.append((time.perf_counter() - started) * 1000)
    median, p99 = percentiles(timings)
    print(f"publish one story incl. related refresh: median {median:.0f} ms, p99 {p99:.0f} ms")


if __name__ == "__main__":
    main()
