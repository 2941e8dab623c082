from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.images.factories import NewsImageFactory
from newsdesk.live import coverage
from newsdesk.live.factories import paragraph
from newsdesk.live.models import Correction, Coverage, LiveUpdate

pytestmark = pytest.mark.django_db


def _updated(story):
    return ArticlePage.objects.values_list("updated_at", "update_note").get(pk=story.pk)


def test_updates_are_numbered_in_order_and_listed_newest_first(post, live_story):
    first = post("The motorcade has left the airport.")
    second = post("Talks have begun.", headline="Talks begin")
    assert (first.sequence, second.sequence) == (1, 2)
    assert list(live_story.live_updates.values_list("sequence", flat=True)) == [2, 1]
    assert second.published_at >= first.published_at


def test_an_update_moves_the_updated_time_with_a_note(post, live_story):
    assert _updated(live_story) == (None, "")
    update = post(headline="Talks begin")
    assert _updated(live_story) == (update.published_at, "Adds a live update: Talks begin")


def test_a_correction_moves_the_updated_time_with_its_note_as_the_reason(live_story, editor):
    correction = coverage.correct(
        live_story, editor, kind="correction", note="The visit is on December 4, not 5."
    )
    updated_at, note = _updated(live_story)
    assert updated_at >= correction.published_at - timedelta(seconds=1)
    assert note == "Correction: The visit is on December 4, not 5."


def test_the_story_tells_a_correction_once_with_a_link_beside_updated(client, live_story, editor):
    note = "The visit is on December 4, not 5."
    correction = coverage.correct(live_story, editor, kind="correction", note=note)
    assert ArticlePage.objects.get(pk=live_story.pk).update_anchor == correction.anchor

    html = client.get(live_story.url).content.decode()

    assert html.count(note) == 1
    assert f'<a href="#{correction.anchor}">Correction</a>' in html
    assert f'id="{correction.anchor}"' in html


def test_an_editors_significant_update_replaces_the_link_with_its_own_note(
    live_story, editor, publish
):
    coverage.correct(live_story, editor, kind="correction", note="Fixes a name.")
    draft = ArticlePage.objects.get(pk=live_story.pk).get_latest_revision_as_object()
    draft.significant_update, draft.update_note = True, "Adds the minister's reply."
    publish(draft)
    story = ArticlePage.objects.get(pk=live_story.pk)
    assert (story.update_note, story.update_anchor) == ("Adds the minister's reply.", "")


def test_nothing_else_moves_the_updated_time(post, live_story, editor, writer, publish):
    update = post()
    moved = _updated(live_story)
    coverage.edit_update(
        update, editor, author=writer, body=paragraph("Typo fixed."), headline="", key_event=True
    )
    coverage.end(live_story, editor)
    coverage.start(live_story, editor)
    coverage.remove_update(update, editor)
    story = ArticlePage.objects.get(pk=live_story.pk)
    story.standfirst = "A minor edit that is not a significant update."
    publish(story)
    assert _updated(live_story) == moved


def test_a_minor_republish_keeps_the_note_a_live_update_set(post, live_story, publish):
    post(headline="Talks begin")
    story = ArticlePage.objects.get(pk=live_story.pk).get_latest_revision_as_object()
    story.standfirst = "Reworded."
    publish(story)
    assert _updated(live_story)[1] == "Adds a live update: Talks begin"


