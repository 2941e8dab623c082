from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.articles import views as article_views
from newsdesk.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("authors/<slug:slug>/", article_views.author, name="author"),
    path("topics/<slug:slug>/", article_views.topic, name="topic"),
]

if settings.NEWSDESK_SERVE_MEDIA:
    # One-machine installs only; see NEWSDESK_SERVE_MEDIA in settings/base.py.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = core_views.server_error
