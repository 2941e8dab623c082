from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path as url
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem

from newsdesk.checks.text import section_title

from . import review
from .models import ArticlePage


@hooks.register("newsdesk_read_copy")
def read_linked_stories(page, copy):
    """
    The stories a piece points readers to (Also Read blocks, links to pages) as the desk
    checks' ``links``: headline, standfirst, section and topics of each.
    """
    if not copy.page_links:
        return
    ids = [value.pk if hasattr(value, "pk") else value for value, _f, _b in copy.page_links]
    pages = ArticlePage.objects.in_bulk([pk for pk in ids if pk])
    for (_value, field_name, path), page_id in zip(copy.page_links, ids, strict=True):
        linked = pages.get(page_id)
        if linked is None or (page is not None and linked.pk == page.pk):
            continue
        copy.links.append(
            {
                "title": linked.title,
                "text": f"{linked.title} {linked.standfirst}",
                "section": section_title(linked),
                "topics": [topic.name for topic in linked.topics.all()],
                "field": field_name,
                "block": path,
            }
        )


@hooks.register("construct_homepage_panels")
def newsroom_desk(request, panels):
    """The admin's home as the newsroom's desk; our review list replaces Wagtail's."""
    from newsdesk.core.dashboard import replace

    from . import desk

    replace(panels, {"workflow_objects_to_moderate"}, *desk.panels())


class ScheduleMenuItem(PublishMenuItem):
    """
    "Schedule…" in the publish menu: opens Wagtail's publishing-schedule dialog (otherwise
    only reachable from the status side panel), naming the time zone its times are in.
    After "Save schedule", the menu's first button reads "Schedule to publish".
    """

    label = "Schedule…"
    name = "action-schedule"
    template_name = "articles/admin/schedule_menu_item.html"
    icon_name = "calendar-alt"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["zone"] = timezone.get_current_timezone_name()
        return context


@hooks.register("register_page_action_menu_item")
def schedule_menu_item():
    return ScheduleMenuItem(order=15)


@hooks.register("insert_editor_js")
def schedule_dialog_js():
    return format_html('<script src="{}" defer></script>', static("articles/schedule.js"))


@hooks.register("register_admin_urls")
def review_urls():
    return [
        url("stories/<int:page_id>/review/", review.review, name="newsdesk_review"),
        url(
            "stories/<int:page_id>/review/<slug:action>/",
            review.act,
            name="newsdesk_review_action",
        ),
    ]


@hooks.register("construct_page_action_menu")
def one_way_to_publish_in_review(menu_items, request, context):
    """
    A story waiting for this editor's review offers "Approve and publish", not also a
    plain "Publish" beside it (which would publish and cancel the review).
    """
    if any(getattr(item, "name", "") == "approve" for item in menu_items):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("after_edit_page")
def say_what_the_review_did(request, page):
    """After a review action in the editor: what happened, in words, and back to the desk."""
    if not request.POST.get("action-workflow-action"):
        return None
    action = request.POST.get("workflow-action-name", "")
    story = type(page).objects.get(pk=page.pk)
    if not isinstance(story, ArticlePage):
        return None
    storage = messages.get_messages(request)
    kept = [m for m in storage if "has been updated" not in m.message]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(request, review.outcome(story, action))
    return redirect("wagtailadmin_home")
