"""Pages, feeds and sitemaps leave compressed when the reader's client asks for it."""

import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.template import engines

from newsdesk.core import compression
from newsdesk.core.pagecache import shared_lifetime


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": True}


def _plain(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    return response.content


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=1.0, gzip;q=0.8", "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("identity", ""),
        ("gzip;q=0", ""),
        ("", ""),
    ],
)
def test_the_encoding_follows_what_the_client_accepts(rf, accept, encoding):
    assert compression.negotiate(rf.get("/", HTTP_ACCEPT_ENCODING=accept)) == encoding


@pytest.mark.parametrize("url", ["story", "/feeds/rss/", "/sitemap-articles.xml", "/"])
def test_pages_feeds_and_sitemaps_come_compressed_and_the_same(
    client, article, section, publish, url
):
    from newsdesk.articles.factories import ArticlePageFactory

    for n in range(8):
        publish(ArticlePageFactory(parent=section, title=f"Harbour story {n}"))
    url = article.url if url == "story" else url
    plain = _plain(client, url)

    as_br = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    as_gzip = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert as_br["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.content) == plain
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == plain
    for response in (as_br, as_gzip):
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content) < len(plain)


def test_each_encoding_is_kept_and_served_from_the_cache(client, article):
    client.get(article.url, HTTP_ACCEPT_ENCODING="br")
    client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")

    br = client.get(article.url, HTTP_ACCEPT_ENCODING="br")
    gz = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(article.url)

    assert br["X-Newsdesk-Cache"] == gz["X-Newsdesk-Cache"] == "hit"
    assert plain["X-Newsdesk-Cache"] == "miss"
    assert brotli.decompress(br.content) == gzip.decompress(gz.content) == plain.content
    # A reader whose copy is current gets a 304 for the compressed copy too.
    again = client.get(article.url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=br["ETag"])
    assert again.status_code == 304


def test_a_page_with_a_csrf_token_gets_padded_gzip_not_brotli_and_is_not_stored(rf, db):
    page = engines["django"].from_string(
        "<form>{% csrf_token %}<input name=q></form>" + "<p>words</p>" * 100
    )
    request = rf.get("/contact/", HTTP_ACCEPT_ENCODING="br, gzip")
    response = compression.CompressionMiddleware(
        lambda r: HttpResponse(page.render({}, request=r), content_type="text/html")
    )(request)

    assert response["Content-Encoding"] == "gzip"
    assert compression.has_csrf_token(response)
    assert shared_lifetime(response) == 0


def test_pictures_and_small_answers_are_left_alone(client, article):
    response = client.get("/healthz", HTTP_ACCEPT_ENCODING="br, gzip")

    assert "Content-Encoding" not in response


def test_turned_off_nothing_is_compressed(client, article, settings):
    settings.NEWSDESK_COMPRESS = False

    response = client.get(article.url, HTTP_ACCEPT_ENCODING="br, gzip")

    assert "Content-Encoding" not in response
