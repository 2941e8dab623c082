import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from lxml import html as lxml_html
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.core import publishing
from newsdesk.demo import content
from newsdesk.live.models import CorrectionsPage, Coverage
from newsdesk.people.models import Author

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = ["Introduction", "Main Details", "Background", "Latest Updates", "Conclusion"]


@pytest.fixture
def demo(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--host", "127.0.0.1", "--port", "8123", "--no-warm")


def _flagship():
    return ArticlePage.objects.get(slug=content.FLAGSHIP)


def test_demo_has_the_promised_newsroom(demo):
    assert SectionPage.objects.live().count() == 4
    assert Author.objects.count() == 3
    assert ArticlePage.objects.published().count() >= 13
    for section in SectionPage.objects.all():
        assert ArticlePage.objects.published().child_of(section).exists()


def test_every_demo_story_passes_every_publishing_rule(demo):
    for page in ArticlePage.objects.all():
        assert page.live
        assert publishing.check(page) == [], page.title


def test_site_is_set_to_where_the_demo_is_served(demo):
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert _flagship().full_url == f"http://127.0.0.1:8123/world/{content.FLAGSHIP}/"


def test_one_login_per_role(demo, settings):
    users = get_user_model().objects
    assert users.get(username="reporter").groups.get().name == "Reporters"
    assert users.get(username="editor").groups.get().name == "Editors"
    assert users.get(username="admin").is_superuser
    assert (settings.DATA_DIR / "demo-logins.json").exists()


def test_loading_again_changes_nothing_and_keeps_passwords(demo, settings):
    logins = (settings.DATA_DIR / "demo-logins.json").read_text()
    editor_password = json.loads(logins)["editor"]
    counts = (ArticlePage.objects.count(), Author.objects.count())

    call_command("load_demo", "--no-warm")

    assert (ArticlePage.objects.count(), Author.objects.count()) == counts
    assert (settings.DATA_DIR / "demo-logins.json").read_text() == logins
    assert get_user_model().objects.get(username="editor").check_password(editor_password)


def test_flagship_has_the_reference_structure(demo):
    page = _flagship()
    headings = [block.value for block in page.body if block.block_type == "heading"]

    assert headings == SECTION_HEADINGS
    also_read = [b.value["article"] for b in page.body if b.block_type == "also_read"]
    assert [a.specific.slug for a in also_read] == ["stranger-things-final-season-volume-one"]
    assert page.lead_image.attribution == (
        "newsdesk demo studio, CC BY 4.0, via the newsdesk demo library"
    )
    assert page.updated_at is not None


def test_flagship_is_a_developing_story_with_updates_and_a_correction(demo, client):
    page = _flagship()
    live = Coverage.objects.get(article=page)
    assert live.is_live
    updates = list(page.live_updates.order_by("sequence"))
    assert len(updates) >= 3
    assert [u.published_at for u in updates] == sorted(u.published_at for u in updates)
    assert all(live.started_at < u.published_at <= page.updated_at for u in updates)
    assert page.corrections.count() == 1
    response = client.get(page.url, HTTP_HOST="127.0.0.1:8123")
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath('//p[@class="kicker"]/span[@class="live-label"]/text()') == ["Developing"]
    assert len(tree.xpath('//ol[@class="live__updates"]/li')) == len(updates)
    assert tree.xpath('//section[@class="corrections"]//li')
    corrections = CorrectionsPage.objects.live().get()
    assert (
        page.corrections.get().note
        in client.get(corrections.url, HTTP_HOST="127.0.0.1:8123").content.decode()
    )


def test_flagship_follows_the_reference_page_order(reference_text):
    lines = [line.strip() for line in reference_text.splitlines()]

    in_reference = [line for line in lines if line in SECTION_HEADINGS]

    assert in_reference == SECTION_HEADINGS


def test_flagship_is_written_in_our_own_words(reference_text):
    reference = reference_text
    story = next(s for s in content.STORIES if s["slug"] == content.FLAGSHIP)
    paragraphs = [b["value"][3:-4] for b in story["body"] if b["type"] == "paragraph"]
    paragraphs += [update["text"] for update in content.LIVE_COVERAGE["updates"]]

    for paragraph in paragraphs:
        for sentence in paragraph.split(". "):
            if len(sentence) > 30:
                assert sentence not in reference, sentence


def test_demo_has_reader_comments_but_none_yet_on_the_flagship(demo, client):
    from newsdesk.comments.models import Comment

    assert not Comment.objects.filter(article=_flagship()).exists()
    port = ArticlePage.objects.get(slug="port-halden-strike-ends")
    assert Comment.objects.approved().filter(article=port).count() == 2
    page = client.get(port.url, HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "in reply to" not in page  # a reply to the first comment needs no "in reply to"
    assert '<a href="#comments">2 comments</a>' in page


def test_demo_has_a_daily_briefing_with_readers_and_its_form_on_the_flagship(demo, client):
    from newsdesk.demo import content
    from newsdesk.newsletters.models import Newsletter

    briefing = Newsletter.objects.get(slug="daily-briefing")
    flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)

    assert briefing.subscriptions.filter(status="active").count() == 3
    assert 'value="daily-briefing"' in client.get(flagship.url).content.decode()
