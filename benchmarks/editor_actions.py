"""
How long the main editor actions take on the demo newsroom, in process through Django's
test client, the way the admin posts them: a reporter saves a draft and submits it, an
editor approves and publishes it, and an editor posts a live update on the flagship.

It works on a copy of the demo newsroom in NEWSDESK_DATA_DIR (``make demo`` makes one),
so the demo itself is not changed. Tasks (related-story refresh, purges, e-mails) are
queued for a worker, as in production (``NEWSDESK_TASKS_WORKER=true``): the times are
what the editor waits for. ``NEWSDESK_TASKS_WORKER=false`` runs them inside each action.

Usage: NEWSDESK_DATA_DIR=var/demo python benchmarks/editor_actions.py [ROUNDS]
"""

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

source = Path(os.environ.get("NEWSDESK_DATA_DIR", "var"))
if not (source / "newsdesk.sqlite3").exists():
    sys.exit(f"No demo newsroom in {source}: run `make demo` once, or set NEWSDESK_DATA_DIR.")
copy = Path(tempfile.mkdtemp(prefix="newsdesk-editor-bench-"))
shutil.copy2(source / "newsdesk.sqlite3", copy / "newsdesk.sqlite3")
for name in ("media", "secret_key"):
    if (source / name).is_dir():
        shutil.copytree(source / name, copy / name)
    elif (source / name).exists():
        shutil.copy2(source / name, copy / name)
os.environ["NEWSDESK_DATA_DIR"] = str(copy)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ.setdefault("NEWSDESK_TASKS_WORKER", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.test.utils.form_data import rich_text  # noqa: E402

from newsdesk.articles.models import ArticlePage, SectionPage  # noqa: E402
from newsdesk.demo import content  # noqa: E402
from newsdesk.people.models import Author  # noqa: E402
from newsdesk.testing import story_form  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def client_for(username):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def timed(post, url, data):
    start = time.perf_counter()
    response = post(url, data)
    elapsed = time.perf_counter() - start
    if response.status_code not in (200, 302):
        sys.exit(f"{response.status_code}: {response.content.decode()[:500]}")
    return elapsed


def live_update_form(author):
    text = json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Officials from both sides met again this evening.",
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )
    return {
        "author": str(author.pk),
        "headline": "",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value": text,
    }


def main():
    reporter, editor = client_for("reporter"), client_for("editor")
    world = SectionPage.objects.get(slug="world")
    author = Author.objects.order_by("pk").first()
    image = ArticlePage.objects.get(slug=content.FLAGSHIP).lead_image
    flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)
    times = {
        "save draft": [],
        "submit for review": [],
        "approve and publish": [],
        "post a live update": [],
    }
    body = [("paragraph", rich_text("<p>The harbour ferry sails again on 1 December 2025.</p>"))]
    add = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", world.pk))
    add_update = reverse("live:add_update", args=[flagship.pk])
    for round_ in range(ROUNDS):
        story = ArticlePage(title=f"Benchmark story {round_}", slug=f"benchmark-story-{round_}")
        reporter.post(add, story_form(story, "", authors=[author], image=image, body=body))
        story = ArticlePage.objects.get(slug=story.slug)
        edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
        draft = story_form(story, "", authors=[author], image=image, body=body)
        times["save draft"].append(timed(reporter.post, edit, draft))
        submit = story_form(story, "action-submit", authors=[author], image=image, body=body)
        times["submit for review"].append(timed(reporter.post, edit, submit))
        task = ArticlePage.objects.get(pk=story.pk).current_workflow_state.current_task_state
        approve = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task.pk])
        times["approve and publish"].append(timed(editor.post, approve, {"comment": ""}))
        assert ArticlePage.objects.get(pk=story.pk).live, "the story was not published"
        update = live_update_form(author)
        times["post a live update"].append(timed(editor.post, add_update, update))
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite, tasks: {settings.TASKS['default']['BACKEND'].rsplit('.', 1)[-1]}, "
        f"{ROUNDS} rounds"
    )
    print("| action | median | slowest |")
    print("| --- | --- | --- |")
    for action, seconds in times.items():
        median, slowest = statistics.median(seconds) * 1000, max(seconds) * 1000
        print(f"| {action} | {median:.0f} ms | {slowest:.0f} ms |")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(copy, ignore_errors=True)
