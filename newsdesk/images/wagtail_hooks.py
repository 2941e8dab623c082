from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry

from newsdesk.core.models import BasePage, NewsroomSettings

from .models import NewsImage
from .operations import LetterboxOperation
from .uses import image_uses
from .views import RightsReportView, read_file_rights


@hooks.register("register_image_operations")
def register_letterbox():
    return [("letterbox", LetterboxOperation)]


@hooks.register("newsdesk_read_copy")
def read_pictures(page, copy):
    """The desk checks see every picture the page shows, and how each is used."""
    copy.image_uses = list(image_uses(page))


def _warn_about_image_rights(request, page):
    page = page.specific
    if not isinstance(page, BasePage):
        return
    commercial = NewsroomSettings.for_request(request).commercial
    seen = set()
    for use in image_uses(page):
        if use.image.pk in seen:
            continue
        seen.add(use.image.pk)
        for warning in use.image.rights_warnings(commercial=commercial):
            messages.warning(request, warning)


hooks.register("after_create_page", _warn_about_image_rights)
hooks.register("after_edit_page", _warn_about_image_rights)


@hooks.register("register_admin_urls")
def register_rights_report_urls():
    return [
        path("reports/image-rights/", RightsReportView.as_view(), name="newsdesk_image_rights"),
        path(
            "reports/image-rights/results/",
            RightsReportView.as_view(results_only=True),
            name="newsdesk_image_rights_results",
        ),
        path("images/read-rights/", read_file_rights, name="newsdesk_image_read_rights"),
    ]


@hooks.register("insert_global_admin_js")
def upload_rights_js():
    """The image upload forms show the rights read from a chosen file before saving."""
    return format_html(
        '<script src="{}" data-read-url="{}" defer></script>',
        static("images/upload_rights.js"),
        reverse("newsdesk_image_read_rights"),
    )


class RightsReportMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(NewsImage)
        return policy.user_has_any_permission(request.user, ["add", "change"])


@hooks.register("register_reports_menu_item")
def register_rights_report_menu_item():
    return RightsReportMenuItem(
        "Image rights",
        reverse("newsdesk_image_rights"),
        name="image-rights",
        icon_name="image",
        order=750,
    )
