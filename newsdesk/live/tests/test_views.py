import json

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images.factories import NewsImageFactory
from newsdesk.live import coverage, reading
from newsdesk.live.factories import LiveUpdateFactory, paragraph

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _tree(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, lxml_html.fromstring(response.content)


def _jsonld(tree):
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')][0]


def test_a_live_story_is_labelled_developing_and_lists_updates_newest_first(
    client, live_story, post
):
    post("The motorcade has left the airport.")
    post("Talks have begun.", headline="Talks begin")
    _response, tree = _tree(client, live_story.url)
    assert tree.xpath('//p[@class="kicker"]//span[@class="live-label"]/text()') == ["Developing"]
    updates = tree.xpath('//ol[@class="live__updates"]//article')
    assert [u.get("id") for u in updates] == ["update-2", "update-1"]
    assert updates[0].xpath('.//h3[@class="live-update__headline"]/text()') == ["Talks begin"]
    assert updates[0].xpath(".//a[@class='live-update__time']/@href") == [
        f"/live/{live_story.pk}/updates/2/"
    ]
    assert "Asha Menon" in updates[0].text_content()


def test_key_events_are_listed_at_the_top(client, live_story, post):
    post("Arrival.", headline="Leaders arrive", key_event=True)
    post("Colour from the venue.")
    post("A joint statement.", headline="Agreement signed", key_event=True)
    _response, tree = _tree(client, live_story.url)
    section = tree.xpath('//section[@id="live-updates"]')[0]
    first_child = section.xpath("./nav|./ol")[0]
    assert first_child.get("class") == "live__key-events"
    links = first_child.xpath(".//a")
    assert [a.xpath("./time")[0].tail.strip() for a in links] == [
        "Agreement signed",
        "Leaders arrive",
    ]
    assert links[0].get("href") == f"/live/{live_story.pk}/updates/3/"


def test_updates_close_the_story_latest_updates_section(client, section, publish, editor, post):
    story = publish(
        ArticlePageFactory(
            parent=section,
            body=[
                {"type": "heading", "value": "Background"},
                {"type": "paragraph", "value": "<p>How we got here.</p>"},
                {"type": "heading", "value": "Latest Updates"},
                {"type": "paragraph", "value": "<p>Talks are due to start at noon.</p>"},
                {"type": "heading", "value": "Conclusion"},
                {"type": "paragraph", "value": "<p>What comes next.</p>"},
            ],
        )
    )
    coverage.start(story, editor)
    post("Talks have begun.", story=story)
    _response, tree = _tree(client, story.url)
    body = tree.xpath('//div[@class="article__body"]')[0]
    order = [el.get("id") or el.text_content() for el in body.xpath("./h2|./section|./p")]
    # The text written under the heading stays under it; the updates follow it.
    assert order == [
        "background",
        "How we got here.",
        "latest-updates",
        "Talks are due to start at noon.",
        "live-updates",
        "conclusion",
        "What comes next.",
    ]
    # Labelled by a heading of its own inside it (HTML's outline); the body's "Latest
    # Updates" heading stands just before it.
    live = body.xpath("./section")[0]
    assert live.get("aria-labelledby") == "live-heading"
    assert live.xpath('.//*[@id="live-heading"]/text()') == ["Live updates"]


def test_without_a_heading_of_its_own_the_updates_follow_the_body(client, live_story, post):
    post()
    _response, tree = _tree(client, live_story.url)
    assert tree.xpath('//section[@id="live-updates"]/h2/text()') == ["Latest Updates"]
    assert not tree.xpath('//div[@class="article__body"]//section[@id="live-updates"]')


def test_ended_coverage_drops_the_label_and_says_when_it_ended(client, live_story, post, editor):
    post()
    coverage.end(live_story, editor)
    _response, tree = _tree(client, live_story.url)
    assert not tree.xpath('//span[@class="live-label"]')
    assert "Live coverage ended" in tree.xpath('//p[@class="live__status"]')[0].text_content()
    assert not tree.xpath("//section[@data-live-polling]")
    assert not tree.xpath('//script[contains(@src, "live/live.js")]')


def test_a_story_without_coverage_shows_nothing_of_it(client, article):
    response, tree = _tree(client, article.url)
    assert not tree.xpath('//*[@id="live-updates"]') and b"Developing" not in response.content


def test_hostile_text_in_updates_and_corrections_is_shown_as_text(client, live_story, post, editor):
    post(f"Before {HOSTILE} after", headline=HOSTILE)
    coverage.correct(live_story, editor, kind="correction", note=HOSTILE)
    response, tree = _tree(client, live_story.url)
    assert b"<script>alert" not in response.content
    assert not tree.xpath("//img[@onerror]")
    assert tree.xpath('//div[@class="live-update__body"]')[0].text_content().split() == [
        "Before",
        "after",
    ]
    assert tree.xpath('//h3[@class="live-update__headline"]/text()') == [HOSTILE]


def test_many_updates_are_paginated_and_permalinks_find_their_page(client, live_story, writer):
    for n in range(reading.UPDATES_PER_PAGE + 5):
        LiveUpdateFactory(article=live_story, author=writer, body=paragraph(f"Update {n}."))
    _response, tree = _tree(client, live_story.url)
    assert len(tree.xpath('//ol[@class="live__updates"]/li')) == reading.UPDATES_PER_PAGE
    response = client.get(f"/live/{live_story.pk}/updates/2/")
    assert response.status_code == 302
    assert response["Location"] == f"{live_story.url}?updates=2#update-2"
    _response, older = _tree(client, f"{live_story.url}?updates=2")
    assert "update-2" in older.xpath('//ol[@class="live__updates"]//article/@id')
    newest = reading.UPDATES_PER_PAGE + 5
    response = client.get(f"/live/{live_story.pk}/updates/{newest}/")
    assert response["Location"] == f"{live_story.url}#update-{newest}"


def test_a_permalink_to_a_missing_update_is_not_found(client, live_story, post):
    post()
    assert client.get(f"/live/{live_story.pk}/updates/99/").status_code == 404
    assert client.get("/live/999999/updates/1/").status_code == 404


def test_the_live_page_reads_a_fixed_number_of_queries(client, live_story, writer):
    def count():
        client.get(live_story.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(live_story.url).status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            picture = NewsImageFactory()
            LiveUpdateFactory(
                article=live_story,
                author=writer,
                key_event=True,
                body=[
                    *paragraph("News."),
                    {"type": "image", "value": {"image": picture.pk, "caption": "A picture."}},
                ],
            )

    add(2)
    before = count()
    add(12)
    assert count() == before


# The polling endpoint


def test_the_endpoint_lists_the_newest_updates_with_their_html(client, live_story, post):
    post("First.")
    post("Second.", headline="Second", key_event=True)
    response = client.get(f"/live/{live_story.pk}/updates.json")
    data = response.json()
    assert data["live"] is True and data["count"] == 2 and data["latest"] == 2
    assert [u["sequence"] for u in data["updates"]] == [2, 1]
    assert data["updates"][0]["key_event"] is True
    fragment = lxml_html.fromstring(data["updates"][0]["html"])
    assert fragment.get("id") == "update-2" and "Second." in fragment.text_content()


def test_the_endpoint_answers_unchanged_polls_with_304_and_may_be_cached(client, live_story, post):
    post()
    url = f"/live/{live_story.pk}/updates.json"
    first = client.get(url)
    assert "max-age=5" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert "Set-Cookie" not in first and "Cookie" not in first.get("Vary", "")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    # The story (with its view restrictions) and the coverage's state.
    assert again.status_code == 304 and len(queries) <= 3
    assert "max-age=5" in again["Cache-Control"]
    post("Something new.")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_the_endpoint_changes_when_an_update_is_edited(client, live_story, post, editor, writer):
    update = post()
    url = f"/live/{live_story.pk}/updates.json"
    etag = client.get(url)["ETag"]
    coverage.edit_update(update, editor, author=writer, body=paragraph("Fixed."))
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_endpoint_says_when_coverage_ends(client, live_story, post, editor):
    post()
    coverage.end(live_story, editor)
    data = client.get(f"/live/{live_story.pk}/updates.json").json()
    assert data["live"] is False and data["ended_at"]


def test_the_endpoint_is_not_found_for_stories_without_coverage_or_not_published(
    client, article, section
):
    draft = ArticlePageFactory(parent=section, live=False)
    for story_id in (article.pk, draft.pk, 999999):
        assert client.get(f"/live/{story_id}/updates.json").status_code == 404
        assert client.get(f"/live/{story_id}/feed/").status_code == 404
    assert client.post(f"/live/{article.pk}/updates.json").status_code == 405


# Feed and structured data


def test_each_live_story_has_an_atom_feed_of_its_updates(client, live_story, post):
    post("First.")
    post("Second.", headline="Talks begin", key_event=True)
    _response, tree = _tree(client, live_story.url)
    href = tree.xpath('//link[@rel="alternate" and contains(@href, "/live/")]/@href')
    assert href == [f"http://testserver/live/{live_story.pk}/feed/"]
    response = client.get(f"/live/{live_story.pk}/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Key event: Talks begin", "Update 1"]
    assert feed.entries[0].link == f"http://testserver/live/{live_story.pk}/updates/2/"
    assert feed.entries[0].author == "Asha Menon"
    assert "Second." in feed.entries[0].summary


def test_a_live_story_is_a_live_blog_posting(client, live_story, post, editor):
    post("First.")
    latest = post("Second.", headline="Talks begin")
    _response, tree = _tree(client, live_story.url)
    data = _jsonld(tree)
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"]
    assert "coverageEndTime" not in data
    assert data["dateModified"] == latest.published_at.isoformat()
    assert [u["headline"] for u in data["liveBlogUpdate"]] == ["Talks begin", "Update 1"]
    assert data["liveBlogUpdate"][0]["url"].endswith(f"/live/{live_story.pk}/updates/2/")
    assert data["liveBlogUpdate"][0]["articleBody"] == "Second."
    coverage.end(live_story, editor)
    _response, tree = _tree(client, live_story.url)
    assert _jsonld(tree)["coverageEndTime"]


def test_a_story_without_coverage_stays_a_news_article(client, article):
    _response, tree = _tree(client, article.url)
    assert _jsonld(tree)["@type"] == "NewsArticle"


# Corrections


def test_corrections_appear_at_the_foot_of_the_story(client, article, editor):
    coverage.correct(article, editor, kind="correction", note="The vote was 31 to 9.")
    coverage.correct(article, editor, kind="clarification", note="Adds the mayor's role.")
    _response, tree = _tree(client, article.url)
    items = tree.xpath('//section[@class="corrections"]//li')
    assert [i.xpath("./strong/text()")[0] for i in items] == ["Correction", "Clarification"]
    assert "The vote was 31 to 9." in items[0].text_content()
    # Beside "Updated", a short link to the newest note, which the page tells only once.
    updated = tree.xpath('//p[@class="times"]/span[@class="updated"]')[0]
    assert updated.text_content().endswith(" · Clarification")
    link = updated.xpath(".//a")[0]
    assert link.get("href") == "#" + items[1].get("id")
    assert tree.text_content().count("Adds the mayor's role.") == 1


def test_story_cards_of_a_live_story_say_developing(
    client, live_story, home, editor, django_capture_on_commit_callbacks
):
    response, tree = _tree(client, "/")
    assert tree.xpath('//span[@class="card__label"]/text()') == ["Developing"]
    with django_capture_on_commit_callbacks(execute=True):
        coverage.end(live_story, editor)
    response, tree = _tree(client, "/")
    assert not tree.xpath('//span[@class="card__label"]')
