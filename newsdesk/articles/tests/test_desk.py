"""The admin's home page as the newsroom's desk, for reporters and editors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.people.factories import AuthorFactory
from newsdesk.testing import make_user, post_story_edit

pytestmark = pytest.mark.django_db


def _panel(client, panel_id):
    tree = lxml_html.fromstring(client.get(reverse("wagtailadmin_home")).content)
    panels = tree.xpath(f'//*[@id="desk-{panel_id}-section" or @id="desk-{panel_id}"]')
    assert panels, f"no panel {panel_id}"
    panel = panels[0]
    rows = [
        (
            row.xpath("string(./td[1])").strip(),
            " ".join(row.xpath("string(./td[2])").split()),
            row.xpath("./td[1]//a/@href")[0],
        )
        for row in panel.xpath(".//tbody/tr")
    ]
    return rows, " ".join(panel.text_content().split())


def test_a_reporter_starts_a_story_in_a_section_from_the_desk(client, home, section, reporter):
    SectionPageFactory(parent=home, title="Culture", slug="culture")
    client.force_login(reporter)

    rows, _text = _panel(client, "new-story")

    titles = [title for title, _notes, _url in rows]
    assert titles == ["New story in World", "New story in Culture"]
    add = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
    assert rows[0][2] == add
    assert client.get(add).status_code == 200


def test_my_drafts_lists_my_unpublished_stories_only(client, section, reporter, editor):
    mine = ArticlePageFactory(parent=section, live=False, owner=reporter, title="My draft")
    mine.save_revision(user=reporter)
    theirs = ArticlePageFactory(parent=section, live=False, owner=editor, title="Their draft")
    theirs.save_revision(user=editor)
    client.force_login(reporter)

    rows, _text = _panel(client, "my-drafts")

    assert [(title, url) for title, _notes, url in rows] == [
        ("My draft", reverse("wagtailadmin_pages:edit", args=[mine.pk]))
    ]
    assert "draft" in rows[0][1]


def test_an_editor_sees_what_waits_for_review_with_its_desk_check_counts(
    client, section, reporter, editor
):
    page = ArticlePageFactory(parent=section, live=False, owner=reporter, title="For review")
    client.force_login(reporter)
    post_story_edit(client, page, "action-submit", authors=[AuthorFactory()], image=page.lead_image)
    assert ArticlePage.objects.get(pk=page.pk).current_workflow_state is not None

    client.force_login(editor)
    rows, _text = _panel(client, "review")

    assert [title for title, _notes, _url in rows] == ["For review"]
    notes = rows[0][1]
    assert "submitted" in notes and "reporter" in notes
    # The counts come from the desk checks themselves: a story with no warnings says so.
    assert "warning" in notes or "checks pass" in notes
    # Wagtail's own review list would repeat ours.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" not in home


def test_scheduled_and_recently_published_stories_with_their_times(
    client, section, editor, publish
):
    published = publish(ArticlePageFactory(parent=section, title="Out already", live=False))
    later = ArticlePageFactory(parent=section, title="Out tomorrow", live=False)
    go_live = timezone.now() + timedelta(days=1)
    later.go_live_at = go_live
    later.save_revision(user=editor, approved_go_live_at=go_live)
    client.force_login(editor)

    scheduled, _text = _panel(client, "scheduled")
    recent, _text = _panel(client, "published")

    assert [title for title, _notes, _url in scheduled] == ["Out tomorrow"]
    assert "goes live" in scheduled[0][1]
    assert timezone.localtime(go_live).strftime("%H:%M") in scheduled[0][1]
    assert [title for title, _notes, _url in recent] == [published.title]
    # An embargoed headline is not shown to someone who may not edit the story.
    client.force_login(make_user("bystander", "Reporters"))
    scheduled, _text = _panel(client, "scheduled")
    assert scheduled == []


def test_empty_panels_say_where_things_will_appear(client, section, editor):
    client.force_login(editor)

    _rows, text = _panel(client, "scheduled")

    assert "No stories are scheduled." in text


def test_topics_are_checkboxes_with_a_filter_and_the_chosen_first(client, section, editor):
    from newsdesk.topics.factories import TopicFactory

    chosen = TopicFactory(name="Transport")
    TopicFactory(name="Energy")
    story = ArticlePageFactory(parent=section, title="Ferry", live=False)
    story.topics = [chosen]
    story.save_revision(user=editor)
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    tree = lxml_html.fromstring(html)

    box = tree.xpath("//*[@data-filtered-choices]")[0]
    assert box.xpath(".//input[@data-filtered-choices-filter]")
    labels = [" ".join(o.text_content().split()) for o in box.xpath(".//label[input]")]
    assert labels == ["Transport", "Energy"]
    ticked = box.xpath('.//input[@type="checkbox"][@checked]/../text()')
    assert [t.strip() for t in ticked if t.strip()] == ["Transport"]
    assert "newsdesk/js/filtered_checkboxes" in html


@pytest.fixture
def draft_edit_url(section, reporter):
    """The editor's address of a reporter's draft, "Embargoed"."""
    story = ArticlePageFactory(parent=section, title="Embargoed", live=False, owner=reporter)
    story.save_revision(user=reporter)
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def _schedule_button(client, edit):
    tree = lxml_html.fromstring(client.get(edit).content)
    buttons = tree.xpath("//button[@data-newsdesk-schedule]")
    return (buttons[0] if buttons else None), tree


def test_the_publish_menu_offers_schedule_with_its_time_zone_to_editors(
    client, editor, reporter, draft_edit_url
):
    edit = draft_edit_url
    client.force_login(editor)
    button, tree = _schedule_button(client, edit)
    assert button.get("data-a11y-dialog-show") == "schedule-publishing-dialog"
    assert "Schedule…" in button.text_content()
    assert f"times in {timezone.get_current_timezone_name()}" in button.text_content()
    assert tree.xpath('//*[@id="schedule-publishing-dialog"]')

    client.force_login(reporter)
    assert _schedule_button(client, edit)[0] is None


def test_the_admin_works_in_the_newsrooms_zone_unless_a_user_chose_their_own(
    client, editor, draft_edit_url, settings, django_capture_on_commit_callbacks
):
    from wagtail.models import Site
    from wagtail.users.models import UserProfile

    from newsdesk.core.models import NewsroomSettings

    settings.TIME_ZONE = "UTC"
    newsroom = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    newsroom.time_zone = "Asia/Kolkata"
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.save()
    edit = draft_edit_url
    client.force_login(editor)
    button, _tree = _schedule_button(client, edit)
    assert "times in Asia/Kolkata" in button.text_content()
    assert button.get("data-zone") == "Asia/Kolkata"
    # Nothing was written to the user's profile: it follows the newsroom if that changes.
    assert not UserProfile.objects.filter(user=editor).exclude(current_time_zone="").exists()
    # The account page shows the user's own choice (none) and saves only what they pick.
    assert client.get(reverse("wagtailadmin_account")).status_code == 200

    UserProfile.objects.update_or_create(user=editor, defaults={"current_time_zone": "Europe/Oslo"})
    client.force_login(editor)
    assert "times in Europe/Oslo" in _schedule_button(client, edit)[0].text_content()
