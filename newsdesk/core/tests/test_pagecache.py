"""The whole-page cache: what anonymous readers get, and what is never shared."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from newsdesk.articles.factories import ArticlePageFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": True}


def _directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_an_anonymous_reader_gets_a_shareable_page_from_the_cache(client, article):
    first = client.get(article.url)
    second = client.get(article.url)

    assert first.status_code == second.status_code == 200
    assert first["X-Newsdesk-Cache"] == "miss"
    assert second["X-Newsdesk-Cache"] == "hit"
    assert second.content == first.content
    assert _directives(first) == {
        "public",
        "max-age=0",
        "s-maxage=300",
        "stale-while-revalidate=60",
    }
    for response in (first, second):
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert "cookie" not in response.get("Vary", "").lower()
        assert b"csrfmiddlewaretoken" not in response.content
        assert response["ETag"] and response["Last-Modified"]
    assert second["ETag"] == first["ETag"]
    # The security headers are the cached copy's too.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_reader_whose_copy_is_current_gets_a_304(client, article):
    first = client.get(article.url)

    by_etag = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(article.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    stale = client.get(article.url, HTTP_IF_NONE_MATCH='"something-else"')

    assert by_etag.status_code == by_date.status_code == 304
    assert stale.status_code == 200


def test_head_requests_are_answered_from_the_same_copy(client, article):
    client.get(article.url)

    response = client.head(article.url)

    assert response.status_code == 200
    assert response["X-Newsdesk-Cache"] == "hit"


def test_a_logged_in_editor_never_gets_a_cached_page(client, article, django_user_model):
    client.get(article.url)
    assert client.get(article.url)["X-Newsdesk-Cache"] == "hit"
    editor = django_user_model.objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    responses = [client.get(article.url) for _ in range(2)]

    for response in responses:
        assert response.status_code == 200
        assert "X-Newsdesk-Cache" not in response
        assert {"private", "no-cache"} <= _directives(response)
    client.logout()
    # What the editor was shown never reached the readers' copy.
    assert client.get(article.url)["X-Newsdesk-Cache"] == "hit"


def test_a_reader_with_a_message_waiting_gets_a_page_of_their_own(client, article):
    client.get(article.url)
    client.cookies["messages"] = "anything"

    response = client.get(article.url)

    assert "X-Newsdesk-Cache" not in response


def test_a_csrf_cookie_alone_does_not_keep_a_reader_from_the_cache(client, article):
    client.get(article.url)
    client.cookies["csrftoken"] = "x" * 32

    assert client.get(article.url)["X-Newsdesk-Cache"] == "hit"


def test_a_page_with_a_form_and_a_token_is_never_stored(client, section, publish):
    story = publish(ArticlePageFactory(parent=section, live=False))
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
    )

    responses = [client.get(story.url) for _ in range(2)]

    for response in responses:
        assert response.status_code == 200
        assert b"csrfmiddlewaretoken" in response.content
        assert "X-Newsdesk-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_comment_forms_and_admin_pages_are_never_stored(client, article):
    for url in (f"/comments/{article.pk}/", "/admin/login/"):
        responses = [client.get(url) for _ in range(2)]
        for response in responses:
            assert "X-Newsdesk-Cache" not in response
            assert "public" not in response.get("Cache-Control", "")


def test_missing_pages_are_not_kept_by_anyone(client, home):
    response = client.get("/no-such-story/")

    assert response.status_code == 404
    assert "X-Newsdesk-Cache" not in response
    assert "no-cache" in response["Cache-Control"]


def test_the_live_poll_keeps_its_own_short_lifetime(client, article, django_user_model):
    from newsdesk.live import coverage

    editor = django_user_model.objects.create_user("desk", "desk@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    coverage.start(article, editor)

    first = client.get(f"/live/{article.pk}/updates.json")
    second = client.get(f"/live/{article.pk}/updates.json")

    assert first["Cache-Control"] == "public, max-age=5"
    assert second["X-Newsdesk-Cache"] == "hit"


def test_every_query_string_of_a_path_is_purged_with_it(client, article, section):
    from newsdesk.core import pagecache

    for url in (section.url, f"{section.url}?page=1", article.url):
        client.get(url)

    pagecache.purge_local([section.full_url])

    assert client.get(section.url)["X-Newsdesk-Cache"] == "miss"
    assert client.get(f"{section.url}?page=1")["X-Newsdesk-Cache"] == "miss"
    assert client.get(article.url)["X-Newsdesk-Cache"] == "hit"


def test_changing_the_site_name_drops_every_page(
    client, article, home, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    for url in (article.url, home.url):
        client.get(url)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "The Evening Gazette"

    with django_capture_on_commit_callbacks(execute=True):
        site.save()

    assert client.get(article.url)["X-Newsdesk-Cache"] == "miss"
    assert client.get(home.url)["X-Newsdesk-Cache"] == "miss"
    assert b"The Evening Gazette" in client.get(article.url).content


def test_turned_off_the_headers_stay_and_nothing_is_stored(client, article, settings):
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": False}

    responses = [client.get(article.url) for _ in range(2)]

    for response in responses:
        assert "X-Newsdesk-Cache" not in response
        assert "s-maxage=300" in response["Cache-Control"]


def test_trackers_and_unknown_parameters_on_a_story_get_the_cached_copy(client, article):
    first = client.get(article.url)
    assert first["X-Newsdesk-Cache"] == "miss"

    for query in (
        "utm_source=newsletter&utm_medium=email",
        "fbclid=IwAR0abc",
        "gclid=Cj0KCQ",
        "x=83746251",
        "x=19283&utm_campaign=evening",
    ):
        response = client.get(f"{article.url}?{query}")
        assert response["X-Newsdesk-Cache"] == "hit", query
        assert response.content == first.content


def test_parameters_a_page_reads_are_pages_of_their_own(client, section, publish):
    from newsdesk.articles.factories import ArticlePageFactory as Story

    for n in range(25):
        publish(Story(parent=section, title=f"Council story {n}"))
    first = client.get(section.url)
    second_page = client.get(f"{section.url}?page=2")

    assert second_page["X-Newsdesk-Cache"] == "miss"
    assert second_page.content != first.content
    # A tracker on the second page is still the second page, from the cache.
    tracked = client.get(f"{section.url}?utm_source=x&page=2")
    assert tracked["X-Newsdesk-Cache"] == "hit"
    assert tracked.content == second_page.content
    assert client.get(f"{section.url}?page=2&x=1")["X-Newsdesk-Cache"] == "hit"


def test_search_words_are_never_answered_from_another_searchs_copy(client, article):
    council = client.get("/search/?q=council")
    weather = client.get("/search/?q=weather")

    assert council["X-Newsdesk-Cache"] == weather["X-Newsdesk-Cache"] == "miss"
    assert client.get("/search/?q=council&utm_source=x")["X-Newsdesk-Cache"] == "hit"
    assert client.get("/search/?q=council&page=1")["X-Newsdesk-Cache"] == "miss"


def test_an_old_wordpress_link_on_the_home_page_still_redirects(client, home, article):
    from django.contrib.contenttypes.models import ContentType

    from newsdesk.importers.models import ImportRecord

    ImportRecord.objects.create(
        source="wordpress",
        kind="post",
        source_id="123",
        content_type=ContentType.objects.get_for_model(article),
        object_id=article.pk,
    )
    client.get("/")
    assert client.get("/?utm_source=x")["X-Newsdesk-Cache"] == "hit"

    response = client.get("/?p=123")

    assert response.status_code == 301
    assert response["Location"].endswith(article.url)


def test_a_page_that_names_no_parameters_is_keyed_on_all_but_trackers(rf):
    from newsdesk.core import pagecache

    assert pagecache.kept_query("b=2&a=1&utm_source=x&fbclid=y") == "a=1&b=2"
    assert pagecache.kept_query("b=2&a=1&page=3", ("page",)) == "page=3"
    assert pagecache.kept_query("utm_medium=email", ()) == ""
