"""
The kinds of problem desk editors flag in copy written elsewhere, each beside the near
miss that must pass: vague sources behind speech verbs, hedges under them, evaluative
words, relative time, and names that belong to someone else.
"""

from datetime import date

import pytest
from django.core.checks import WARNING

from newsdesk.checks import base
from newsdesk.checks.text import Copy

PUBLISHED = date(2025, 11, 25)  # a Tuesday
KNOWN = {
    "topics": [(1, "Tomás Ferreira"), (2, "Helen Okafor")],
    "people": ["Tomás Ferreira", "Helen Okafor"],
}


def findings(text, family, article_type="news", field="body"):
    story = Copy(
        title=text if field == "title" else "",
        source="text",
        article_type=article_type,
        published=PUBLISHED,
        known=KNOWN,
    )
    story._add_text(text, field)
    # Flags only: offers of new topics are suggestions, tested on their own below.
    return [f for f in base.run(story) if f.id.startswith(family) and f.level >= WARNING]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Some say the vote was brought forward to avoid a rebellion.", "Some say"),
        ("Many locals believe the car park will bring more traffic.", "Many locals believe"),
        ("It is claimed that the landlord ignored the warnings.", "It is claimed"),
        (
            "Insiders at the town hall describe the department as overwhelmed.",
            "Insiders at the town hall describe",
        ),
        ("The bakery, reportedly the oldest in the county, will close.", "reportedly"),
        ("The minister is said to have offered his resignation.", "is said to"),
        ("There are reports that the airport has been shut.", "There are reports"),
        ("It has come to light that the contractor used poor cement.", "It has come to light"),
        ("Police sources said the suspect was known to officers.", "Police sources said"),
        ("Sources in the campaign say she has written her speech.", "Sources in the campaign say"),
        ("The move has been widely criticised.", "has been widely criticised"),
        ("We understand the minister has been taken to hospital.", "We understand"),
    ],
)
def test_vague_sources_outside_the_old_lists(text, words):
    (finding,) = findings(text, "attribution")
    assert finding.words == words


@pytest.mark.parametrize(
    "text",
    [
        "The theft was reported to the police the next morning.",
        "The painting was sold to an unnamed buyer.",
        "The vaccine is widely available in pharmacies.",
        "It was confirmed by the hospital that both patients had gone home.",
        "Analysts at Halden Securities said the shares were undervalued.",
        "The ministry's officials said the outbreak was contained.",
        "A survey found that half of fans thought the stadium lacked atmosphere.",
        "Two residents told us they received no warning.",
        "The villagers said the administration had not visited them.",
        "Doctors at Riverton General said the outbreak was thought to have begun at a market.",
        "The agreement was announced after six hours of talks.",
    ],
)
def test_named_bodies_passives_with_a_speaker_and_plain_facts_pass(text):
    assert findings(text, "attribution") == []


@pytest.mark.parametrize(
    "text",
    [
        # A speech verb with nobody named does not source a hedge.
        "Officials say the ceasefire could collapse.",
        "Sources say more arrests are likely.",
        "The bridge could reopen before the winter, it was announced.",
        "It is reported that talks may resume.",
        "Nothing is confirmed yet about the number of casualties.",
        "It is not yet clear whether anyone was inside.",
        "There is every possibility that the dam will overflow.",
        "The cause of the fire has not been confirmed.",
        "The budget is forecast to pass.",
    ],
)
def test_hedges_under_a_vague_or_passive_source_are_unsourced(text):
    assert len(findings(text, "speculation")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The fire service says the fire may have started in the kitchen.",
        "The foreign minister, Amara Diallo, said the ceasefire could collapse.",
        "Residents could see smoke from across the valley.",
        "United could only draw 1-1 at home.",
        "The accused could face up to seven years in prison if convicted.",
        "According to unconfirmed reports, the gates were opened overnight.",
    ],
)
def test_sourced_hedges_and_past_abilities_pass(text):
    assert findings(text, "speculation") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Closing the crossing was a disastrous decision.", "disastrous"),
        ("The shameful treatment of detainees drew protests.", "shameful"),
        ("In a welcome move, the curfew was lifted.", "a welcome move"),
        ("The new roof is a long overdue improvement.", "a long overdue improvement"),
        ("It was a brilliant goal, struck from thirty yards.", "brilliant"),
        ("The regulator's fine is a slap on the wrist.", "slap on the wrist"),
        ("This is a truly historic moment.", "truly historic"),
    ],
)
def test_evaluative_words_in_the_writers_voice(text, words):
    (finding,) = findings(text, "opinion")
    assert finding.words == words


