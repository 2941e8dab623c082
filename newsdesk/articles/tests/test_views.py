import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db


def _headings(html):
    return re.findall(r"<h([1-6])\b", html)


def test_article_page_shows_the_story(client, section, publish):
    author = AuthorFactory(name="Meera Raghavan", slug="meera-raghavan")
    topic = TopicFactory(name="Diplomacy", slug="diplomacy")
    page = ArticlePageFactory(
        parent=section,
        title="Leaders meet in Delhi",
        standfirst="Trade tops the agenda.",
        dateline="New Delhi",
        authors=[author],
        body=[
            {"type": "heading", "value": "Introduction"},
            {"type": "paragraph", "value": "<p>The leaders met.</p>"},
            {"type": "heading", "value": "Background"},
            {"type": "paragraph", "value": "<p>They last met in 2021.</p>"},
        ],
        live=False,
    )
    page.topics = [topic]
    publish(page)

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="headline" class="article__headline">Leaders meet in Delhi</h1>' in html
    assert "Trade tops the agenda." in html
    assert '<a href="/authors/meera-raghavan/" rel="author">Meera Raghavan</a>' in html
    assert '<a href="/topics/diplomacy/" rel="tag">Diplomacy</a>' in html
    assert '<span class="dateline">New Delhi</span>' in html
    assert f'datetime="{page.first_published_at.isoformat()}"' in html
    assert '<h2 id="introduction">Introduction</h2>' in html
    assert '<a href="#background">Background</a>' in html
    assert "Updated" not in html
    assert "Jane Photographer" in html
    deed = "https://creativecommons.org/licenses/by/4.0/"
    assert f'<a href="{deed}" rel="license">CC BY 4.0</a>' in html
    assert "via Wikimedia Commons" in html
    assert _headings(html).count("1") == 1
    assert _headings(html)[:2] == ["1", "2"]


def test_article_page_shows_updated_time_and_note(client, article, publish):
    draft = article.get_latest_revision_as_object()
    draft.significant_update, draft.update_note = True, "Adds the vote count."
    publish(draft)

    html = client.get(article.url).content.decode()

    assert "Updated <time" in html
    assert "Adds the vote count." in html


