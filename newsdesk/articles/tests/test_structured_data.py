import json

import pytest
from lxml import html as lxml_html
from wagtail import hooks

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images.factories import NewsImageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db

HOSTILE = 'Budget row </script><script>alert("x")</script> & <!-- more'


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), lxml_html.fromstring(response.content)


def _jsonld(tree):
    return [
        json.loads(script.text) for script in tree.xpath('//script[@type="application/ld+json"]')
    ]


def _meta(tree, key):
    values = tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
    return values[0] if len(values) == 1 else values


@pytest.fixture
def story(section, publish):
    author = AuthorFactory(name="Meera Raghavan", slug="meera", role="Correspondent")
    page = ArticlePageFactory(
        parent=section,
        title="Leaders meet in Delhi",
        standfirst="Trade tops the agenda.",
        dateline="New Delhi",
        authors=[author],
        lead_image=NewsImageFactory(file__width=1600, file__height=1200),
        live=False,
    )
    page.topics = [TopicFactory(name="Diplomacy"), TopicFactory(name="Trade")]
    publish(page)
    draft = page.get_latest_revision_as_object()
    draft.significant_update, draft.update_note = True, "Adds the statement."
    return publish(draft)


def test_article_has_complete_newsarticle_data(client, story):
    _html, tree = _page(client, story.url)

    article, breadcrumbs = _jsonld(tree)

    url = f"http://testserver{story.url}"
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Leaders meet in Delhi"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["datePublished"] == story.first_published_at.isoformat()
    assert article["dateModified"] == story.updated_at.isoformat()
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Meera Raghavan",
            "url": "http://testserver/authors/meera/",
            "jobTitle": "Correspondent",
        }
    ]
    assert article["publisher"]["@type"] == "NewsMediaOrganization"
    assert article["publisher"]["name"] == "Gazette"
    assert article["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    assert article["articleSection"] == "World"
    assert article["keywords"] == ["Diplomacy", "Trade"]
    assert article["isAccessibleForFree"] is True
    shapes = [(image["width"], image["height"]) for image in article["image"]]
    assert shapes == [(1200, 675), (1200, 900), (1200, 1200)]
    assert all(image["url"].startswith("http://testserver/media/") for image in article["image"])
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["item"] for item in breadcrumbs["itemListElement"]] == [
        "http://testserver/",
        "http://testserver/world/",
        url,
    ]


@pytest.mark.parametrize(
    ("article_type", "schema_type"),
    [
        ("news", "NewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
        ("opinion", "OpinionNewsArticle"),
    ],
)
def test_article_type_picks_the_schema_type(client, section, publish, article_type, schema_type):
    page = publish(ArticlePageFactory(parent=section, article_type=article_type, live=False))

    _html, tree = _page(client, page.url)

    assert _jsonld(tree)[0]["@type"] == schema_type


def test_long_headlines_are_cut_to_110_characters(client, section, publish):
    page = publish(ArticlePageFactory(parent=section, title="word " * 40, live=False))

    headline = _jsonld(_page(client, page.url)[1])[0]["headline"]

    assert len(headline) <= 110
    assert headline.endswith("…")


def test_a_hostile_headline_stays_inside_its_script(client, section, publish):
    page = publish(ArticlePageFactory(parent=section, title=HOSTILE, live=False))

    html, tree = _page(client, page.url)

    assert '<script>alert("x")</script>' not in html
    assert _jsonld(tree)[0]["headline"] == HOSTILE
    assert tree.xpath("//h1")[0].text_content() == HOSTILE


def test_other_apps_extend_the_data_through_the_hook(client, story):
    def live_coverage(page, request, data):
        data["@type"] = "LiveBlogPosting"

    with hooks.register_temporarily("construct_article_jsonld", live_coverage):
        article = _jsonld(_page(client, story.url)[1])[0]

    assert article["@type"] == "LiveBlogPosting"


def test_article_has_social_cards_and_canonical_url(client, story):
    _html, tree = _page(client, story.url)

    url = f"http://testserver{story.url}"
    assert tree.xpath('//link[@rel="canonical"]/@href') == [url]
    assert _meta(tree, "og:type") == "article"
    assert _meta(tree, "og:url") == url
    assert _meta(tree, "og:title") == story.title
    assert _meta(tree, "og:image").startswith("http://testserver/media/")
    assert _meta(tree, "og:image:width") == "1200"
    assert _meta(tree, "article:published_time") == story.first_published_at.isoformat()
    assert _meta(tree, "article:modified_time") == story.updated_at.isoformat()
    assert _meta(tree, "article:tag") == ["Diplomacy", "Trade"]
    assert _meta(tree, "twitter:card") == "summary_large_image"
    assert "max-image-preview:large" in _meta(tree, "robots")


def test_home_page_describes_the_publisher_and_website(client, home):
    _html, tree = _page(client, "/")

    publisher, website = _jsonld(tree)

    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["url"] == "http://testserver/"
    assert website["@type"] == "WebSite"
    assert website["url"] == "http://testserver/"


def test_absolute_urls_follow_the_wagtail_site(client, story):
    site = story.get_site()
    site.hostname, site.port = "news.example.org", 443
    site.save()

    _html, tree = _page(client, story.url)

    assert tree.xpath('//link[@rel="canonical"]/@href') == [f"https://news.example.org{story.url}"]
    assert _jsonld(tree)[0]["url"] == f"https://news.example.org{story.url}"


def test_lead_image_carries_its_licence(client, section, publish):
    image = NewsImageFactory(
        creator="kremlin.ru",
        source_name="Wikimedia Commons",
        source_url="http://kremlin.ru/events/president/news/66182",
        copyright_notice="© Presidential Press and Information Office",
    )
    page = publish(ArticlePageFactory(parent=section, lead_image=image, live=False))

    _html, tree = _page(client, page.url)
    article = _jsonld(tree)[0]

    assert len(article["image"]) == 3
    for item in article["image"]:
        assert item["creditText"] == "kremlin.ru, CC BY 4.0, via Wikimedia Commons"
        assert item["creator"] == {
            "@type": "Person",
            "name": "kremlin.ru",
            "url": "http://kremlin.ru/events/president/news/66182",
        }
        assert item["copyrightNotice"] == "© Presidential Press and Information Office"
        assert item["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert item["acquireLicensePage"] == "http://kremlin.ru/events/president/news/66182"


def test_agency_pictures_name_the_agency(client, section, publish):
    image = NewsImageFactory(
        creator="",
        source_name="",
        licence="agency",
        agency="Example Wire",
        licence_url="https://wire.example/licensing",
        source_url="https://wire.example/photo/1",
    )
    page = publish(ArticlePageFactory(parent=section, lead_image=image, live=False))

    item = _jsonld(_page(client, page.url)[1])[0]["image"][0]

    assert item["creditText"] == "Example Wire"
    assert item["creator"]["@type"] == "Organization"
    assert item["license"] == "https://wire.example/licensing"
