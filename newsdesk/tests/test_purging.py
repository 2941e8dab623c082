"""
Exact purging: each kind of change drops exactly the pages that show it from the page
cache, and sends exactly those purges to the reverse proxy.

A small newsroom is cached page by page; after the change every page is asked for again
and the ones answered afresh (a cache miss) must be the expected set, no more, no less.
The reverse proxy is a local HTTP server that records the PURGE requests it gets.
"""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import RelatedPin, RelatedStory
from newsdesk.comments import moderation
from newsdesk.comments.models import Comment, CommentState
from newsdesk.live import coverage
from newsdesk.live.factories import paragraph
from newsdesk.live.models import CorrectionsPage
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

SITE = [
    "/",
    "/search/",
    "/search/?q=budget",
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/world/",
    "/world/?page=1",
    "/business/",
    "/sitemap-articles.xml",
    "/sitemap-articles.xml?p=1",
    "/sitemap-sections.xml",
    "/sitemap-topics.xml",
    "/sitemap-authors.xml",
    "/sitemap-pages.xml",
    "/feeds/sections/world/rss/",
    "/feeds/sections/world/atom/",
    "/feeds/sections/business/rss/",
    "/topics/energy/",
    "/topics/water/",
    "/feeds/topics/energy/rss/",
    "/feeds/topics/energy/atom/",
    "/feeds/topics/water/rss/",
    "/authors/meera/",
    "/authors/tomas/",
    "/feeds/authors/meera/rss/",
    "/feeds/authors/meera/atom/",
    "/feeds/authors/tomas/rss/",
    "/corrections/",
    "/corrections/feed/",
    "/world/council-passes-budget/",
    "/world/reservoir-levels-fall/",
    "/business/markets-close-higher/",
]
# What shows the budget story, in the feeds and sitemaps too.
SHOWING_BUDGET = {
    "/",
    "/search/",
    "/world/",
    "/topics/energy/",
    "/authors/meera/",
    "/world/council-passes-budget/",
    # The reservoir story lists it among its related stories.
    "/world/reservoir-levels-fall/",
}
SYNDICATING_BUDGET = {
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-sections.xml",
    "/sitemap-topics.xml",
    "/sitemap-authors.xml",
    "/feeds/sections/world/rss/",
    "/feeds/sections/world/atom/",
    "/feeds/topics/energy/rss/",
    "/feeds/topics/energy/atom/",
    "/feeds/authors/meera/rss/",
    "/feeds/authors/meera/atom/",
}


