"""
Where the time of one uncached page goes, phase by phase, in process (Django's test
client, page cache off), for the demo newsroom in NEWSDESK_DATA_DIR (``make demo`` or
``benchmarks/scale.sh`` makes one).

Each phase is timed where it starts and counted once however deep it nests: SQL (the
database's own time, from an execute wrapper), routing (finding the site and the page),
templates (rendering, which includes everything called from templates: the page's
context is read from there), StreamField (rendering the body's blocks), renditions
(finding picture sizes), cards (fetching the stories of story cards with their sections
and notes), parts (what other apps add to a story) and JSON-LD. Three states are measured:

``whole``
    fragments off: every part of the page made on every request (before fragments);
``kept``
    fragments on and current: what an uncached request costs in steady state;
``purged``
    the page just purged (a comment, a live update): its parts made again around the
    kept body and cards.

Usage: NEWSDESK_DATA_DIR=var/bench python benchmarks/profile_page.py [URL …]
       (PROFILE=1 also prints a pyinstrument profile of the kept state, if installed;
       STATES="whole" measures one state; REQUESTS=30)
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ["NEWSDESK_PAGE_CACHE"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from newsdesk.core import pagecache  # noqa: E402

REQUESTS = int(os.environ.get("REQUESTS", "30"))
PHASES = {
    "routing": [
        ("wagtail.models.pages", "Page", "route_for_request"),
        ("newsdesk.core.routing", None, "_remembered"),
        ("newsdesk.core.routing", None, "find_site"),
    ],
    "parts": [
        ("newsdesk.articles.parts", None, "article_page_parts"),
        ("newsdesk.articles.story", None, "article_page_parts"),
        ("newsdesk.articles.models", None, "article_page_parts"),
    ],
    "jsonld": [
        ("newsdesk.articles.structured_data", None, "article_jsonld"),
        ("newsdesk.articles.models", None, "article_jsonld"),
        ("newsdesk.articles.story", None, "article_jsonld_base"),
        ("newsdesk.articles.story", None, "extend_article_jsonld"),
        ("newsdesk.home.models", None, "home_jsonld"),
    ],
    "templates": [("django.template.response", "SimpleTemplateResponse", "render")],
    "streamfield": [("wagtail.blocks.base", "BoundBlock", "render")],
    "renditions": [("newsdesk.images.renditions", None, "renditions")],
    "cards": [
        ("newsdesk.articles.cards", None, "with_sections"),
        ("newsdesk.articles.story", None, "with_sections"),
        ("newsdesk.articles.models", None, "with_sections"),
        ("newsdesk.home.models", None, "with_sections"),
    ],
}


class Timer:
    def __init__(self):
        self.totals = {name: 0.0 for name in PHASES}
        self.totals["sql"] = 0.0
        self.depth = {name: 0 for name in PHASES}

    def wrap(self, name, function):
        def timed(*args, **kwargs):
            if self.depth[name]:
                return function(*args, **kwargs)
            self.depth[name] += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.totals[name] += time.perf_counter() - start
                self.depth[name] -= 1

        return timed

    def sql(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.totals["sql"] += time.perf_counter() - start


@contextmanager
def instrumented(timer):
    import importlib

    undo = []
    for name, targets in PHASES.items():
        for module_name, owner_name, attribute in targets:
            try:
                module = importlib.import_module(module_name)
            except ImportError:  # an older version of newsdesk, for comparing
                continue
            owner = module
            if owner_name:
                cls = getattr(module, owner_name)
                owner = next(c for c in cls.__mro__ if attribute in c.__dict__)
            if attribute not in owner.__dict__:
                continue
            original = owner.__dict__[attribute]
            function = original.__func__ if isinstance(original, staticmethod) else original
            wrapped = timer.wrap(name, function)
            setattr(
                owner,
                attribute,
                staticmethod(wrapped) if isinstance(original, staticmethod) else wrapped,
            )
            undo.append((owner, attribute, original))
    try:
        with connection.execute_wrapper(timer.sql):
            yield
    finally:
        for owner, attribute, original in undo:
            setattr(owner, attribute, original)


def measure(client, url, state):
    settings.NEWSDESK_FRAGMENTS = state != "whole"
    client.get(url)
    client.get(url)
    timer = Timer()
    times, queries = [], 0
    with instrumented(timer):
        for _ in range(REQUESTS):
            if state == "purged":
                pagecache.purge_local([url])
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            queries = len(captured)
            assert response.status_code == 200, (url, response.status_code)
    phases = {name: total / REQUESTS * 1000 for name, total in timer.totals.items()}
    return statistics.median(times) * 1000, queries, phases


def main(urls):
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{REQUESTS} requests each, in process, SQLite; times in ms per request (mean per phase)")
    names = ["sql", *PHASES]
    print("| page | state | median | queries | " + " | ".join(names) + " |")
    print("|" + " --- |" * (4 + len(names)))
    states = os.environ.get("STATES", "whole kept purged").split()
    for url in urls:
        for state in states:
            median, queries, phases = measure(client, url, state)
            cells = " | ".join(f"{phases[name]:.1f}" for name in names)
            print(f"| `{url}` | {state} | {median:.1f} | {queries} | {cells} |")
    if os.environ.get("PROFILE"):
        from pyinstrument import Profiler

        settings.NEWSDESK_FRAGMENTS = True
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(REQUESTS):
            client.get(urls[0])
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main(sys.argv[1:] or ["/world/putin-modi-december-4-talks/", "/world/", "/"])
