"""Headers, methods and bad input that every page and admin endpoint must answer well."""

import pytest
from django.urls import reverse

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.testing import make_user, post_story_edit

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_permissions_policy(client, article):
    for url in ("/", article.url, reverse("feed_rss"), "/admin/login/"):
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy, url


def test_trace_is_answered_405_everywhere(client, article):
    for url in ("/", article.url, "/admin/", "/no-such-page/"):
        response = client.generic("TRACE", url)
        assert response.status_code == 405, url
        assert "TRACE" not in response["Allow"]


def test_reader_pages_frame_only_the_allowed_embed_providers(client, article):
    policy = client.get(article.url)["Content-Security-Policy"]
    frames = next(d for d in policy.split("; ") if d.startswith("frame-src"))

    assert "https://www.youtube-nocookie.com" in frames
    assert " https: " not in f"{frames} " and not frames.endswith(" https:")
    assert "script-src" not in policy or "'unsafe-inline'" not in policy


def test_the_admin_has_a_content_security_policy_of_its_own(client):
    client.force_login(make_user("editor", "Editors"))

    policy = client.get(reverse("wagtailadmin_home"))["Content-Security-Policy"]

    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["object-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["form-action"] == "'self'"


def test_a_control_character_typed_into_a_headline_is_refused_with_a_sentence(client, section):
    editor = make_user("editor", "Editors")
    story = ArticlePageFactory(parent=section, live=False)
    client.force_login(editor)

    response = post_story_edit(client, story, "action-publish", title="Budget\x0bvote")

    assert response.status_code == 200
    errors = response.context["form"].errors["title"]
    assert errors == [
        "This text contains an invisible control character, a vertical tab (U+000B), "
        "after “Budget”. It usually comes from pasting out of a word processor: delete "
        "it (or retype the words around it) and save again."
    ]
    story.refresh_from_db()
    assert not story.live


def test_a_control_character_in_a_block_stops_publication_on_that_block(client, section):
    from wagtail.test.utils.form_data import rich_text

    editor = make_user("editor", "Editors")
    story = ArticlePageFactory(parent=section, live=False)
    client.force_login(editor)

    response = post_story_edit(
        client,
        story,
        "action-publish",
        authors=story.authors,
        image=story.lead_image,
        body=[("heading", "Vote\x0cresults"), ("paragraph", rich_text("<p>Text.</p>"))],
    )

    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body"][0]
    assert "a page break (U+000C)" in str(error.block_errors[0].messages)
    story.refresh_from_db()
    assert not story.live


@pytest.mark.parametrize("endpoint", ["refresh", "dismiss", "restore"])
def test_desk_check_endpoints_answer_400_to_a_form_without_its_fields(client, section, endpoint):
    editor = make_user("editor", "Editors")
    story = ArticlePageFactory(parent=section, live=False)
    client.force_login(editor)
    name = "newsdesk_checks_refresh" if endpoint == "refresh" else f"newsdesk_checks_{endpoint}"

    response = client.post(reverse(name, args=[story.pk]), {"dismiss": "x"})

    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "Reload the page and try again" in response.content.decode()


def test_the_page_editor_answers_400_to_a_post_without_its_fields(client, section):
    editor = make_user("editor", "Editors")
    story = ArticlePageFactory(parent=section, live=False)
    client.force_login(editor)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), {})

    assert response.status_code == 400
    assert "arrived without the field" in response.content.decode()
