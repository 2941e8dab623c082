"""
The stories' part of the admin's home page (``core.dashboard``): start a story in a
section, my drafts, waiting for my review (with each story's desk-check counts),
scheduled (with times, their zone named) and recently published.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, TaskState

from newsdesk.checks.panels import findings_for
from newsdesk.core.dashboard import DeskPanel, Row

from .models import ArticlePage, SectionPage

LIST_LENGTH = 10


def when(moment):
    """A time as the desk writes it: "5 Dec, 16:54 IST"."""
    return timezone.localtime(moment).strftime("%-d %b, %H:%M %Z") if moment else ""


def _edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _section_title(story):
    return story.section.title if story.section else ""


def _story_row(story, note, **more):
    """A story's row: its title linking to its editor, its section, then ``note``."""
    return Row(story.get_admin_display_title(), _edit(story), [_section_title(story), note], **more)


def _count(number, word):
    return f"{number} {word}{'' if number == 1 else 's'}"


def new_story_rows(request):
    user = request.user
    rows = []
    for section in SectionPage.objects.order_by("path"):
        if section.permissions_for_user(user).can_add_subpage():
            add = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
            rows.append(
                Row(f"New story in {section.title}", add, notes=[section.introduction or ""])
            )
    return rows


def _status(story):
    if story.workflow_in_progress:
        return "in review"
    if story.approved_schedule:
        return "scheduled"
    return "draft" if not story.live else "live, with unpublished changes"


def my_draft_rows(request):
    user = request.user
    stories = (
        ArticlePage.objects.filter(has_unpublished_changes=True)
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at")[:LIST_LENGTH]
    )
    return [
        _story_row(story, f"{_status(story)}, edited {when(story.latest_revision_created_at)}")
        for story in stories
    ]


def review_rows(request):
    states = (
        TaskState.objects.reviewable_by(request.user)
        .select_related("revision", "revision__user")
        .order_by("-started_at")
    )
    rows = []
    for state in states[: LIST_LENGTH * 2]:
        story = state.revision.as_object()
        if not isinstance(story, ArticlePage):
            continue
        findings = findings_for(story)
        errors, warnings = len(findings["errors"]), len(findings["warnings"])
        tags = [(_count(errors, "error"), "critical")] if errors else []
        tags += [(_count(warnings, "warning"), "label")] if warnings else []
        tags = tags or [("checks pass", "label")]
        submitter = state.revision.user
        by = (submitter.get_full_name() or submitter.get_username()) if submitter else ""
        submitted = f"submitted {when(state.started_at)}" + (f" by {by}" if by else "")
        review = reverse("newsdesk_review", args=[story.pk])
        rows.append(_story_row(story, submitted, tags=tags, actions=[("Review", review)]))
        if len(rows) == LIST_LENGTH:
            break
    return rows


def scheduled_rows(request):
    revisions = (
        Revision.objects.page_revisions()
        .filter(approved_go_live_at__isnull=False)
        .order_by("approved_go_live_at")[:LIST_LENGTH]
    )
    rows = []
    for revision in revisions:
        story = revision.as_object()
        # An embargoed story is shown only to those who may edit it.
        if isinstance(story, ArticlePage) and story.permissions_for_user(request.user).can_edit():
            rows.append(_story_row(story, f"goes live {when(revision.approved_go_live_at)}"))
    return rows


def published_rows(request):
    stories = ArticlePage.objects.live().order_by("-last_published_at")[:LIST_LENGTH]
    return [
        _story_row(
            story,
            f"published {when(story.last_published_at)}",
            actions=[("View", story.url)] if story.url else [],
        )
        for story in stories
    ]


def panels():
    return [
        DeskPanel(
            "new-story",
            "Start a story",
            10,
            new_story_rows,
            "You may not add stories to any section; an editor or administrator can change that.",
        ),
        DeskPanel(
            "my-drafts",
            "My drafts",
            20,
            my_draft_rows,
            "No drafts of yours: stories you start or edit and have not published appear here.",
        ),
        DeskPanel(
            "review",
            "Waiting for my review",
            30,
            review_rows,
            "Nothing is waiting for your review.",
        ),
        DeskPanel(
            "scheduled",
            "Scheduled",
            40,
            scheduled_rows,
            "No stories are scheduled.",
        ),
        DeskPanel(
            "published",
            "Recently published",
            60,
            published_rows,
            "No stories have been published yet.",
        ),
    ]
