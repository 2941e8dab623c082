"""
Precision and recall of the language checks on the labelled sentences in
benchmarks/language/ (see its README): the sentences tuned on, and the held-out ones.

    .venv/bin/python benchmarks/language.py [--show-errors]

Not part of `make test`.
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.checks import WARNING  # noqa: E402

from newsdesk.checks import base  # noqa: E402
from newsdesk.checks.text import Copy  # noqa: E402

DATA = Path(__file__).resolve().parent / "language"
PUBLISHED = date(2025, 11, 25)
FAMILIES = {
    "A": "attribution",
    "S": "speculation",
    "O": "opinion",
    "D": "dates",
    "N": "names",
    "R": "related",
}
TOPICS = [
    "Narendra Modi",
    "Vladimir Putin",
    "Reserve Bank of India",
    "Riverton Harbour Board",
    "Helen Okafor",
    "Tomás Ferreira",
]
KNOWN = {
    "topics": list(enumerate(TOPICS, start=1)),
    "people": ["Narendra Modi", "Vladimir Putin", "Helen Okafor", "Tomás Ferreira"],
}


def records(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        head, text = line.split(" | ", 1)
        tags, _, modifier = head.partition("@")
        expected = {FAMILIES[t] for t in tags if t in FAMILIES}
        yield number, modifier, text, expected


def story_for(modifier, text):
    article_type = modifier if modifier in ("opinion", "analysis") else "news"
    if " || " in text:
        headline, linked = text.split(" || ")
        story = Copy(title=headline, source="text", article_type=article_type, published=PUBLISHED)
        story._add_text(headline, "title")
        story.links = [{"title": linked, "text": linked, "field": "body", "block": ()}]
    else:
        field = "title" if modifier == "title" else "body"
        story = Copy(
            title=text if field == "title" else "",
            source="text",
            article_type=article_type,
            published=PUBLISHED,
        )
        story._add_text(text, field)
    story.known = KNOWN
    return story


def predicted(story):
    """The families that flag the sentence. Offers (a new name as a topic) are no flag."""
    found = set()
    for finding in base.run(story):
        family = finding.id.split(".")[0]
        if family in FAMILIES.values() and finding.level >= WARNING:
            found.add(family)
    return found


def evaluate(path, show_errors):
    counts = {family: {"tp": 0, "fp": 0, "fn": 0, "positives": 0} for family in FAMILIES.values()}
    total = 0
    for number, modifier, text, expected in records(path):
        total += 1
        got = predicted(story_for(modifier, text))
        for family, tally in counts.items():
            tally["positives"] += family in expected
            if family in got and family in expected:
                tally["tp"] += 1
            elif family in got:
                tally["fp"] += 1
                if show_errors:
                    print(f"  FP {family:12} {path.name}:{number} {text}")
            elif family in expected:
                tally["fn"] += 1
                if show_errors:
                    print(f"  FN {family:12} {path.name}:{number} {text}")
    print(f"{path.name}: {total} sentences")
    print(f"  {'family':12} {'positives':>9} {'precision':>9} {'recall':>7}")
    for family, t in counts.items():
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        print(f"  {family:12} {t['positives']:9d} {precision:9.2f} {recall:7.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--show-errors", action="store_true", help="list the misses of the sentences tuned on"
    )
    parser.add_argument(
        "--tuning-only",
        action="store_true",
        help="leave the held-out files unread (while rules are being changed)",
    )
    args = parser.parse_args()
    evaluate(DATA / "tuning.txt", args.show_errors)
    # Each measured once as it was written (README.md has the numbers), then tuned on.
    evaluate(DATA / "fresh.txt", args.show_errors)
    evaluate(DATA / "third.txt", args.show_errors)
    evaluate(DATA / "fourth.txt", args.show_errors)
    evaluate(DATA / "fifth.txt", args.show_errors)
    # The held-out files are frozen and never shown sentence by sentence: what is tuned on
    # them stops measuring anything.
    if not args.tuning_only:
        evaluate(DATA / "heldout.txt", show_errors=False)


if __name__ == "__main__":
    main()
