import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import RelatedExclusion, RelatedPin, RelatedStory
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db


def _story(parent, publish, title, topics=(), **kwargs):
    page = ArticlePageFactory(parent=parent, title=title, live=False, **kwargs)
    page.topics = list(topics)
    return publish(page)


def _related(page):
    return list(RelatedStory.objects.filter(article=page).values_list("related__title", flat=True))


@pytest.fixture
def energy():
    return TopicFactory(name="Energy")


def test_a_story_on_the_same_topic_outranks_one_that_is_not(home, section, publish, energy):
    other_section = SectionPageFactory(parent=home, slug="culture")
    same_topic = _story(other_section, publish, "Grid upgrade approved", [energy])
    unrelated = _story(other_section, publish, "Museum reopens")

    story = _story(section, publish, "Oil price rises", [energy])

    related = _related(story)
    assert related.index(same_topic.title) < (
        related.index(unrelated.title) if unrelated.title in related else len(related)
    )


def test_a_new_story_joins_its_neighbours_lists(section, publish, energy):
    older = _story(section, publish, "Wind farm planned", [energy])
    assert _related(older) == []

    newer = _story(section, publish, "Solar farm planned", [energy])

    assert newer.title in _related(older)


def test_unpublishing_takes_a_story_out_of_lists(section, publish, energy):
    older = _story(section, publish, "Wind farm planned", [energy])
    newer = _story(section, publish, "Solar farm planned", [energy])

    newer.unpublish()

    assert newer.title not in _related(older)


def test_pins_come_first_and_exclusions_never_appear(client, section, publish, energy):
    author = AuthorFactory()
    excluded = _story(section, publish, "Gas storage full", [energy], authors=[author])
    pinned = _story(section, publish, "Museum reopens")
    page = ArticlePageFactory(parent=section, title="Oil price rises", live=False, authors=[author])
    page.topics = [energy]
    page.related_pins = [RelatedPin(related=pinned)]
    page.related_exclusions = [RelatedExclusion(related=excluded)]
    publish(page)

    cards = page.related_cards()

    assert cards[0] == pinned
    assert excluded not in cards
    assert excluded.title not in _related(page)
    html = client.get(page.url).content.decode()
    start = html.index('id="related-heading"')
    related_section = html[start : html.index("</aside>", start)]
    assert pinned.title in related_section
    assert excluded.title not in related_section


def test_related_stories_cost_no_extra_queries_per_story(client, section, publish, energy):
    # A story of the section kept out of the related list, so "More from" shows it
    # throughout.
    museum = _story(section, publish, "Museum reopens")
    _story(section, publish, "Energy story", [energy])
    page = ArticlePageFactory(parent=section, title="Oil price rises", live=False)
    page.topics = [energy]
    page.related_exclusions = [RelatedExclusion(related=museum)]
    page = publish(page)
    assert len(page.related_cards()) == 1
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    for n in range(5):
        _story(section, publish, f"Energy story {n}", [energy])
    assert len(page.related_cards()) == 4

    client.get(page.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(page.url)

    assert response.content.decode().count('class="card card--compact"') >= 4
    assert len(many) == len(few)


def test_suggests_also_read_after_the_second_section(client, section, publish, energy):
    _story(section, publish, "Grid upgrade approved", [energy])
    page = _story(
        section,
        publish,
        "Oil price rises",
        [energy],
        body=[
            {"type": "heading", "value": "One"},
            {"type": "heading", "value": "Two"},
            {"type": "heading", "value": "Three"},
        ],
    )

    html = client.get(page.url).content.decode()

    suggestion = html.index('class="also-read"')
    assert html.index('id="two"') < suggestion < html.index('id="three"')
    assert "Grid upgrade approved" in html[suggestion : html.index('id="three"')]
