"""
The folder of saved pages (``pages/``), written for the project in the layouts newsrooms'
old sites use, imported in one run and checked field by field against the story a desk
editor would expect of each (``pages/expected.json``).
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.importers.models import ImportRecord

PAGES = Path(__file__).parent / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


def _local(moment):
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def _text(value):
    if hasattr(value, "values"):  # a struct block: its parts' text
        return " ".join(_text(part) for part in value.values())
    return str(value)


def what_came_in(story):
    """The story's fields as the expectations name them."""
    record = ImportRecord.objects.get(kind="story", object_id=str(story.pk))
    body = list(story.body)
    paragraphs = [str(b.value) for b in body if b.block_type == "paragraph"]
    also_read = []
    for block in body:
        if block.block_type == "also_read":
            value = block.value
            if value["article"] is not None:
                also_read.append({"story": value["article"].title})
            else:
                also_read.append({"url": value["url"], "title": value["title"]})
    return {
        "headline": story.title,
        "standfirst": story.standfirst,
        "authors": [a.author.name for a in story.article_authors.all()],
        "published": _local(story.first_published_at),
        "updated": _local(story.updated_at),
        "topics": sorted(t.name for t in story.topics.all()),
        "headings": [str(b.value) for b in body if b.block_type == "heading"],
        "first_paragraph": paragraphs[0] if paragraphs else "",
        "block_types": [b.block_type for b in body],
        "also_read": also_read,
        "credits": [
            {k: c[k] for k in ("creator", "source", "licence")} for c in record.data["credits"]
        ],
        "text": " ".join(_text(b.value) for b in body),
    }


FIELDS = (
    "headline",
    "standfirst",
    "authors",
    "updated",
    "topics",
    "headings",
    "block_types",
    "first_paragraph",
    "also_read",
    "credits",
)


@pytest.mark.django_db
def test_the_folder_of_saved_pages_comes_in_as_a_desk_editor_expects(home):
    """
    Every page, every field: all the differences are listed at once, so a change to the
    importer shows everything it moved.
    """
    started = timezone.now()
    out = StringIO()
    call_command("import", "page", str(PAGES), stdout=out)
    report = out.getvalue()
    assert len(EXPECTED) >= 12
    files = sorted(p.name for p in PAGES.iterdir() if p.suffix in (".html", ".txt"))
    assert files == sorted(EXPECTED)
    stories = {
        Path(r.data["path"]).name: r.target.specific
        for r in ImportRecord.objects.filter(kind="story")
    }
    assert sorted(stories) == sorted(EXPECTED), report
    wrong = []
    for name, expected in EXPECTED.items():
        got = what_came_in(stories[name])
        for field in FIELDS:
            if got[field] != expected[field]:
                wrong.append(f"{name} {field}: expected {expected[field]!r}, got {got[field]!r}")
        if expected["published"] is None:  # the page gives no date: the import's time
            if stories[name].first_published_at < started:
                wrong.append(f"{name} published: {got['published']} is not the import's time")
        elif not (got["published"] or "").startswith(expected["published"]):
            wrong.append(
                f"{name} published: expected {expected['published']}, got {got['published']}"
            )
        wrong += [f"{name}: “{t}” is missing" for t in expected["in_text"] if t not in got["text"]]
        wrong += [f"{name}: “{t}” was kept" for t in expected["not_in_text"] if t in got["text"]]
    assert not wrong, "\n".join(wrong)
    # Related links are counted in the report, by what they became.
    assert "also read blocks to stories on this site: 4" in report
    assert "also read link cards to stories on other sites: 2" in report
    assert "bookmark card “Council votes to ban jet skis near the sandbanks”" in report
    assert "Skipped" not in report


def test_every_saved_page_is_written_for_the_project():
    for page in PAGES.iterdir():
        if page.suffix == ".html":
            assert page.read_text(encoding="utf-8").startswith("<!-- Written for the tests"), page
