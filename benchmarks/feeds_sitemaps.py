"""
Feed and sitemap latency with 10,000 stories.

Builds (once) a SQLite newsroom of 10,000 published stories in var/bench-10k on top of
the demo content, then times each feed and sitemap through Django's test client (in
process: no network, no server), reporting the median and 99th percentile.

    .venv/bin/python benchmarks/feeds_sitemaps.py [--stories 10000] [--requests 50]

Not part of `make test`.
"""

import argparse
import time

from bigroom import build, machine, percentiles  # sets up Django
from django.test import Client

from newsdesk.articles.models import ArticlePage

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
        median, p99 = percentiles(timings)
        print(f"{url:32} {first:9.1f} {median:10.1f} {p99:8.1f} {len(response.content):9d}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    print(machine())
    build(args.stories)
    print(f"stories: {ArticlePage.objects.count()}")
    measure(args.requests)


if __name__ == "__main__":
    main()
