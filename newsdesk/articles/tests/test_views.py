import re
from datetime import UTC

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError

from newsdesk.articles.blocks import AlsoReadBlock
from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import ArticleAuthor, ArticlePage, RelatedPin
from newsdesk.checks import base
from newsdesk.checks.text import Copy
from newsdesk.core import pagecache
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
    # In UTC to the second: HTML allows no more than three digits of a second's fraction.
    published = page.first_published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f'datetime="{published}"' in html
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


def _card(url, title="Ferry timetable for the winter", description=""):
    value = {"article": None, "url": url, "title": title, "description": description}
    return [{"type": "also_read", "value": value}]


def test_also_read_to_another_site_is_a_link_card(client, section, publish):
    page = publish(
        ArticlePageFactory(
            parent=section,
            body=_card("https://www.coast-ferries.example/winter/", description="<b>Times</b>"),
            live=False,
        )
    )

    html = client.get(page.url).content.decode()

    card = html[html.index('class="also-read also-read--elsewhere"') :]
    assert '<a href="https://www.coast-ferries.example/winter/" rel="noopener">' in card
    assert "Ferry timetable for the winter" in card and "coast-ferries.example" in card
    assert "&lt;b&gt;Times&lt;/b&gt;" in card  # a description is text, escaped


def test_a_link_card_to_anything_but_a_web_address_is_not_shown(client, section, publish):
    page = publish(
        ArticlePageFactory(parent=section, body=_card("javascript:alert(1)"), live=False)
    )
    html = client.get(page.url).content.decode()
    assert "also-read--elsewhere" not in html and "javascript:" not in html


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"article": None, "url": "", "title": ""}, "article"),
        ({"article": None, "url": "ftp://files.example/a", "title": "A"}, "url"),
        ({"article": None, "url": "https://example.org/a/", "title": " "}, "title"),
    ],
)
def test_an_also_read_needs_a_story_or_a_web_address_with_a_headline(value, field):
    block = AlsoReadBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({**{"description": ""}, **value}))
    assert field in raised.value.block_errors


def test_an_also_read_may_not_have_both_a_story_and_an_address(article):
    block = AlsoReadBlock()
    value = {"article": article.pk, "url": "https://example.org/", "title": "", "description": ""}
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(value))
    assert "url" in raised.value.block_errors


def test_the_desk_checks_read_a_link_cards_headline_as_a_link(section, publish):
    page = ArticlePageFactory(
        parent=section,
        title="Council passes budget",
        body=_card("https://cooking.example/soup/", "Ten recipes for a winter soup"),
    )
    story = Copy.from_page(page)
    assert "Ten recipes for a winter soup" not in [s.text for s in story.sentences]
    (finding,) = [f for f in base.run(story) if f.id == "related.unrelated_link"]
    assert finding.words == "Ten recipes for a winter soup"


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


def _query_counts(client, url):
    """
    Queries for ``url`` in three states: its fragments all kept (``kept``); just purged,
    so its own fragments are made again and the cards and body it holds are kept
    (``purged``); and with nothing kept at all (``made``).
    """
    client.get(url)  # fill per-process caches (content types)
    counts = {}
    for state in ("made", "kept", "purged"):
        if state == "made":
            caches["pages"].clear()
        elif state == "purged":
            pagecache.purge_local([url])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[state] = len(queries)
    return counts


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
            page.save_revision().publish()
    return author_list, topic_list


def _enrich(story, authors, topics, desk, n):
    """``n`` comments, live updates with pictures, body pictures, authors, topics, pins."""
    from newsdesk.comments.models import Comment
    from newsdesk.images.factories import NewsImageFactory
    from newsdesk.live import coverage
    from newsdesk.live.factories import paragraph
    from newsdesk.live.models import Coverage

    story = story.specific
    pictures = [NewsImageFactory() for _ in range(n)]
    story.body = [
        *story.body.raw_data,
        *({"type": "image", "value": {"image": p.pk, "caption": "A picture."}} for p in pictures),
    ]
    story.article_authors = [
        ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors[:n])
    ]
    story.topics = topics[:n]
    others = ArticlePage.objects.live().exclude(pk=story.pk)[:n]
    story.related_pins = [RelatedPin(related=other) for other in others]
    story.save_revision().publish()
    for i in range(n):
        Comment.objects.create(
            article=story,
            name=f"Reader {i}",
            email="r@example.org",
            body="Well said.",
            state="approved",
        )
    if not Coverage.objects.filter(article=story).exists():
        coverage.start(story, desk)
    for i in range(n):
        coverage.add_update(
            story,
            desk,
            author=authors[0],
            body=[
                *paragraph(f"Update {i}."),
                {"type": "image", "value": {"image": pictures[0].pk, "caption": "Scene."}},
            ],
        )
    coverage.correct(story, desk, kind="correction", note="A name was misspelt.")


@pytest.mark.database
def test_reader_pages_use_a_fixed_number_of_queries(
    client, home, django_user_model, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_FRAGMENTS = True
    sections = [
        SectionPageFactory(parent=home, slug=slug) for slug in ("world", "politics", "business")
    ]
    authors, topics = _newsroom(home, sections, 8, authors=3, topics=2)
    article = sections[0].get_children().live().last()
    desk = django_user_model.objects.create_user("desk", "desk@example.org", "x")
    desk.groups.add(Group.objects.get(name="Editors"))
    # One of everything a story can hold, so the counts below compare like with like.
    with django_capture_on_commit_callbacks(execute=True):
        _enrich(article, authors, topics, desk, 1)
    urls = [
        "/",
        sections[0].url,
        article.url,
        authors[0].get_absolute_url(),
        topics[0].get_absolute_url(),
    ]
    before = {url: _query_counts(client, url) for url in urls}

    with django_capture_on_commit_callbacks(execute=True):
        more_authors, more_topics = _newsroom(home, sections, 8, authors=6, topics=5)
        _enrich(article, [*authors, *more_authors], [*topics, *more_topics], desk, 6)

    after = {url: _query_counts(client, url) for url in urls}
    assert after == before
    # With its fragments kept a page is found (one query: the page itself, with its
    # type's fields) and assembled; topic and author pages are one fragment each.
    assert max(counts["kept"] for counts in after.values()) <= 1, after
    # Purged (a comment, a live update), a story is made again around its kept body and
    # cards.
    assert after[article.url]["purged"] < 15, after
    # Nothing kept at all: every fragment of the page made in one request.
    assert max(counts["made"] for counts in after.values()) <= 45, after
