from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import privacy
from .admin_views import PrivacyView


@hooks.register("register_log_actions")
def register_publish_gate_actions(actions):
    actions.register_action(
        "newsdesk.publish_gate.bypassed",
        "Published without the publish gate",
        "Published without the publish gate",
    )
    actions.register_action(
        "newsdesk.publish_gate.scheduled_refused",
        "Scheduled publishing refused by the publish gate",
        "Scheduled publishing refused by the publish gate",
    )


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [path("privacy/", PrivacyView.as_view(), name="privacy_requests")]


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request):
        return privacy.may_handle_requests(request.user)


@hooks.register("register_settings_menu_item")
def privacy_menu_item():
    return PrivacyMenuItem(
        "Privacy requests", reverse("privacy_requests"), icon_name="lock", order=900
    )


@hooks.register("insert_editor_js")
def submit_after_autosave_js():
    """A button pressed on a new page while its first autosave is under way waits for it."""
    return format_html('<script src="{}" defer></script>', static("core/submit_after_autosave.js"))