def test_each_change_sends_page_changed_after_commit(
    post, live_story, editor, page_changes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update = post()
        coverage.correct(live_story, editor, kind="clarification", note="Adds the venue.")
        coverage.remove_update(update, editor)
        coverage.end(live_story, editor)
    assert page_changes == [
        (live_story.pk, "live update"),
        (live_story.pk, "correction"),
        (live_story.pk, "live update removed"),
        (live_story.pk, "live coverage ended"),
    ]


def test_publishing_sends_page_changed(article, publish, page_changes):
    publish(article)
    assert (article.pk, "published") in page_changes


def test_every_change_is_written_to_the_story_history(post, live_story, editor):
    post()
    coverage.correct(live_story, editor, kind="correction", note="Fixes a name.")
    coverage.end(live_story, editor)
    actions = set(PageLogEntry.objects.filter(page=live_story).values_list("action", flat=True))
    assert {
        "newsdesk.live.started",
        "newsdesk.live.update_added",
        "newsdesk.live.correction",
        "newsdesk.live.ended",
    } <= actions


def test_ending_coverage_records_the_end_and_stops_updates(post, live_story, editor):
    post()
    ended = coverage.end(live_story, editor)
    assert ended.ended_at is not None and not ended.is_live
    with pytest.raises(ValidationError, match="not under live coverage"):
        post()
    assert LiveUpdate.objects.count() == 1


def test_coverage_can_resume_keeping_its_start(live_story, editor):
    started = Coverage.objects.get(article=live_story).started_at
    coverage.end(live_story, editor)
    resumed = coverage.start(live_story, editor)
    assert resumed.is_live and resumed.started_at == started


def test_starting_twice_is_refused(live_story, editor):
    with pytest.raises(ValidationError, match="already started"):
        coverage.start(live_story, editor)


@pytest.mark.parametrize(
    "body",
    [[], paragraph(""), paragraph("   "), [{"type": "paragraph", "value": "<p>&nbsp;</p>"}]],
)
def test_empty_updates_are_refused_and_change_nothing(live_story, editor, writer, body):
    before = _updated(live_story)
    with pytest.raises(ValidationError) as error:
        coverage.add_update(live_story, editor, author=writer, body=body)
    assert "empty" in str(error.value) or "required" in str(error.value)
    assert LiveUpdate.objects.count() == 0
    assert _updated(live_story) == before


def test_an_update_on_an_unpublished_story_is_refused(section, editor, writer):
    draft = ArticlePageFactory(parent=section, live=False)
    with pytest.raises(ValidationError, match="not published"):
        coverage.add_update(draft, editor, author=writer, body=paragraph("Early news."))
    with pytest.raises(ValidationError, match="not published"):
        coverage.start(draft, editor)
    with pytest.raises(ValidationError, match="not published"):
        coverage.correct(draft, editor, kind="correction", note="Too early.")
    assert not LiveUpdate.objects.exists() and not Correction.objects.exists()


def test_an_uncredited_picture_in_an_update_is_refused(live_story, editor, writer):
    picture = NewsImageFactory(creator="", source_name="", source_url="", title="Crowd")
    body = [{"type": "image", "value": {"image": picture.pk, "caption": "", "decorative": False}}]
    with pytest.raises(ValidationError) as error:
        coverage.add_update(live_story, editor, author=writer, body=body)
    assert "“Crowd” lacks" in str(error.value)
    assert not LiveUpdate.objects.exists()


def test_a_picture_without_alt_text_is_refused_unless_decorative(live_story, editor, writer):
    picture = NewsImageFactory(description="")
    body = [{"type": "image", "value": {"image": picture.pk, "caption": "", "decorative": False}}]
    with pytest.raises(ValidationError, match="no alt text"):
        coverage.add_update(live_story, editor, author=writer, body=body)
    body[0]["value"]["decorative"] = True
    assert coverage.add_update(live_story, editor, author=writer, body=body).sequence == 1


def test_a_correction_needs_a_note(live_story, editor):
    with pytest.raises(ValidationError):
        coverage.correct(live_story, editor, kind="correction", note="   ")
    with pytest.raises(ValidationError):
        coverage.correct(live_story, editor, kind="retraction", note="Not a kind we know.")
    assert not Correction.objects.exists()


def test_a_correction_keeps_the_date_the_editor_gives(live_story, editor):
    when = timezone.now() - timedelta(days=2)
    correction = coverage.correct(
        live_story, editor, kind="clarification", note="Adds context.", published_at=when
    )
    assert correction.published_at == when


def test_removed_numbers_are_not_reused(post, editor):
    first = post()
    coverage.remove_update(first, editor)
    assert post().sequence == 2


@pytest.mark.parametrize("action", ["update", "start", "end", "correct", "edit", "remove"])
def test_users_without_the_permission_change_nothing(
    action, live_story, post, reporter, make_user, writer
):
    update = post()
    reader = make_user("reader")
    stranger = make_user("stranger", None, "add_liveupdate", "manage_coverage", "add_correction")
    calls = {
        "update": lambda u: coverage.add_update(
            live_story, u, author=writer, body=paragraph("Nope.")
        ),
        "start": lambda u: coverage.start(live_story, u),
        "end": lambda u: coverage.end(live_story, u),
        "correct": lambda u: coverage.correct(live_story, u, kind="correction", note="No."),
        "edit": lambda u: coverage.edit_update(
            update, u, author=writer, body=paragraph("Changed."), headline="", key_event=False
        ),
        "remove": lambda u: coverage.remove_update(update, u),
    }
    # A reader, a reporter (may edit pages but has no live permission), an anonymous
    # visitor, and a user with the live permissions but no right to edit this page.
    for user in (reader, reporter, AnonymousUser(), stranger):
        with pytest.raises(PermissionDenied):
            calls[action](user)
    kept = LiveUpdate.objects.get()
    assert (kept.pk, kept.key_event) == (update.pk, False)
    assert kept.body.raw_data[0]["value"] == update.body.raw_data[0]["value"]
    assert not Correction.objects.exists()
    assert Coverage.objects.get(article=live_story).is_live


def test_a_reporter_given_the_permission_may_post_but_not_run_coverage(
    live_story, make_user, writer
):
    reporter = make_user("live-reporter", "Reporters", "add_liveupdate")
    # Reporters post to their own stories only.
    assert not coverage.may_add_updates(reporter, live_story)
    live_story.owner = reporter
    live_story.save(update_fields=["owner"])
    update = coverage.add_update(live_story, reporter, author=writer, body=paragraph("On scene."))
    assert update.created_by == reporter
    with pytest.raises(PermissionDenied):
        coverage.end(live_story, reporter)
