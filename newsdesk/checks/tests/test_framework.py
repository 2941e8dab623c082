"""The framework: findings shaped like Django's, crashes reported, hostile input survived."""

import pytest
from django.core.checks import ERROR, WARNING, CheckMessage

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.checks import base
from newsdesk.checks.text import Copy, plain_text, split_sentences

pytestmark = pytest.mark.django_db


def test_findings_are_django_check_messages_with_a_place(section):
    page = ArticlePageFactory(parent=section, authors=[], lead_image=None)

    findings = base.run(Copy.from_page(page))

    author = next(f for f in findings if f.id == "completeness.author")
    assert isinstance(author, CheckMessage)
    assert (author.level, author.obj, author.field) == (ERROR, page, "article_authors")
    assert author.msg == "The story has no author."
    assert author.hint == "Add at least one name to the byline."
    assert next(f for f in findings if f.id == "completeness.lead_image").level == WARNING


def test_a_check_that_crashes_is_reported_and_never_blocks(section, monkeypatch):
    def broken(story):
        raise RuntimeError("bug")
        yield

    monkeypatch.setitem(
        base._registry, "test.broken", base.Check("test.broken", ERROR, "test", broken)
    )
    page = ArticlePageFactory(parent=section)

    findings = base.run(Copy.from_page(page))

    (crash,) = [f for f in findings if f.id == "checks.crashed"]
    assert crash.level == WARNING
    assert "“test.broken” could not run (RuntimeError)" in crash.msg
    assert base.run(Copy.from_page(page), level=ERROR) == []


def test_the_story_is_read_as_sentences_with_their_blocks(section):
    page = ArticlePageFactory(
        parent=section,
        title="Talks open",
        standfirst="Leaders meet. Trade is first.",
        body=[
            {"type": "heading", "value": "Introduction"},
            {
                "type": "paragraph",
                "value": "<p>One <b>bold</b> claim. Another, “quoted.” Then more!</p>",
            },
            {"type": "pull_quote", "value": {"quote": "We will see.", "attribution": "A minister"}},
        ],
    )

    story = Copy.from_page(page)

    assert [(s.text, s.field, s.block) for s in story.sentences] == [
        ("Talks open", "title", ()),
        ("Leaders meet.", "standfirst", ()),
        ("Trade is first.", "standfirst", ()),
        ("One bold claim.", "body", (1,)),
        ("Another, “quoted.”", "body", (1,)),
        ("Then more!", "body", (1,)),
        ("We will see.", "body", (2, "quote")),
        ("A minister", "body", (2, "attribution")),
    ]
    assert [(h.text, h.block) for h in story.headings] == [("Introduction", (0,))]
    assert story.word_count == 12


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "<p></p>",
        "<p><script>alert(1)</script>Text &amp; more</p>",
        "<p>Unclosed <b>bold and <i>nested",
        "<p>मोदी और पुतिन मिलेंगे। 会谈将于周四举行。Talks follow.</p>",
    ],
)
def test_hostile_and_odd_text_gives_findings_not_crashes(section, markup):
    page = ArticlePageFactory(parent=section, body=[{"type": "paragraph", "value": markup}])

    findings = base.run(Copy.from_page(page))

    assert not [f for f in findings if f.id == "checks.crashed"]


def test_mixed_scripts_split_into_sentences():
    assert split_sentences("मोदी और पुतिन मिलेंगे। 会谈将于周四举行。 Talks follow.") == [
        "मोदी और पुतिन मिलेंगे।",
        "会谈将于周四举行。",
        "Talks follow.",
    ]
    assert plain_text("<p>A<br>B</p><p>C &lt;tag&gt;</p>") == "A B C <tag>"


def test_a_hundred_thousand_words_are_read(section):
    paragraph = "<p>" + "The council met again today and spoke at length again. " * 100 + "</p>"
    body = [{"type": "paragraph", "value": paragraph} for _ in range(100)]
    page = ArticlePageFactory(parent=section, body=body)

    story = Copy.from_page(page)
    findings = base.run(story)

    assert story.word_count == 100_000
    assert [f.id for f in findings if f.id == "completeness.long_without_headings"] == [
        "completeness.long_without_headings"
    ]
