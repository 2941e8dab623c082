from datetime import datetime, timedelta

import feedparser
import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.core.models import NewsroomSettings
from newsdesk.images.factories import NewsImageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/{format}/",
    "/feeds/sections/world/{format}/",
    "/feeds/topics/energy/{format}/",
    "/feeds/authors/meera/{format}/",
]


@pytest.fixture
def newsroom(section, publish):
    meera = AuthorFactory(name="Meera Raghavan", slug="meera")
    tomas = AuthorFactory(name="Tomás Ferreira", slug="tomas")
    energy = TopicFactory(name="Energy", slug="energy")
    now = timezone.now()
    stories = []
    for n, authors in enumerate([[meera, tomas], [meera]]):
        page = ArticlePageFactory(
            parent=section,
            title=f"Story {n} & <friends>",
            standfirst=f"Standfirst {n}.",
            authors=authors,
            live=False,
            body=[
                {"type": "heading", "value": "Introduction"},
                {
                    "type": "paragraph",
                    "value": '<p>See <a href="/world/">the section</a>.</p>',
                },
            ],
        )
        page.topics = [energy]
        publish(page)
        page.first_published_at = now - timedelta(hours=n + 1)
        page.save()
        stories.append(page)
    draft = stories[1].get_latest_revision_as_object()
    draft.significant_update, draft.update_note = True, "New figures."
    publish(draft)
    return stories


@pytest.mark.parametrize("format", ["rss", "atom"])
@pytest.mark.parametrize("template", FEEDS)
def test_every_feed_parses_with_every_field(client, newsroom, template, format):
    response = client.get(template.format(format=format))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/rss+xml" if format == "rss" else "application/atom+xml"
    )
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.feed.title
    assert len(feed.entries) == 2
    for entry, story in zip(feed.entries, newsroom, strict=True):
        assert entry.title == story.title
        assert entry.link == f"http://testserver{story.url}"
        assert entry.id == f"http://testserver/?story={story.pk}"
        assert entry.published_parsed is not None
        assert entry.updated_parsed is not None
        assert [author.name for author in entry.authors] == [a.name for a in story.authors]
        assert [tag.term for tag in entry.tags] == ["Energy"]
        assert entry.summary == story.standfirst
        content = entry.content[0].value
        assert 'href="http://testserver/world/"' in content
        assert ">Introduction</h2>" in content
        image = entry.media_content[0]
        assert image["url"].startswith("http://testserver/media/renditions/")
        assert image["type"] == "image/jpeg"
        assert int(image["filesize"]) > 0
        enclosure = [link for link in entry.links if link.rel == "enclosure"][0]
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) > 0


def test_updated_time_is_the_editorial_one(client, newsroom):
    newsroom[1].refresh_from_db()
    feed = feedparser.parse(client.get("/feeds/atom/").content)

    updated = {entry.title: datetime.fromisoformat(entry.updated) for entry in feed.entries}

    assert updated[newsroom[1].title] == newsroom[1].updated_at
    assert updated[newsroom[0].title] == newsroom[0].first_published_at


def test_summaries_only_when_the_site_says_so(client, home, newsroom):
    settings = NewsroomSettings.for_site(home.get_site())
    settings.feeds_full_text = False
    settings.save()

    rss = client.get("/feeds/rss/").content
    atom = client.get("/feeds/atom/").content

    assert b"content:encoded" not in rss
    assert b'<content type="html">' not in atom
    assert b"Introduction" not in rss + atom
    assert feedparser.parse(rss).entries[0].summary == newsroom[0].standfirst


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/sections/world/atom/"])
def test_repeated_conditional_requests_get_304(client, newsroom, url):
    first = client.get(url)

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_date.status_code == 304


def test_a_new_story_changes_the_etag(client, section, newsroom, publish):
    before = client.get("/feeds/rss/")["ETag"]
    publish(ArticlePageFactory(parent=section, live=False))

    response = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert response["ETag"] != before


def test_drafts_stay_out_of_feeds(client, section, newsroom):
    ArticlePageFactory(parent=section, title="Secret draft", live=False)

    assert b"Secret draft" not in client.get("/feeds/rss/").content


@pytest.mark.parametrize(
    "url", ["/feeds/sections/nowhere/rss/", "/feeds/topics/nothing/atom/", "/feeds/authors/x/rss/"]
)
def test_unknown_feeds_are_not_found(client, home, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/", ["/feeds/rss/"]),
        ("/world/", ["/feeds/rss/", "/feeds/sections/world/rss/"]),
        ("/topics/energy/", ["/feeds/rss/", "/feeds/topics/energy/rss/"]),
        ("/authors/meera/", ["/feeds/rss/", "/feeds/authors/meera/rss/"]),
    ],
)
def test_pages_announce_their_feeds(client, newsroom, url, feeds):
    html = client.get(url).content.decode()

    for feed in feeds:
        assert 'type="application/rss+xml" title=' in html
        assert f'href="http://testserver{feed}"' in html
        atom = feed.replace("/rss/", "/atom/")
        assert f'href="http://testserver{atom}"' in html


def test_feed_lead_image_uses_a_large_rendition(client, section, publish):
    image = NewsImageFactory(file__width=1600, file__height=900)
    publish(ArticlePageFactory(parent=section, lead_image=image, live=False))

    entry = feedparser.parse(client.get("/feeds/rss/").content).entries[0]

    assert entry.media_content[0]["width"] == "1200"
    assert entry.media_credit[0]["content"] == image.attribution


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_feed_images_carry_credit_and_licence(client, section, publish, format):
    image = NewsImageFactory(creator="kremlin.ru", source_name="Wikimedia Commons")
    publish(
        ArticlePageFactory(
            parent=section,
            lead_image=image,
            body=[{"type": "image", "value": {"image": image.pk, "caption": "In the body"}}],
            live=False,
        )
    )

    raw = client.get(f"/feeds/{format}/").content.decode()

    assert "<media:credit>kremlin.ru, CC BY 4.0, via Wikimedia Commons</media:credit>" in raw
    assert (
        '<media:license href="https://creativecommons.org/licenses/by/4.0/" type="text/html">'
        "CC BY 4.0</media:license>"
    ) in raw
    # Pictures in the full text keep their credit line too.
    content = feedparser.parse(raw).entries[0].content[0].value
    assert "Credit: " in content and "via Wikimedia Commons" in content


def test_full_text_pictures_are_plain_images_with_absolute_addresses(client, section, publish):
    image = NewsImageFactory(file__width=1600, file__height=900)
    publish(
        ArticlePageFactory(
            parent=section,
            body=[{"type": "image", "value": {"image": image.pk, "caption": "A caption"}}],
            live=False,
        )
    )

    # feedparser drops attributes it does not know (srcset), so read the raw XML too.
    raw = client.get("/feeds/rss/").content.decode()
    content = feedparser.parse(raw).entries[0].content[0].value

    assert "&lt;picture" not in raw and "&lt;source" not in raw
    assert 'src="http://testserver/media/renditions/' in content
    assert 'srcset="http://testserver/media/renditions/' in raw
    assert '"/media/' not in raw and " /media/" not in raw
    assert "A caption" in content