def test_article_page_escapes_what_editors_type(client, section, publish):
    page = publish(
        ArticlePageFactory(
            parent=section,
            title="<script>alert(1)</script>",
            standfirst="<b>bold</b>",
            live=False,
        )
    )

    html = client.get(page.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_also_read_renders_a_card_of_the_other_story(client, section, publish, article):
    page = publish(
        ArticlePageFactory(
            parent=section,
            body=[{"type": "also_read", "value": {"article": article.pk}}],
            live=False,
        )
    )

    html = client.get(page.url).content.decode()

    card = html[html.index('class="also-read"') :]
    assert "Also Read" in card
    assert f'href="{article.url}"' in card
    assert "Council passes budget" in card
    assert 'href="/world/">World</a>' in card


def test_also_read_hides_an_unpublished_story(client, section, publish, article):
    page = publish(
        ArticlePageFactory(
            parent=section,
            body=[{"type": "also_read", "value": {"article": article.pk}}],
            live=False,
        )
    )
    article.unpublish()

    assert 'class="also-read"' not in client.get(page.url).content.decode()


def test_draft_stories_are_not_found(client, section):
    page = ArticlePageFactory(parent=section, live=False)

    assert client.get(page.url).status_code == 404


def test_section_page_lists_its_stories_newest_first(client, section, publish):
    older = publish(ArticlePageFactory(parent=section, title="Older story", live=False))
    newer = publish(ArticlePageFactory(parent=section, title="Newer story", live=False))

    html = client.get(section.url).content.decode()

    assert html.index(newer.title) < html.index(older.title)
    assert _headings(html)[:2] == ["1", "2"]


def test_listing_pages_404_beyond_the_last_page(client, section, article):
    assert client.get(section.url + "?page=2").status_code == 404
    assert client.get(section.url + "?page=x").status_code == 404


def test_section_page_paginates(client, section):
    for n in range(21):
        ArticlePageFactory(parent=section, title=f"Story {n:02d}")

    first = client.get(section.url).content.decode()
    second = client.get(section.url + "?page=2").content.decode()

    assert first.count('class="card"') == 20
    assert second.count('class="card"') == 1
    assert 'rel="next" href="?page=2"' in first


def test_home_page_leads_with_the_newest_story_and_lists_sections(client, home, section, publish):
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    world_story = publish(ArticlePageFactory(parent=section, title="World story", live=False))
    business_story = publish(
        ArticlePageFactory(parent=business, title="Business story", live=False)
    )

    html = client.get("/").content.decode()

    lead = html[html.index('class="lead-story"') : html.index('class="front-section"')]
    assert business_story.title in lead
    assert world_story.title in html[html.index('id="section-') :]
    assert _headings(html)[:2] == ["1", "2"]


def test_home_page_follows_the_editors_lead_story(client, home, section, publish):
    chosen = publish(ArticlePageFactory(parent=section, title="Chosen lead", live=False))
    publish(ArticlePageFactory(parent=section, title="Newer story", live=False))
    home.lead_story = chosen
    home.save_revision().publish()

    html = client.get("/").content.decode()

    lead = html[html.index('class="lead-story"') : html.index('class="front-section"')]
    assert "Chosen lead" in lead


def test_author_page_lists_their_stories(client, section):
    author = AuthorFactory(name="Hannah Okafor", slug="hannah-okafor", bio="Writes on film.")
    ArticlePageFactory(parent=section, title="Her story", authors=[author])
    ArticlePageFactory(parent=section, title="Someone else's story")

    response = client.get("/authors/hannah-okafor/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Hannah Okafor</h1>" in html
    assert "Her story" in html
    assert "Someone else" not in html


def test_topic_page_lists_its_stories(client, section, publish):
    topic = TopicFactory(name="Energy", slug="energy")
    page = ArticlePageFactory(parent=section, title="Tagged story", live=False)
    page.topics = [topic]
    publish(page)

    html = client.get("/topics/energy/").content.decode()

    assert "<h1>Energy</h1>" in html
    assert "Tagged story" in html


@pytest.mark.parametrize("url", ["/authors/nobody/", "/topics/nothing/", "/no/such/page/"])
def test_unknown_addresses_get_the_404_page(client, home, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _query_count(client, url):
    client.get(url)  # fill per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _newsroom(home, sections, stories_per_section, authors, topics):
    author_list = [AuthorFactory() for _ in range(authors)]
    topic_list = [TopicFactory() for _ in range(topics)]
    for section in sections:
        for n in range(stories_per_section):
            page = ArticlePageFactory(
                parent=section,
                authors=author_list[n % authors : n % authors + 2],
                body=[
                    {"type": "heading", "value": "Introduction"},
                    {"type": "paragraph", "value": "<p>Text.</p>"},
                ],
            )
            page.topics = topic_list
            page.save()
    return author_list, topic_list


@pytest.mark.database
def test_reader_pages_use_a_fixed_number_of_queries(client, home):
    sections = [
        SectionPageFactory(parent=home, slug=slug) for slug in ("world", "politics", "business")
    ]
    authors, topics = _newsroom(home, sections, 3, authors=3, topics=2)
    article = sections[0].get_children().last()
    urls = [
        "/",
        sections[0].url,
        article.url,
        authors[0].get_absolute_url(),
        topics[0].get_absolute_url(),
    ]
    before = {url: _query_count(client, url) for url in urls}

    _newsroom(home, sections, 8, authors=6, topics=5)

    after = {url: _query_count(client, url) for url in urls}
    assert after == before
    # The story page is the heaviest: 24 of its own, one for live coverage and
    # corrections, three for reader comments (the comments, the site's comment settings,
    # the story's own policy).
    assert max(after.values()) <= 28, after
