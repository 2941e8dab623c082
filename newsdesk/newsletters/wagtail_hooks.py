from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.parts import Part

from . import alerts, offers, privacy
from .admin_views import SendViewSet
from .models import Newsletter, Subscriber
from .views import signup_token


@hooks.register("article_page_parts")
def signup_form(page, request, blocks):
    """
    After the body, the sign-up form of the list that follows the story's section, or
    else of the site-wide list (``offers``). No query; no cookie, no CSRF token.
    """
    if page.pk is None:  # a preview of a story not yet saved
        return []
    newsletter = offers.for_section(getattr(page.section, "pk", None))
    if newsletter is None:
        return []
    data = {"newsletter": newsletter, "signup_token": signup_token(), "source": page.url or ""}
    return [Part("after_body", "newsletters/includes/signup_part.html", data)]


@hooks.register("newsdesk_page_slot")
def signup_slot(request, name, section=None, topic=None):
    """
    A section's or topic's own list's form after its listing; the site-wide list's in
    the footer; the breaking-news banner on top. No query (``offers``, ``alerts``).
    """
    if name == "banner":
        alert = alerts.showing()
        if alert is None:
            return ""
        return render_to_string("newsletters/includes/breaking_banner.html", {"alert": alert})
    if name == "section" and section is not None:
        newsletter = offers.for_section(section.pk, fallback=False)
    elif name == "topic" and topic is not None:
        newsletter = offers.for_topic(topic.pk)
    elif name == "footer":
        newsletter = offers.site_wide()
    else:
        return ""
    if newsletter is None:
        return ""
    context = {
        "newsletter": newsletter,
        "signup_token": signup_token(),
        "source": request.path if request else "",
        "place": name,
    }
    return render_to_string("newsletters/includes/signup_slot.html", context)


# A published story's header: what those allowed may send of it (label, view, icon, permission).
STORY_BUTTONS = [
    ("Send by e-mail", "newsletter_sends:story", "mail", "newsletters.add_send"),
    ("Breaking", "newsletter_sends:breaking", "warning", "newsletters.send_breaking_alert"),
]


@hooks.register("register_page_header_buttons")
def story_buttons(page, user, view_name, next_url=None):
    if not page.live or not issubclass(page.specific_class or type(page), ArticlePage):
        return
    for number, (label, view, icon, permission) in enumerate(STORY_BUTTONS):
        if user.has_perm(permission):
            yield Button(label, reverse(view, args=[page.pk]), icon_name=icon, priority=37 + number)


class PublishAndEmailMenuItem(PublishMenuItem):
    """
    "Publish, then e-mail to LIST" in the publish menu, one per public list: publishing
    as usual, then the story's e-mail for that list to check and confirm (nothing is
    sent before the confirmation). Off unless chosen.
    """

    template_name = "newsletters/admin/publish_and_email.html"
    icon_name = "mail"

    def __init__(self, newsletter, order):
        super().__init__(order=order)
        self.newsletter = newsletter
        self.label = f"Publish, then e-mail to {newsletter.name}"

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), "newsletter_pk": self.newsletter.pk}


@hooks.register("construct_page_action_menu")
def publish_and_email(menu_items, request, context):
    page = context.get("page")
    if not isinstance(page, ArticlePage) or not request.user.has_perm("newsletters.add_send"):
        return
    if not PublishMenuItem().is_shown(context):
        return
    for number, newsletter in enumerate(offers.public_lists()):
        menu_items.append(PublishAndEmailMenuItem(newsletter, order=41 + number))


@hooks.register("after_publish_page")
def after_publish_and_email(request, page):
    """Publishing from "Publish, then e-mail": on to the story's e-mail to confirm."""
    choice = request.POST.get("action-publish", "")
    list_id = choice.removeprefix("email-to:")
    if not choice.startswith("email-to:") or not list_id.isdigit():
        return None
    if not request.user.has_perm("newsletters.add_send"):
        return None
    if not page.live:
        messages.info(
            request,
            f"“{page.title}” is scheduled; send it by e-mail from its page once it is out.",
        )
        return None
    messages.success(
        request, f"“{page.title}” is published. Check its e-mail and confirm to send it."
    )
    return redirect(reverse("newsletter_sends:story", args=[page.pk]) + f"?newsletter={list_id}")


@hooks.register("newsdesk_privacy_sources")
def subscribers_privacy():
    return [privacy.SOURCE]


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    list_display = ["name", "cadence", "public", "sender_email"]
    search_fields = ["name"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    list_display = ["email", "name", "status", "suppressed_reason", "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "name"]


class NewsletterGroup(SnippetViewSetGroup):
    menu_label = "Newsletters"
    menu_icon = "mail"
    menu_order = 220
    items = (NewsletterViewSet, SubscriberViewSet, SendViewSet)


register_snippet(NewsletterGroup)
