"""
How long every newsroom check takes on one story: a 2,000-word story of the demo's
sections (the size of a long news feature), read from a page as the editor's panel and
the publish gate read it, and the reference article read as plain text.

    .venv/bin/python benchmarks/checks.py [--words 2000] [--runs 20]

Not part of `make test`.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ["NEWSDESK_DATA_DIR"] = str(ROOT / "var" / "bench-checks")
(ROOT / "var" / "bench-checks").mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from newsdesk.articles.models import ArticlePage  # noqa: E402
from newsdesk.checks import base, language  # noqa: E402
from newsdesk.checks.text import Copy, plain_text, split_sentences  # noqa: E402
from newsdesk.demo import content  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference" / "reference-article.txt"


def long_story(words):
    """Demo sentences, repeated in five sections until the story has ``words`` words."""
    sentences = [
        sentence
        for story in content.STORIES
        for block in story["body"]
        if block["type"] == "paragraph"
        for sentence in split_sentences(plain_text(block["value"]))
    ]
    lines, count = [], 0
    headings = ["Introduction", "Main Details", "Background", "Latest Updates", "Conclusion"]
    for n in range(10_000):
        if n % 12 == 0:
            lines.append(headings[(n // 12) % len(headings)])
        sentence = sentences[n % len(sentences)]
        lines.append(sentence)
        count += len(sentence.split())
        if count >= words:
            break
    return "\n".join(lines), count


def _blocks(text):
    blocks, paragraph = [], []
    for line in text.splitlines():
        if len(line.split()) <= 3 and not line.endswith("."):
            blocks.append({"type": "heading", "value": line})
        else:
            paragraph.append(line)
            if len(paragraph) == 3:
                blocks.append({"type": "paragraph", "value": "<p>" + " ".join(paragraph) + "</p>"})
                paragraph = []
    return blocks


def timed(function, runs):
    times = []
    for _ in range(runs):
        # Cold: the language family keeps what it read of each sentence between refreshes
        # of the editor's panel; every run here reads the story afresh.
        language.vague_source.cache_clear()
        language.has_source.cache_clear()
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}; {len(base.registered())} checks registered"
    )
    text, words = long_story(args.words)
    story = Copy.from_text(text, headline="A long story")
    median, worst = timed(
        lambda: base.run(Copy.from_text(text, headline="A long story")), args.runs
    )
    print(
        f"{words:,}-word story as text, {len(story.sentences)} sentences: read + all checks "
        f"median {median:.1f} ms, worst {worst:.1f} ms"
    )
    page = ArticlePage(title="A long story", standfirst="Why it matters.", body=_blocks(text))
    median, worst = timed(lambda: base.run(Copy.from_page(page)), args.runs)
    print(
        "the same story as a page (the panel and the gate): "
        f"median {median:.1f} ms, worst {worst:.1f} ms"
    )
    if REFERENCE.exists():
        reference = REFERENCE.read_text(encoding="utf-8")
        median, worst = timed(lambda: base.run(Copy.from_text(reference)), args.runs)
        print(f"reference article: median {median:.1f} ms, worst {worst:.1f} ms")


if __name__ == "__main__":
    main()
