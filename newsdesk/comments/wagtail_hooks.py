from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.parts import Part
from newsdesk.core.dashboard import DeskPanel, Row
from newsdesk.core.privacy import PrivacySource

from . import admin_urls, moderation, posting, reading
from .models import Comment
from .templatetags.comment_tags import comment_count


@hooks.register("article_page_parts")
def comment_parts(page, request, blocks):
    if page.pk is None:  # a preview of a story not yet saved
        return []
    threads, count = reading.threads(page)
    closed = reading.is_closed(page, request)
    data = {"story": page, "threads": threads, "count": count, "closed": closed}
    parts = [
        Part("meta", "comments/includes/count.html", data),
        Part("after_article", "comments/includes/section.html", data),
    ]
    if not closed:
        parts.append(Part("scripts", "comments/includes/scripts.html"))
    return parts


@hooks.register("article_card_notes")
def comment_counts(articles):
    counts = moderation.counts([article.pk for article in articles])
    # A card tells of comments only where there are some: "0 comments" advertises nothing.
    return {pk: comment_count(n) for pk, n in counts.items() if n}


def _left_under(email):
    return Comment.objects.filter(email__iexact=email.strip())


@hooks.register("newsdesk_privacy_sources")
def comments_privacy():
    """Comments are a moderator's business: found, exported and deleted by address."""
    return [
        PrivacySource(
            name="Comments",
            may=moderation.may_moderate,
            find=lambda email: _left_under(email).count(),
            export=posting.export,
            erase=lambda email, user: moderation.delete(_left_under(email), user),
            forget_ips=lambda before: Comment.objects.filter(
                created_at__lt=before, ip_address__isnull=False
            ).update(ip_address=None),
        )
    ]


@hooks.register("register_admin_urls")
def register_comment_admin_urls():
    return [path("comments/", include(admin_urls, namespace="comments"))]


class QueueMenuItem(MenuItem):
    """ "Comments", with how many wait, for users who may moderate."""

    def is_shown(self, request):
        return moderation.may_moderate(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = moderation.waiting_count()
        if waiting:
            component.label = f"Comments ({waiting} waiting)"
        return component


@hooks.register("register_admin_menu_item")
def register_comment_queue_menu_item():
    return QueueMenuItem(
        "Comments",
        reverse("comments:queue") + "?state=pending",
        name="reader-comments",
        icon_name="comment",
        order=250,
    )


@hooks.register("register_page_header_buttons")
def story_comments_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or type(page), ArticlePage) and moderation.may_moderate(user):
        yield Button(
            "Reader comments",
            reverse("comments:queue") + f"?article={page.pk}",
            icon_name="comment",
            priority=36,
        )


@hooks.register("register_permissions")
def register_moderation_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    )


def _waiting_rows(request):
    waiting = moderation.waiting_count()
    if not waiting:
        return []
    queue = reverse("comments:queue") + "?state=pending"
    return [
        Row(
            f"{waiting} comment{'s' if waiting != 1 else ''} waiting for moderation",
            queue,
            actions=[("Moderate", queue)],
        )
    ]


@hooks.register("construct_homepage_panels")
def comments_waiting_panel(request, panels):
    """For moderators: how many readers' comments wait, one click from the queue."""
    if moderation.may_moderate(request.user):
        panels.append(
            DeskPanel(
                "comments-waiting",
                "Comments waiting",
                50,
                _waiting_rows,
                "No comments are waiting for moderation.",
            )
        )
