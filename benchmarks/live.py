"""
A live story under load: its page, the polling endpoint every open copy asks, and its feed.

Uses the 10,000-story newsroom of bigroom.py and makes its flagship a live story with
--updates updates (every tenth with a picture), then times each URL through Django's
test client (in process: no network, no server), reporting the median and 99th
percentile. The polling endpoint is timed twice: a full answer, and the 304 an unchanged
poll gets with its ETag, which is what almost every poll of a busy story receives.

    .venv/bin/python benchmarks/live.py [--updates 500] [--requests 200]

Not part of `make test`.
"""

import argparse
import time

from bigroom import build, machine, percentiles  # sets up Django
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.demo import content
from newsdesk.images.models import NewsImage
from newsdesk.live import coverage
from newsdesk.live.models import Coverage, LiveUpdate
from newsdesk.people.models import Author


def make_live(story, updates):
    if not Coverage.objects.filter(article=story).exists():
        coverage.start(story, get_user_model().objects.get(username="editor"))
    live = Coverage.objects.get(article=story)
    missing = updates - LiveUpdate.objects.filter(article=story).count()
    if missing <= 0:
        return
    authors = list(Author.objects.all())
    pictures = list(NewsImage.objects.all())
    rows = []
    for n in range(missing):
        live.last_sequence += 1
        body = [
            {
                "type": "paragraph",
                "value": f"<p>Update {live.last_sequence}: officials "
                "briefed reporters on the talks, the agenda and the schedule.</p>",
            }
        ]
        if n % 10 == 0:
            body.append(
                {"type": "image", "value": {"image": pictures[n % len(pictures)].pk, "caption": ""}}
            )
        rows.append(
            LiveUpdate(
                article=story,
                sequence=live.last_sequence,
                author=authors[n % len(authors)],
                headline=f"Update {live.last_sequence}" if n % 3 == 0 else "",
                key_event=n % 25 == 0,
                body=body,
                published_at=timezone.now(),
            )
        )
    LiveUpdate.objects.bulk_create(rows)
    live.save(update_fields=["last_sequence"])


def measure(story, requests):
    client = Client(HTTP_HOST="127.0.0.1:8000")
    json_url = f"/live/{story.pk}/updates.json"
    etag = client.get(json_url)["ETag"]
    plain = ArticlePage.objects.live().exclude(pk=story.pk).order_by("-pk").first()
    cases = [
        ("a story without live coverage", plain.url, {}),
        ("live story page (newest 20)", story.url, {}),
        ("live story page, older updates", story.url + "?updates=10", {}),
        ("updates.json, full answer", json_url, {}),
        ("updates.json, unchanged (304)", json_url, {"HTTP_IF_NONE_MATCH": etag}),
        ("updates feed (Atom)", f"/live/{story.pk}/feed/", {}),
    ]
    print(f"{'URL':34} {'status':>6} {'median ms':>10} {'p99 ms':>8} {'bytes':>9} {'req/s':>7}")
    for label, url, headers in cases:
        response = client.get(url, **headers)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url, **headers)
            timings.append((time.perf_counter() - started) * 1000)
        median, p99 = percentiles(timings)
        print(
            f"{label:34} {response.status_code:6d} {median:10.2f} {p99:8.2f} "
            f"{len(response.content):9d} {1000 / median:7.0f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    print(machine())
    build(args.stories)
    story = ArticlePage.objects.get(slug=content.FLAGSHIP)
    make_live(story, args.updates)
    print(
        f"stories: {ArticlePage.objects.count()}, updates on the live story: "
        f"{LiveUpdate.objects.filter(article=story).count()}"
    )
    measure(story, args.requests)


if __name__ == "__main__":
    main()
