"""Each language family on clear positives and on the near misses that must not fire."""

import json
from datetime import date

import pytest

from newsdesk.checks import base
from newsdesk.checks.text import Copy

PUBLISHED = date(2025, 11, 25)  # a Tuesday
KNOWN = {
    "topics": [(1, "Narendra Modi"), (2, "Reserve Bank of India")],
    "people": ["Narendra Modi", "Meera Raghavan"],
}


def findings(text, family, field="body", article_type="news", links=()):
    story = Copy(source="text", article_type=article_type, published=PUBLISHED, known=KNOWN)
    story._add_text(text, field)
    story.links = [{"title": t, "text": t} for t in links]
    return [f for f in base.run(story) if f.id.startswith(family)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Officials said the road would open in spring.", "Officials said"),
        ("According to reports, the airline will buy new jets.", "According to reports"),
        ("Sources say the chair has been chosen.", "Sources say"),
        ("It is understood that the ministries disagree.", "It is understood"),
        ("The striker is reportedly unhappy.", "is reportedly"),
        ("There is talk of a merger.", "There is talk"),
        ("Insiders claim the budget doubled.", "Insiders claim"),
    ],
)
def test_attribution_flags_vague_sources(text, words):
    (finding,) = findings(text, "attribution")
    assert finding.words == words
    assert finding.hint.startswith("Name the source")


@pytest.mark.parametrize(
    "text",
    [
        "Kremlin officials said the visit was planned.",
        "According to the Ministry of Finance, revenue rose.",
        "Sources in the Finance Ministry said the plan changed.",
        "The mayor, Helen Okafor, said the road would open.",
        "“Officials said nothing,” the reporter wrote.",
    ],
)
def test_attribution_passes_named_sources(text):
    assert findings(text, "attribution") == []


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Council may raise parking fees", "title"),
        ("Fares are expected to double this winter.", "standfirst"),
        ("The agenda may also include water sharing.", "body"),
        ("There is speculation that the chief will resign.", "body"),
        ("Nothing is confirmed yet about the route.", "body"),
        ("The singer is said to be planning a tour.", "body"),
        ("Perhaps the biggest change is to the timetable.", "body"),
    ],
)
def test_speculation_flags_hedges(text, field):
    assert len(findings(text, "speculation", field)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The league may hold its final early, its chairman said.",
        "May is the busiest month for the ferry.",
        "The company was founded in May 1987.",
        "The river could not be crossed, the fire service said.",
        "The council raised parking fees.",
    ],
)
def test_speculation_passes_attributed_and_settled_claims(text):
    assert findings(text, "speculation") == []


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, the timetable is a mess.",
        "And honestly, this meeting carries weight.",
        "I think the ferry should not have been sold.",
        "In my view, the stadium is too big.",
        "The decision, sadly, ends a tradition.",
        "Our city deserves better.",
    ],
)
def test_opinion_flags_the_writers_voice_in_news(text):
    assert len(findings(text, "opinion")) == 1


@pytest.mark.parametrize(
    ("text", "article_type"),
    [
        ("Honestly, the timetable is a mess.", "opinion"),
        ("Clearly, the council has lost touch.", "analysis"),
        ("“I think we will win,” the captain said.", "news"),
        ("The US ambassador attended.", "news"),
        ("The cup was last won before World War I.", "news"),
    ],
)
def test_opinion_passes_opinion_stories_quotes_and_countries(text, article_type):
    assert findings(text, "opinion", article_type=article_type) == []


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("The leaders will meet on December 4.", "2025-12-04"),
        ("The trial begins on 4 December.", "2025-12-04"),
        ("The summit took place on October 28.", "2025-10-28"),
        ("The museum reopens on Monday.", "2025-12-01"),
        ("The minister spoke on Thursday.", "2025-11-20"),
        ("The ferry will sail tomorrow.", "2025-11-26"),
        ("The results came out yesterday.", "2025-11-24"),
        ("Prices rose twice this year.", "2025-01-01/2025-12-31"),
        ("The council votes next week.", "2025-12-01/2025-12-07"),
        # The weekday of the publication day is that day, in any tense.
        ("The minister said on Tuesday that talks would go on.", "2025-11-25"),
        ("The council will vote on Tuesday.", "2025-11-25"),
        ("The union meets on Tuesday.", "2025-11-25"),
        ("The minister spoke last Tuesday.", "2025-11-18"),
        ("The council votes next Tuesday.", "2025-12-02"),
    ],
)
def test_dates_are_resolved_against_the_publication_date(text, resolved):
    (finding,) = findings(text, "dates")
    assert finding.extra["resolved"] == resolved
    assert "Tuesday 25 November 2025" in finding.msg


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("The inquiry will report on February 30.", "is not a date that exists"),
        ("The court rules on 05/06/2026.", "could mean more than one day"),
        ("The mayor will present her plan on November 20, 2025.", "is already past"),
        ("The factory will close last year, the company said.", "is already past"),
    ],
)
def test_impossible_ambiguous_and_past_dates(text, message):
    (finding,) = findings(text, "dates")
    assert message in finding.msg


@pytest.mark.parametrize(
    "text",
    [
        "The leaders met on 4 December 2023.",
        "The ferry will sail again on 10 January 2026.",
        "The agenda may include fishing rights.",
        "The committee meets every month.",
        # A weekday written with a full date is part of it.
        "The leaders met on Thursday, 4 December 2023.",
        "The vote was held on Friday, November 21, 2025.",
    ],
)
def test_dates_with_a_year_and_the_word_may_are_left_alone(text):
    assert findings(text, "dates") == []


