from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.sitemaps import ArticleSitemap
from newsdesk.home.models import StandardPage
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _xml(response):
    assert response.status_code == 200
    return etree.fromstring(response.content)


def _story(section, hours_ago, **kwargs):
    page = ArticlePageFactory(parent=section, **kwargs)
    page.first_published_at = timezone.now() - timedelta(hours=hours_ago)
    page.last_published_at = page.first_published_at
    page.save()
    return page


@pytest.fixture
def newsroom(home, section):
    topic = TopicFactory(slug="energy")
    author = AuthorFactory(slug="meera")
    recent = _story(section, 1, authors=[author])
    recent.topics = [topic]
    recent.save()
    old = _story(section, 24 * 3)
    old.updated_at = timezone.now() - timedelta(hours=2)
    old.save()
    home.add_child(instance=StandardPage(title="About", slug="about"))
    return recent, old


def test_index_lists_every_sitemap_with_absolute_urls(client, newsroom):
    index = _xml(client.get("/sitemap.xml"))

    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert sorted(locations) == sorted(
        f"http://testserver/sitemap-{name}.xml"
        for name in ("articles", "sections", "topics", "authors", "pages")
    )


def test_article_sitemap_has_editorial_lastmod_and_images(client, newsroom):
    recent, old = newsroom

    urlset = _xml(client.get("/sitemap-articles.xml"))

    entries = {url.findtext("sm:loc", namespaces=NS): url for url in urlset.findall("sm:url", NS)}
    assert set(entries) == {f"http://testserver{recent.url}", f"http://testserver{old.url}"}
    old_entry = entries[f"http://testserver{old.url}"]
    assert old_entry.findtext("sm:lastmod", namespaces=NS) == old.updated_at.isoformat()
    image = old_entry.findtext("image:image/image:loc", namespaces=NS)
    assert image == f"http://testserver{old.lead_image.file.url}"


def test_other_sitemaps_list_sections_topics_authors_and_pages(client, newsroom):
    def locations(name):
        return _xml(client.get(f"/sitemap-{name}.xml")).xpath("//sm:loc/text()", namespaces=NS)

    assert locations("sections") == ["http://testserver/world/"]
    assert locations("topics") == ["http://testserver/topics/energy/"]
    assert "http://testserver/authors/meera/" in locations("authors")
    assert locations("pages") == ["http://testserver/", "http://testserver/about/"]


def test_article_sitemap_is_paginated(client, newsroom, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 1)

    index = _xml(client.get("/sitemap.xml"))
    second = _xml(client.get("/sitemap-articles.xml?p=2"))

    assert "http://testserver/sitemap-articles.xml?p=2" in index.xpath(
        "//sm:loc/text()", namespaces=NS
    )
    assert len(second.findall("sm:url", NS)) == 1
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_news_sitemap_has_only_the_last_two_days(client, newsroom):
    recent, _old = newsroom

    urlset = _xml(client.get("/news-sitemap.xml"))

    urls = urlset.findall("sm:url", NS)
    assert [u.findtext("sm:loc", namespaces=NS) for u in urls] == [f"http://testserver{recent.url}"]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Gazette"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == recent.title
    assert news.findtext("news:publication_date", namespaces=NS) == (
        recent.first_published_at.isoformat()
    )


def test_news_sitemap_stops_at_its_limit_newest_first(client, section, settings):
    settings.NEWSDESK_NEWS_SITEMAP_LIMIT = 3
    stories = [_story(section, hours, title=f"Story {hours}") for hours in range(1, 6)]

    urlset = _xml(client.get("/news-sitemap.xml"))

    titles = urlset.xpath("//news:title/text()", namespaces=NS)
    assert titles == [story.title for story in stories[:3]]


def test_robots_txt_names_both_sitemaps(client, home):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/news-sitemap.xml"])
def test_sitemaps_answer_conditional_requests(client, newsroom, url):
    first = client.get(url)

    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_publishing_changes_the_sitemap_validators(client, newsroom, section, publish):
    first = client.get("/sitemap-articles.xml")
    publish(ArticlePageFactory(parent=section, live=False))

    again = client.get("/sitemap-articles.xml", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200


def test_unknown_sitemap_is_not_found(client, home):
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/sitemap.xml", "/news-sitemap.xml"]
    + [f"/sitemap-{name}.xml" for name in ("articles", "sections", "topics", "authors", "pages")],
)
def test_a_newsroom_with_no_stories_still_has_valid_sitemaps(client, home, url):
    assert _xml(client.get(url)).tag.startswith(f"{{{NS['sm']}}}")