@pytest.mark.parametrize(
    ("text", "article_type"),
    [
        ("The mayor called it “a disastrous decision”.", "news"),
        ("Shareholders will vote at an extraordinary general meeting.", "news"),
        ("Volunteers will brave the cold to fill sandbags.", "news"),
        ("We have asked the council for a comment and will update this post.", "news"),
        ("Our correspondent says the crowd has started to disperse.", "news"),
        ("Stay with us for the latest.", "news"),
        ("Closing the crossing was a disastrous decision.", "opinion"),
    ],
)
def test_quotes_terms_of_art_and_the_newsrooms_own_voice_pass(text, article_type):
    assert findings(text, "opinion", article_type) == []


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("Ministers met last night to draft a statement.", "2025-11-24"),
        ("Trading was halted this afternoon.", "2025-11-25"),
        ("The school held its open day this weekend.", "2025-11-24/2025-11-30"),
        ("Parliament will vote by the end of the year.", "2025-12-31"),
        ("The bakery will close at the end of the month.", "2025-11-30"),
        ("Inflation will ease by the end of next year.", "2026-12-31"),
        ("The road was closed earlier this month.", "2025-11-01/2025-11-30"),
        ("Elections will be held in two weeks.", "2025-12-09"),
        ("The band played its last concert three days ago.", "2025-11-22"),
        ("The inquiry will report in six months.", "2026-05-25"),
        # The publication day's own weekday is that day, past or future.
        ("The minister said on Tuesday that she would stay.", "2025-11-25"),
        ("The council will vote on Tuesday.", "2025-11-25"),
        # A day and month to come resolve forward, however far.
        ("The meeting will take place on May 14.", "2026-05-14"),
        ("The festival will take place on November 20.", "2026-11-20"),
    ],
)
def test_relative_time_is_read(text, resolved):
    (finding,) = findings(text, "dates")
    assert finding.extra["resolved"] == resolved


@pytest.mark.parametrize(
    "text",
    [
        "The band played on the last night of the festival.",
        "It was the company's first loss in three years.",
        "Unemployment is at its lowest level in five years.",
        "The bridge was built in two years.",
        "Prices rose 4 per cent from a year ago.",
        "The ferry sails on a Sunday in winter.",
        "The meeting took place on 14 May 2025.",
        "The meeting will take place on 14 May 2026.",
    ],
)
def test_spans_comparisons_and_dated_days_pass(text):
    assert findings(text, "dates") == []


@pytest.mark.parametrize(
    "text",
    [
        "Tomás Ferreira Júnior's father watched from the stands.",
        "Mr Ferreira, a taxi driver, told the court he had seen nothing.",
        "Fernanda Okafor-Lee says she will not comment.",
        "Fernanda Okafor said she would not comment.",
    ],
)
def test_other_people_who_share_a_known_name_pass(text):
    assert findings(text, "names") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ferreira scored twice in the second half.",
        "Okafor says she will not comment until the final result.",
        "Helen Okafor has arrived at the count.",
    ],
)
def test_known_people_are_still_found(text):
    assert findings(text, "names")


def _offers(text, known=KNOWN, topics=()):
    story = Copy(source="text", published=PUBLISHED, known=known)
    story._add_text(text, "body")
    story.topics = list(topics)
    return {
        f.extra["new_topic"]: f.extra["kind"]
        for f in base.run(story, family="names")
        if f.id == "names.new_topic"
    }


def test_new_people_and_organisations_are_offered_as_topics():
    offers = _offers(
        "Chief Constable Mark Lindqvist said the road was safe. Analysts at Halden "
        "Securities said shares rose. Amara Diallo met Lindqvist at the Port Authority."
    )
    assert offers == {
        "Mark Lindqvist": "person",
        "Halden Securities": "organisation",
        "Amara Diallo": "person",
        "Port Authority": "organisation",
    }


def test_places_events_titles_and_known_names_are_not_offered():
    offers = _offers(
        "Residents of Hillcrest Road heard a bang before the World Cup. The Prime Minister "
        "spoke. Helen Okafor and Mr Ferreira met Ruth Adeyemi.",
        topics=["Ruth Adeyemi"],
    )
    assert offers == {}


def test_offers_are_suggestions_not_warnings_and_at_most_five():
    story = Copy(source="text", published=PUBLISHED, known=KNOWN)
    story._add_text(
        " ".join(f"{first} Okonkwo{n} spoke." for n, first in enumerate("ABCDEFG")).replace(
            "A Okonkwo0", "Ana Okonkwo"
        ),
        "body",
    )
    offers = [f for f in base.run(story) if f.id == "names.new_topic"]
    assert 0 < len(offers) <= 5
    assert {f.level_name for f in offers} == {"suggestion"}


def test_places_and_names_joined_by_and_are_not_offered_as_one():
    offers = _offers(
        "New Delhi Last week, India and Russia signed the deal. The New York Times and "
        "Amara Diallo reported it."
    )
    assert offers == {"New York Times": "organisation", "Amara Diallo": "person"}
