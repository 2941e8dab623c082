from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import html as lxml_html

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.live import coverage
from newsdesk.live.models import CorrectionsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrections_page(home, publish):
    page = CorrectionsPage(title="Corrections", slug="corrections")
    home.add_child(instance=page)
    return publish(page)


def test_the_corrections_page_lists_every_correction_newest_first(
    client, corrections_page, article, section, publish, editor
):
    other = publish(ArticlePageFactory(parent=section, title="Bridge opening delayed"))
    coverage.correct(
        article,
        editor,
        kind="correction",
        note="The vote was 31 to 9.",
        published_at=timezone.now() - timedelta(days=1),
    )
    coverage.correct(other, editor, kind="clarification", note="Adds the engineer's name.")
    response = client.get(corrections_page.url)
    tree = lxml_html.fromstring(response.content)
    items = tree.xpath('//li[@class="corrections-list__item"]')
    assert [i.xpath(".//h2/a/text()")[0] for i in items] == [
        "Bridge opening delayed",
        article.title,
    ]
    assert items[0].xpath(".//h2/a/@href")[0].startswith(other.url + "#correction-")
    assert "Adds the engineer's name." in items[0].text_content()


def test_the_story_links_to_the_corrections_page(client, corrections_page, article, editor):
    coverage.correct(article, editor, kind="correction", note="Fixes a name.")
    tree = lxml_html.fromstring(client.get(article.url).content)
    assert tree.xpath('//section[@class="corrections"]//a/@href') == [corrections_page.url]


def test_corrections_to_unpublished_stories_are_not_listed(
    client, corrections_page, article, editor
):
    coverage.correct(article, editor, kind="correction", note="Fixes a name.")
    article.unpublish()
    assert b"Fixes a name." not in client.get(corrections_page.url).content
    assert b"Fixes a name." not in client.get(corrections_page.url + "feed/").content


def test_the_corrections_feed(client, corrections_page, article, editor):
    coverage.correct(article, editor, kind="correction", note="The vote was 31 to 9.")
    response = client.get(corrections_page.url + "feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.entries[0].title == f"Correction: {article.title}"
    assert feed.entries[0].summary == "The vote was 31 to 9."
    assert feed.entries[0].link.startswith(f"http://testserver{article.url}#correction-")


def test_a_page_number_past_the_end_is_not_found(client, corrections_page):
    assert client.get(corrections_page.url + "?page=9").status_code == 404
    assert client.get(corrections_page.url).status_code == 200


def test_only_one_corrections_page_per_site(corrections_page):
    assert not CorrectionsPage.can_create_at(corrections_page.get_parent())