def test_unrelated_links_are_flagged_and_related_ones_pass():
    story = Copy(
        title="Putin to visit India for defence and energy talks", source="text", known=KNOWN
    )
    story._add_text(story.title, "title")
    story.links = [
        {"title": "Stranger Things 5: fans react", "text": "Stranger Things 5: fans react"},
        {"title": "India and Russia sign energy pact", "text": "India and Russia sign energy pact"},
    ]
    story.topics = []

    (finding,) = [f for f in base.run(story) if f.id.startswith("related")]

    assert finding.words == "Stranger Things 5: fans react"


def test_a_link_in_the_same_section_or_topic_is_related():
    story = Copy(
        title="Budget passes", source="text", section="Politics", topics=["Budget"], known=KNOWN
    )
    story.links = [
        {"title": "Cricket final", "text": "Cricket final", "section": "Politics"},
        {"title": "Zoo news", "text": "Zoo news", "topics": ["Budget"]},
    ]
    assert [f for f in base.run(story) if f.id.startswith("related")] == []


def test_names_suggest_topics_and_want_full_names_first():
    found = findings(
        "Modi met Narendra Modi's cabinet. The Reserve Bank of India held rates.", "names"
    )

    assert [(f.id, f.words) for f in found] == [
        ("names.suggested_topic", "Narendra Modi"),
        ("names.suggested_topic", "Reserve Bank of India"),
        ("names.surname_first", "Modi"),
    ]
    assert found[0].extra == {"topic_id": 1, "topic": "Narendra Modi"}


def test_names_leave_unknown_people_and_full_first_mentions_alone():
    # A person the site does not know is offered as a topic, never warned about.
    found = findings("Anita Desai spoke. Desai later left.", "names")
    assert [(f.id, f.level_name, f.words) for f in found] == [
        ("names.new_topic", "suggestion", "Anita Desai")
    ]
    story = Copy(source="text", published=PUBLISHED, known=KNOWN, topics=["Narendra Modi"])
    story._add_text("Narendra Modi spoke. Modi later left.", "body")
    assert [f for f in base.run(story) if f.id.startswith("names")] == []


def test_the_reference_article(tmp_path, reference_text):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "reference-article.txt"
    path.write_text(reference_text, encoding="utf-8")
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("check", str(path), "--published", "2025-11-25", "--json", stdout=out)

    found = json.loads(out.getvalue())[0]["findings"]
    by_id = {}
    for finding in found:
        by_id.setdefault(finding["id"], []).append(finding)
    sentences = {f["sentence"] for f in by_id["attribution.vague_source"]}
    assert any(s.startswith("According to early reports") for s in sentences)
    assert any(s.startswith("There’s also talk") for s in sentences)
    assert "A draft agenda is almost ready, officials said." in sentences
    speculation = {f["sentence"] for f in by_id["speculation.hedged_claim"]}
    assert any("speculation" in s and "nothing is confirmed yet" in s for s in speculation)
    assert [f["words"] for f in by_id["opinion.in_news"]] == ["honestly"]
    december = [f for f in by_id["dates.relative"] if f["words"] == "December 4"]
    assert december and {f["data"]["resolved"] for f in december} == {"2025-12-04"}
    (unrelated,) = by_id["related.unrelated_link"]
    assert unrelated["words"].startswith("Stranger Things 5")


@pytest.mark.django_db
def test_also_read_and_inline_links_on_a_page(home, section):
    from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory

    culture = SectionPageFactory(parent=home, title="Culture", slug="culture")
    unrelated = ArticlePageFactory(
        parent=culture, title="Stranger Things 5: fans react", standfirst="A streaming hit."
    )
    related = ArticlePageFactory(parent=section, title="India and Russia sign an energy pact")
    page = ArticlePageFactory(
        parent=section,
        title="Putin to visit India for energy talks",
        body=[
            {"type": "also_read", "value": {"article": unrelated.pk}},
            {"type": "also_read", "value": {"article": related.pk}},
            {
                "type": "paragraph",
                "value": f'<p>See <a linktype="page" id="{unrelated.pk}">the review</a>.</p>',
            },
        ],
    )

    found = [f for f in base.run(Copy.from_page(page)) if f.id.startswith("related")]

    assert [(f.words, f.block) for f in found] == [
        ("Stranger Things 5: fans react", (0, "article")),
        ("Stranger Things 5: fans react", (2,)),
    ]


@pytest.mark.django_db
def test_pull_quotes_and_quotations_are_not_the_writers_voice(section):
    from newsdesk.articles.factories import ArticlePageFactory

    voice = "Frankly, I think the plan could fail, sources said."
    page = ArticlePageFactory(
        parent=section,
        article_type="news",
        body=[
            {"type": "paragraph", "value": "<p>The council voted 31 to 9 on the plan.</p>"},
            {"type": "pull_quote", "value": {"quote": voice, "attribution": "A councillor"}},
            {"type": "quote", "value": {"quote": f"<p>{voice}</p>", "attribution": "A letter"}},
        ],
    )
    story = Copy.from_page(page)
    assert [s.text for s in story.body if s.quoted] == [voice, voice]

    found = [f.id for f in base.run(story, family="opinion")]
    found += [f.id for f in base.run(story, family="speculation")]
    found += [f.id for f in base.run(story, family="attribution")]
    assert found == []

    # The same words in the writer's own paragraph are flagged.
    page.body = [{"type": "paragraph", "value": f"<p>{voice}</p>"}]
    story = Copy.from_page(page)
    assert {f.id for f in base.run(story, family="opinion")} == {"opinion.in_news"}
