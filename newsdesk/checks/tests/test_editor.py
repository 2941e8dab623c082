"""The desk checks panel in the editor, and dismissals that hold while the sentence does."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.checks.models import Dismissal
from newsdesk.checks.panels import findings_for
from newsdesk.images.factories import NewsImageFactory
from newsdesk.testing import story_form as _form

pytestmark = pytest.mark.django_db

TK = "<p>The council will vote on TK.</p>"


@pytest.fixture
def reporter(db):
    user = get_user_model().objects.create_user("rep", password="pw")
    user.groups.add(Group.objects.get(name="Reporters"))
    return user


@pytest.fixture
def story(section, reporter):
    return ArticlePageFactory(
        parent=section,
        live=False,
        owner=reporter,
        lead_image=NewsImageFactory(file__width=1600, file__height=900),
        body=[{"type": "paragraph", "value": TK}],
    )


def _data(page, body_html=TK, **extra):
    data = _form(
        page,
        "unused-action",
        authors=page.authors,
        image=page.lead_image,
        body=[("paragraph", rich_text(body_html))],
    )
    data.pop("unused-action")
    data.update(extra)
    return data


def _dismiss(client, page, fingerprint, reason, body_html=TK):
    return client.post(
        reverse("newsdesk_checks_dismiss", args=[page.pk]),
        _data(page, body_html, dismiss=fingerprint, **{f"dismiss_reason_{fingerprint}": reason}),
        HTTP_X_REQUESTED_WITH="newsdesk-checks",
    )


def test_the_edit_view_shows_errors_and_warnings(client, story, reporter):
    uncredited = NewsImageFactory(title="Pier", creator="")
    story.lead_image = uncredited
    story.save_revision()
    client.force_login(reporter)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()

    panel = html.split("data-desk-checks")[1].split("</div>\n</div>")[0]
    assert "Must be fixed before publishing" in panel
    assert "The lead image “Pier” lacks the creator&#x27;s name" in panel
    # Warnings are folded to their count; errors stay in view.
    assert "worth a look (never block" in panel
    assert '<details class="desk-checks__warnings">' in panel
    assert "1 error" in panel
    assert "“TK” looks like a placeholder left to fill in." in panel
    assert "checks/panel.js" in html


def test_the_panel_follows_unsaved_changes(client, story, reporter):
    client.force_login(reporter)
    url = reverse("newsdesk_checks_refresh", args=[story.pk])

    before = client.post(url, _data(story)).content.decode()
    after = client.post(
        url, _data(story, "<p>The council will vote on the budget.</p>")
    ).content.decode()

    assert "placeholder" in before
    assert "placeholder" not in after and "No problems found." in after


def test_a_dismissal_holds_while_the_sentence_is_unchanged(client, story, reporter):
    client.force_login(reporter)
    (warning,) = findings_for(story)["warnings"]

    response = _dismiss(client, story, warning.fingerprint, "TK is the company's ticker here.")

    assert response.status_code == 200
    assert "1 warning dismissed" in response.content.decode()
    dismissal = Dismissal.objects.get()
    assert (dismissal.check_id, dismissal.dismissed_by, dismissal.sentence) == (
        "completeness.placeholder",
        reporter,
        "The council will vote on TK.",
    )
    assert dismissal.reason == "TK is the company's ticker here."
    # Moving the sentence elsewhere in the story keeps it dismissed.
    story.body = [
        {"type": "heading", "value": "Introduction"},
        {"type": "paragraph", "value": TK},
    ]
    assert findings_for(story)["warnings"] == []
    assert len(findings_for(story)["dismissed"]) == 1


def test_a_dismissal_lapses_when_the_sentence_changes(client, story, reporter):
    client.force_login(reporter)
    (warning,) = findings_for(story)["warnings"]
    _dismiss(client, story, warning.fingerprint, "Ticker symbol.")

    story.body = [{"type": "paragraph", "value": "<p>The council will vote on TK soon.</p>"}]

    (again,) = findings_for(story)["warnings"]
    assert again.id == "completeness.placeholder"
    assert findings_for(story)["dismissed"] == []


def test_a_dismissal_needs_a_reason(client, story, reporter):
    client.force_login(reporter)
    (warning,) = findings_for(story)["warnings"]

    response = _dismiss(client, story, warning.fingerprint, "   ")

    assert response.status_code == 400
    assert response.json()["error"] == "Say why the warning does not apply before dismissing it."
    assert not Dismissal.objects.exists()


def test_errors_cannot_be_dismissed(client, story, reporter):
    story.lead_image = NewsImageFactory(creator="")
    story.save_revision()
    client.force_login(reporter)
    (error,) = findings_for(story)["errors"]

    response = _dismiss(client, story, error.fingerprint, "Please")

    assert response.status_code == 400
    assert not Dismissal.objects.exists()


def test_without_javascript_the_dismissal_returns_to_the_editor(client, story, reporter):
    client.force_login(reporter)
    (warning,) = findings_for(story)["warnings"]
    fingerprint = warning.fingerprint

    response = client.post(
        reverse("newsdesk_checks_dismiss", args=[story.pk]),
        _data(story, dismiss=fingerprint, **{f"dismiss_reason_{fingerprint}": "Meant."}),
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert Dismissal.objects.exists()
    restore = client.post(
        reverse("newsdesk_checks_restore", args=[story.pk]), _data(story, restore=fingerprint)
    )
    assert restore.status_code == 302
    assert not Dismissal.objects.exists()


def test_only_those_who_may_edit_the_story(client, story):
    user = get_user_model().objects.create_user("outsider", password="pw", is_staff=False)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    for name in ("newsdesk_checks_refresh", "newsdesk_checks_dismiss", "newsdesk_checks_restore"):
        response = client.post(reverse(name, args=[story.pk]), _data(story))
        assert response.status_code in (302, 403), name
    assert not Dismissal.objects.exists()


def test_a_new_story_is_checked_from_its_create_form_before_the_first_save(
    client, section, reporter
):
    from newsdesk.articles.models import ArticlePage
    from newsdesk.people.factories import AuthorFactory

    client.force_login(reporter)
    add = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
    html = client.get(add).content.decode()
    refresh = reverse("newsdesk_checks_new", args=("articles", "articlepage", section.pk))
    assert f'data-refresh-url="{refresh}"' in html

    unsaved = ArticlePageFactory.build(
        title="", lead_image=NewsImageFactory(file__width=1600, file__height=900)
    )
    empty = client.post(
        refresh, _data(unsaved, authors=[]), HTTP_X_REQUESTED_WITH="newsdesk-checks"
    )
    assert "The story has no headline." in empty.content.decode()

    unsaved.title = "Ferry returns after repairs"
    data = _form(
        unsaved,
        "unused-action",
        authors=[AuthorFactory()],
        image=unsaved.lead_image,
        body=[("paragraph", rich_text("<p>The ferry sails again on 4 December 2025.</p>"))],
    )
    filled = client.post(refresh, data, HTTP_X_REQUESTED_WITH="newsdesk-checks").content.decode()
    assert "no headline" not in filled and "no author" not in filled
    # The refreshed panel keeps its address, so the next keystroke refreshes it again.
    assert f'data-refresh-url="{refresh}"' in filled
    assert not ArticlePage.objects.filter(title="Ferry returns after repairs").exists()


def test_only_those_who_may_add_a_story_there_can_check_one(client, section):
    from django.contrib.auth.models import Permission

    # In the admin, but with no right to add pages anywhere.
    outsider = get_user_model().objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    refresh = reverse("newsdesk_checks_new", args=("articles", "articlepage", section.pk))

    refused = client.post(refresh, {"title": "x"})
    # Wagtail's admin answers a refusal by sending the user to the dashboard.
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    nowhere = reverse("newsdesk_checks_new", args=("articles", "nosuchmodel", section.pk))
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    assert client.post(nowhere, {"title": "x"}).status_code == 404
