from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from . import paste


@hooks.register("register_admin_urls")
def register_paste_url():
    return [path("paste/", paste.paste, name="newsdesk_paste")]


@hooks.register("insert_editor_js")
def paste_js():
    return format_html(
        '<script src="{}" data-paste-url="{}" defer></script>',
        static("importers/paste.js"),
        reverse("newsdesk_paste"),
    )
