"""
The review page: what an editor needs to decide on a story submitted for review, on one
screen. The desk-check summary, the story as readers will see it, what changed since the
published version (a first submission has nothing to compare, so the whole story is the
change), the review comments left in the editor, and the workflow's own actions with
a comment box. Actions go through Wagtail's task (``Task.on_action``) and the publish
gate, and end with a sentence that says what happened.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.models import Page, TaskState, get_default_page_content_type

from newsdesk.checks.panels import findings_for

from .desk import when
from .models import ArticlePage


def _reviewable(request, page_id):
    """The story and its task state awaiting this user's review, or PermissionDenied."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ArticlePage):
        raise PermissionDenied
    state = (
        TaskState.objects.reviewable_by(request.user)
        .filter(
            revision__object_id=str(page.pk),
            revision__base_content_type=get_default_page_content_type(),
        )
        .select_related("revision", "revision__user", "task")
        .first()
    )
    if state is None:
        raise PermissionDenied
    return page, state.specific


def review(request, page_id):
    try:
        page, state = _reviewable(request, page_id)
    except PermissionDenied:
        story = Page.objects.filter(pk=page_id).first()
        if story is not None and not story.specific.workflow_in_progress:
            messages.info(request, f"“{story.title}” is not waiting for review any more.")
            return redirect("wagtailadmin_home")
        raise
    story = state.revision.as_object()
    findings = findings_for(story)
    task = state.task.specific
    # Wagtail offers "Approve" twice (with and without a comment box); here one comment
    # box serves every action, so each is offered once, approval first.
    actions = {}
    for name, label, _modal in task.get_actions(page, request.user):
        actions.setdefault(name, label)
    if "approve" in actions and _last_step(state):
        actions["approve"] = "Approve and publish"
    actions = sorted(actions.items(), key=lambda item: item[0] != "approve")
    first = page.live_revision_id is None
    comments = page.wagtail_admin_comments.filter(resolved_at__isnull=True).select_related("user")
    submitter = state.revision.user
    context = {
        "page": page,
        "story": story,
        "state": state,
        "task": task,
        "actions": actions,
        "errors": findings["errors"],
        "warnings": findings["warnings"],
        "first_submission": first,
        "compare_url": None if first else _compare_url(page, state.revision),
        "preview_url": reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "comments": comments,
        "submitter": (submitter.get_full_name() or submitter.get_username()) if submitter else "",
        "header_title": f"Review: {page.title}",
    }
    return TemplateResponse(request, "articles/admin/review.html", context)


def _last_step(state):
    """Whether approving at this step publishes: it is the workflow's last active task."""
    tasks = state.workflow_state.workflow.tasks.filter(active=True)
    return list(tasks.values_list("pk", flat=True))[-1:] == [state.task_id]


def _compare_url(page, revision):
    return reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk])


@require_POST
def act(request, page_id, action):
    page, state = _reviewable(request, page_id)
    task = state.task.specific
    names = {name for name, _label, _modal in task.get_actions(page, request.user)}
    if action not in names:
        raise PermissionDenied
    form_class = task.get_form_for_action(action)
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, "The comment could not be read; nothing was done.")
            return redirect("newsdesk_review", page.pk)
        data = form.cleaned_data
    task.on_action(state, request.user, action, **data)
    messages.success(request, outcome(ArticlePage.objects.get(pk=page.pk), action))
    return redirect("wagtailadmin_home")


def outcome(story, action):
    """What a review action did to ``story``, in a sentence."""
    title = f"“{story.title}”"
    if action == "reject":
        return f"{title} goes back to its writer with your comment; it is not published."
    if action != "approve":
        return f"{title}: done."
    scheduled = story.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        at = when(scheduled.approved_go_live_at)
        return f"{title} is approved and will be published at {at}."
    if story.workflow_in_progress:
        return f"{title} is approved at this step and goes to the next one."
    if story.live and not story.has_unpublished_changes:
        return f"{title} is approved and published."
    return f"{title} is approved."
