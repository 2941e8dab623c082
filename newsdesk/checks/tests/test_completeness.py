"""Completeness checks: errors that stop a story, warnings that never do."""

import pytest

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.checks import base
from newsdesk.checks.text import Copy, Heading
from newsdesk.core import publishing
from newsdesk.images.factories import NewsImageFactory

pytestmark = pytest.mark.django_db


def ids(page_or_story):
    story = page_or_story if isinstance(page_or_story, Copy) else Copy.from_page(page_or_story)
    return [f.id for f in base.run(story)]


def test_a_complete_story_has_no_findings(section):
    page = ArticlePageFactory(
        parent=section, lead_image=NewsImageFactory(file__width=1600, file__height=900)
    )
    assert ids(page) == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": "A very long headline " * 6}, "completeness.headline_length"),
        ({"lead_image": None}, "completeness.lead_image"),
        ({"lead_image": "small"}, "completeness.lead_image_size"),
        (
            {"body": [{"type": "paragraph", "value": "<p>Council to vote TK.</p>"}]},
            "completeness.placeholder",
        ),
        (
            {"body": [{"type": "paragraph", "value": "<p>[insert quote] here.</p>"}]},
            "completeness.placeholder",
        ),
    ],
)
def test_each_warning(section, fields, expected):
    if fields.get("lead_image") == "small":
        fields["lead_image"] = NewsImageFactory(file__width=800, file__height=600)
    fields.setdefault("lead_image", NewsImageFactory(file__width=1600, file__height=900))
    page = ArticlePageFactory(parent=section, **fields)

    assert ids(page) == [expected]


def test_warnings_never_block_publishing(section, publish):
    page = ArticlePageFactory(parent=section, title="Long " * 30, lead_image=None, live=False)
    assert ids(page) == ["completeness.headline_length", "completeness.lead_image"]

    assert publish(page).live


def test_a_story_without_a_standfirst():
    story = Copy(title="Headline", authors=["A"], source="text")
    assert ids(story) == ["completeness.standfirst"]


def test_long_news_stories_need_headings(section):
    words = "<p>" + "Word " * 801 + "ends.</p>"
    image = NewsImageFactory(file__width=1600, file__height=900)
    page = ArticlePageFactory(
        parent=section, lead_image=image, body=[{"type": "paragraph", "value": words}]
    )
    assert ids(page) == ["completeness.long_without_headings"]

    page.article_type = "opinion"
    assert ids(page) == []


def test_headings_in_order():
    story = Copy(title="A headline", standfirst="S.", authors=["A"], source="html")
    story.headings = [
        Heading("Background", 2),
        Heading("Detail", 4),
        Heading("Introduction", 2),
    ]

    findings = base.run(story)

    assert [f.msg for f in findings] == [
        "The heading “Detail” skips a level (h2 to h4).",
        "“Introduction” comes after “Background”; readers expect it before.",
    ]


def test_errors_are_publish_rules(section):
    page = ArticlePageFactory(parent=section, authors=[], live=False)
    page.title = ""

    with pytest.raises(publishing.PublishRefused) as refused:
        page.publish(page.save_revision(clean=False))

    assert [p.rule for p in refused.value.problems] == [
        "completeness.headline",
        "completeness.author",
    ]


@pytest.mark.parametrize(
    "body",
    [[], [{"type": "paragraph", "value": "<p> </p>"}, {"type": "paragraph", "value": ""}]],
)
def test_an_empty_body_stops_a_story(section, body):
    page = ArticlePageFactory(parent=section, body=body, live=False)

    assert "completeness.body" in ids(page)
    with pytest.raises(publishing.PublishRefused) as refused:
        page.publish(page.save_revision(clean=False))
    assert [p.rule for p in refused.value.problems] == ["completeness.body"]


def test_a_body_of_a_picture_or_an_embed_alone_is_a_body(section):
    image = NewsImageFactory(file__width=1600, file__height=900)
    page = ArticlePageFactory(
        parent=section,
        lead_image=image,
        body=[{"type": "image", "value": {"image": image.pk, "caption": "The crowd."}}],
    )

    assert "completeness.body" not in ids(page)


def test_the_reference_text_reads_as_a_desk_editor_would(reference_text):
    story = Copy.from_text(reference_text)

    assert [h.text for h in story.headings] == [
        "Introduction",
        "Main Details",
        "Background",
        "Latest Updates",
        "Conclusion",
    ]
    assert [link["title"] for link in story.links] == [
        "Stranger Things 5: Fans Lose It After Volume 1 Drops"
    ]
    assert not any("Photo Credits" in s.text or "Comments" in s.text for s in story.sentences)
    assert [i for i in ids(story) if i.startswith("completeness")] == [
        "completeness.headline",
        "completeness.author",
        "completeness.standfirst",
    ]


def test_every_demo_story_passes_every_error_check(home, settings, tmp_path):
    from django.core.checks import ERROR
    from django.core.management import call_command

    from newsdesk.articles.models import ArticlePage

    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--no-warm", verbosity=0, stdout=open(tmp_path / "out", "w"))  # noqa: SIM115

    stories = ArticlePage.objects.all()
    assert stories.count() >= 10
    for story in stories:
        assert base.run(Copy.from_page(story), level=ERROR) == [], story.title
