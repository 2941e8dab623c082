from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_checks_urls():
    return [
        path("desk-checks/<int:page_id>/", views.refresh, name="newsdesk_checks_refresh"),
        path(
            "desk-checks/new/<slug:app_label>/<slug:model_name>/<int:parent_page_id>/",
            views.refresh_new,
            name="newsdesk_checks_new",
        ),
        path("desk-checks/<int:page_id>/dismiss/", views.dismiss, name="newsdesk_checks_dismiss"),
        path("desk-checks/<int:page_id>/restore/", views.restore, name="newsdesk_checks_restore"),
    ]


@hooks.register("insert_editor_js")
def checks_panel_js():
    return format_html('<script src="{}" defer></script>', static("checks/panel.js"))


@hooks.register("insert_editor_css")
def checks_panel_css():
    return format_html('<link rel="stylesheet" href="{}">', static("checks/panel.css"))