class PurgeRecorder(BaseHTTPRequestHandler):
    seen = None

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.seen.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    """A stand-in reverse proxy on a free local port; yields the paths purged from it."""
    seen = []
    handler = type("Recorder", (PurgeRecorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def desk(django_user_model):
    user = django_user_model.objects.create_user("desk", "desk@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def newsroom(home, section, publish, settings):
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": True}
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    meera = AuthorFactory(name="Meera Raghavan", slug="meera")
    tomas = AuthorFactory(name="Tomás Ferreira", slug="tomas")
    energy = TopicFactory(name="Energy", slug="energy")
    water = TopicFactory(name="Water", slug="water")
    stories = {}
    for slug, title, standfirst, parent, author, topic in [
        (
            "council-passes-budget",
            "Council passes budget",
            "Spending rises.",
            section,
            meera,
            energy,
        ),
        ("reservoir-levels-fall", "Reservoir levels fall", "A dry summer.", section, tomas, water),
        ("markets-close-higher", "Markets close higher", "Shares gain.", business, tomas, water),
    ]:
        story = ArticlePageFactory(
            parent=parent,
            slug=slug,
            title=title,
            standfirst=standfirst,
            authors=[author],
            live=False,
        )
        story.topics = [topic, energy] if slug == "reservoir-levels-fall" else [topic]
        stories[slug] = publish(story)
    home.add_child(instance=CorrectionsPage(title="Corrections", slug="corrections"))
    budget, reservoir, markets = stories.values()
    # The related lists as publishing computed them: a shared topic relates two stories.
    assert budget.pk in RelatedStory.objects.filter(article=reservoir).values_list(
        "related_id", flat=True
    )
    assert not RelatedStory.objects.filter(article=markets, related=budget).exists()
    return stories


@pytest.fixture
def cached(client, newsroom):
    """Cache every page of the newsroom; returns a function telling which were purged."""

    def fetch_all():
        return {url: client.get(url) for url in SITE}

    first = fetch_all()
    for url, response in first.items():
        assert response.status_code == 200, url
        assert response["X-Newsdesk-Cache"] == "miss", url
    assert all(r["X-Newsdesk-Cache"] == "hit" for r in fetch_all().values())

    def purged():
        again = fetch_all()
        paths = set()
        for url, response in again.items():
            # An unpublished story's address answers 404, which is never stored.
            if response.get("X-Newsdesk-Cache") != "hit":
                paths.add(url)
        return paths

    return purged


def _every_query(paths):
    """The cached URLs under ``paths``, whatever their query strings."""
    return {url for url in SITE if url.split("?")[0] in paths}


def _proxy_paths(proxy):
    assert all(host == "testserver" for host, _path in proxy)
    return {path for _host, path in proxy}


@pytest.fixture
def changes(django_capture_on_commit_callbacks):
    """Run a change as a request would: purges follow its commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_republishing_a_story_purges_every_page_feed_and_sitemap_showing_it(
    newsroom, cached, proxy, changes, publish
):
    budget = newsroom["council-passes-budget"]
    budget.title = "Council passes amended budget"

    with changes():
        publish(budget)

    assert cached() == _every_query(SHOWING_BUDGET | SYNDICATING_BUDGET)
    assert _proxy_paths(proxy) == SHOWING_BUDGET | SYNDICATING_BUDGET


def test_a_story_moved_off_a_topic_purges_the_topic_it_left(newsroom, cached, changes, publish):
    budget = newsroom["council-passes-budget"]
    budget.topics = [*budget.topics.all(), TopicFactory(slug="fiscal")]
    with changes():
        publish(budget)
    cached()  # the new topic page and its feeds are now cached as well
    budget.topics = [t for t in budget.topics.all() if t.slug != "energy"]

    with changes():
        publish(budget)

    assert {"/topics/energy/", "/feeds/topics/energy/rss/"} <= cached()


def test_unpublishing_a_story_purges_where_it_was_shown(newsroom, cached, proxy, changes, desk):
    budget = newsroom["council-passes-budget"]

    with changes():
        budget.unpublish(user=desk)

    expected = SHOWING_BUDGET | SYNDICATING_BUDGET
    assert cached() == _every_query(expected)
    assert _proxy_paths(proxy) == expected


def test_an_approved_comment_purges_the_pages_not_the_feeds(newsroom, cached, proxy, changes, desk):
    budget = newsroom["council-passes-budget"]
    comment = Comment.objects.create(
        article=budget, name="Asha", email="asha@example.org", body="Good.", state="pending"
    )

    with changes():
        moderation.set_state(Comment.objects.filter(pk=comment.pk), CommentState.APPROVED, desk)

    assert cached() == _every_query(SHOWING_BUDGET)
    assert _proxy_paths(proxy) == SHOWING_BUDGET


def test_a_live_update_purges_the_story_its_poll_and_its_feed(
    newsroom, client, changes, proxy, desk
):
    budget = newsroom["council-passes-budget"]
    with changes():
        coverage.start(budget, desk)
    live = {f"/live/{budget.pk}/updates.json", f"/live/{budget.pk}/feed/"}
    for url in live:
        client.get(url)
    proxy.clear()

    with changes():
        coverage.add_update(budget, desk, author=AuthorFactory(), body=paragraph("Vote at 6pm."))

    assert _proxy_paths(proxy) == SHOWING_BUDGET | SYNDICATING_BUDGET | live
    for url in live:
        assert client.get(url)["X-Newsdesk-Cache"] == "miss"


def test_a_correction_purges_the_corrections_page_and_its_feed(
    newsroom, cached, proxy, changes, desk
):
    budget = newsroom["council-passes-budget"]

    with changes():
        coverage.correct(budget, desk, kind="correction", note="The vote was 31 to 12.")

    expected = SHOWING_BUDGET | SYNDICATING_BUDGET | {"/corrections/", "/corrections/feed/"}
    assert cached() == _every_query(expected)
    assert _proxy_paths(proxy) == expected


def test_editing_a_pictures_credit_purges_the_stories_that_show_it(
    newsroom, cached, proxy, changes
):
    budget = newsroom["council-passes-budget"]
    image = budget.lead_image
    image.creator = "Corrected Name"

    with changes():
        image.save()

    assert cached() == _every_query(SHOWING_BUDGET | SYNDICATING_BUDGET)
    assert _proxy_paths(proxy) == SHOWING_BUDGET | SYNDICATING_BUDGET


def test_saving_a_picture_unchanged_purges_nothing(newsroom, cached, proxy, changes):
    image = newsroom["council-passes-budget"].lead_image

    with changes():
        image.save()

    assert cached() == set()
    assert proxy == []


def test_a_pinned_story_purges_the_story_that_pins_it(newsroom, cached, changes, publish):
    markets, budget = newsroom["markets-close-higher"], newsroom["council-passes-budget"]
    markets.related_pins = [RelatedPin(related=budget)]
    with changes():
        publish(markets)
    cached()
    budget.title = "Council passes amended budget"

    with changes():
        publish(budget)

    assert "/business/markets-close-higher/" in cached()


def test_a_new_slug_purges_the_old_address(newsroom, client, changes, proxy, publish):
    budget = newsroom["council-passes-budget"]
    client.get(budget.url)
    budget.slug = "council-budget-vote"

    with changes():
        publish(budget)

    assert "/world/council-passes-budget/" in _proxy_paths(proxy)
    old = client.get("/world/council-passes-budget/")
    assert old.status_code == 301
    assert old["Location"] == "/world/council-budget-vote/"


# Fragments (core.fragments): with the page cache off, every page is assembled from kept
# fragments. After each kind of change, every page must be exactly what it would be if
# nothing were kept: no stale fragment anywhere.

# Signed times in forms (core.antispam) differ between any two renderings.
SIGNED = re.compile(r'value="[\w\-]+:[\w\-]+:[\w\-]+"')
PAGES = [url for url in SITE if "feed" not in url and "sitemap" not in url]


@pytest.fixture
def assembled(client, newsroom, settings):
    """Every page made once from fragments; returns a check that none went stale."""
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": False}
    settings.NEWSDESK_FRAGMENTS = True
    for url in PAGES:
        assert client.get(url).status_code == 200, url

    def fresh(*also):
        for url in [*PAGES, *also]:
            settings.NEWSDESK_FRAGMENTS = True
            kept = client.get(url)
            settings.NEWSDESK_FRAGMENTS = False
            made = client.get(url)
            settings.NEWSDESK_FRAGMENTS = True
            assert kept.status_code == made.status_code, url
            assert SIGNED.sub("", kept.content.decode()) == SIGNED.sub("", made.content.decode()), (
                url
            )
        return True

    assert fresh()
    return fresh


def test_fragments_follow_a_republished_story(newsroom, assembled, changes, publish):
    budget = newsroom["council-passes-budget"]
    budget.title = "Council passes amended budget"
    budget.standfirst = "Spending rises by less."
    with changes():
        publish(budget)

    assert assembled()


def test_fragments_follow_comments_live_updates_and_corrections(
    newsroom, assembled, changes, desk, client
):
    budget = newsroom["council-passes-budget"]
    comment = Comment.objects.create(
        article=budget, name="Asha", email="asha@example.org", body="Good.", state="pending"
    )
    with changes():
        moderation.set_state(Comment.objects.filter(pk=comment.pk), CommentState.APPROVED, desk)
    assert "Good." in client.get(budget.url).content.decode()
    assert assembled()

    with changes():
        coverage.start(budget, desk)
        coverage.add_update(budget, desk, author=AuthorFactory(), body=paragraph("Vote at 6pm."))
    assert "Vote at 6pm." in client.get(budget.url).content.decode()
    assert assembled(f"{budget.url}?updates=1")

    with changes():
        coverage.correct(budget, desk, kind="correction", note="The vote was 31 to 12.")
    assert "The vote was 31 to 12." in client.get(budget.url).content.decode()
    assert assembled()


def test_fragments_follow_pictures_authors_topics_sections_and_the_site(
    newsroom, assembled, changes, publish
):
    from wagtail.models import Site

    from newsdesk.people.models import Author
    from newsdesk.topics.models import Topic

    image = newsroom["council-passes-budget"].lead_image
    image.creator = "Corrected Name"
    with changes():
        image.save()
    assert assembled()

    with changes():
        meera = Author.objects.get(slug="meera")
        meera.name = "Meera R. Raghavan"
        meera.save()
    assert assembled()

    with changes():
        energy = Topic.objects.get(slug="energy")
        energy.name = "Energy and power"
        energy.save()
    assert assembled()

    business = newsroom["markets-close-higher"].get_parent().specific
    business.title = "Money"
    with changes():
        publish(business)
    assert assembled()

    site = Site.objects.get(is_default_site=True)
    site.site_name = "The Evening Gazette"
    with changes():
        site.save()
    assert assembled()


def test_fragments_follow_related_stories_and_pins(newsroom, assembled, changes, publish):
    markets, budget = newsroom["markets-close-higher"], newsroom["council-passes-budget"]
    markets.related_pins = [RelatedPin(related=budget)]
    with changes():
        publish(markets)
    assert assembled()

    budget.title = "Council passes amended budget"
    with changes():
        publish(budget)
    assert assembled()


def test_fragments_follow_unpublishing_moving_and_new_stories(
    newsroom, assembled, changes, desk, publish, section, client
):
    budget = newsroom["council-passes-budget"]
    with changes():
        budget.unpublish(user=desk)
    assert client.get("/world/council-passes-budget/").status_code == 404

    with changes():
        publish(ArticlePageFactory(parent=section, title="Ferry timetable changes"))
    assert "Ferry timetable changes" in client.get("/world/").content.decode()
    assert assembled()

    reservoir = newsroom["reservoir-levels-fall"]
    reservoir.slug = "reservoir-level-falls"
    with changes():
        publish(reservoir)
    assert client.get("/world/reservoir-levels-fall/").status_code == 301
    assert client.get("/world/reservoir-level-falls/").status_code == 200
