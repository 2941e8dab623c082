from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry

from newsdesk.core.absolute import absolute
from newsdesk.core.models import BasePage, NewsroomSettings

from . import licences
from .models import NewsImage
from .operations import LetterboxOperation
from .uses import image_uses
from .views import RightsReportView


@hooks.register("register_image_operations")
def register_letterbox():
    return [("letterbox", LetterboxOperation)]


@hooks.register("construct_article_jsonld")
def add_image_rights(page, request, data):
    """Licence and credit on each ImageObject of the lead picture, as Google reads them."""
    image = page.lead_image
    if not image or not data.get("image"):
        return
    rights = {}
    credit = image.attribution
    if credit:
        rights["creditText"] = credit
    creator = image.agency if image.licence == "agency" and not image.creator else image.creator
    if creator:
        rights["creator"] = {
            "@type": "Organization" if creator == image.agency else "Person",
            "name": creator,
            **({"url": image.source_url} if image.source_url else {}),
        }
    if image.copyright_notice:
        rights["copyrightNotice"] = image.copyright_notice
    if image.licence_link:
        rights["license"] = image.licence_link
    licence = image.licence_info
    if image.source_url:
        rights["acquireLicensePage"] = image.source_url
    elif licence and licence.family == licences.STAFF:
        rights["acquireLicensePage"] = absolute(request, "/")
    for item in data["image"]:
        item.update(rights)


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
    ]


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
