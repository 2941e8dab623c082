"""The rights report, and the warning about non-commercial pictures on a commercial site."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.core.models import NewsroomSettings
from newsdesk.images.factories import NewsImageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.testing import post_story_edit as _edit

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/image-rights/"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("ed", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_report_lists_licences_credits_and_uses(client, section, publish, editor):
    used = NewsImageFactory(title="Quay", licence="cc-by-nd-4.0")
    publish(
        ArticlePageFactory(parent=section, title="Harbour reopens", lead_image=used, live=False)
    )
    NewsImageFactory(title="Unknown origin", licence="", creator="")
    client.force_login(editor)

    html = client.get(REPORT).content.decode()

    assert reverse("newsdesk_image_rights") == REPORT
    assert "CC BY-ND 4.0: 1" in html and "No licence: 1" in html
    assert "1 lacking what their licence requires." in html
    row = html.split("Quay</a>")[1].split("</tr>")[0]
    assert "Never cropped" in row
    assert "Harbour reopens" in row
    row = html.split("Unknown origin</a>")[1].split("</tr>")[0]
    assert "Lacks a licence" in row and "Not used" in row


def test_the_report_filters_what_needs_attention(client, editor):
    fine = [
        NewsImageFactory(title="Fine picture"),
        NewsImageFactory(title="Agency", licence="agency", agency="Wire", creator=""),
        NewsImageFactory(title="Dedicated", licence="cc0-1.0", creator="", source_url=""),
    ]
    lacking = [
        NewsImageFactory(title="Needs a creator", creator=""),
        NewsImageFactory(title="Needs a source", source_url=""),
        NewsImageFactory(title="Needs an agency", licence="agency", agency=""),
        NewsImageFactory(title="Needs a licence", licence=""),
    ]
    client.force_login(editor)

    html = client.get(REPORT, {"problem": "missing"}).content.decode()

    assert all(f"{image.title}</a>" in html for image in lacking)
    assert not any(f"{image.title}</a>" in html for image in fine)
    # The database's answer and each image's own agree.
    from newsdesk.images.models import NewsImage

    assert set(NewsImage.objects.lacking_rights()) == {
        image for image in NewsImage.objects.all() if image.missing_rights()
    }


def test_the_report_is_for_those_who_handle_images(client):
    user = get_user_model().objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(REPORT)

    assert response.status_code in (302, 403)
    assert "Image rights" not in client.get("/admin/").content.decode()


def test_a_non_commercial_picture_warns_on_a_commercial_site(client, section, home, editor):
    page = ArticlePageFactory(parent=section, live=False)
    noncommercial = NewsImageFactory(title="Festival crowd", licence="cc-by-nc-4.0")
    client.force_login(editor)

    response = _edit(client, page, "action-save", authors=[AuthorFactory()], image=noncommercial)

    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(
        "“Festival crowd” is licensed CC BY-NC 4.0, which forbids commercial use" in m
        for m in messages
    )


def test_a_non_commercial_site_is_not_warned(client, section, home, editor):
    settings = NewsroomSettings.for_site(home.get_site())
    settings.commercial = False
    settings.save()
    page = ArticlePageFactory(parent=section, live=False)
    noncommercial = NewsImageFactory(licence="cc-by-nc-4.0")
    client.force_login(editor)

    response = _edit(client, page, "action-save", authors=[AuthorFactory()], image=noncommercial)

    assert not any("commercial" in str(m) for m in response.wsgi_request._messages)


def test_the_report_exports_as_csv(client, editor):
    NewsImageFactory(title="Quay", creator="kremlin.ru", source_name="Wikimedia Commons")
    client.force_login(editor)

    response = client.get(REPORT, {"export": "csv"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Title,Licence,Credit,Copyright notice,Source URL"
    assert lines[1].startswith('Quay,CC BY 4.0,"kremlin.ru, CC BY 4.0, via Wikimedia Commons"')
