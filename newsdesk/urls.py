from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.articles import views as article_views
from newsdesk.articles.feeds import feed_view
from newsdesk.core import admin_search, routing
from newsdesk.core import views as core_views
from newsdesk.core.icons import icon
from newsdesk.core.storage import serve_media
from newsdesk.operations import health
from newsdesk.search import views as search_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Wagtail's page search with the reader search's query cleaning (core/admin_search.py).
    path("admin/pages/search/", admin_search.search),
    path("admin/pages/search/results/", admin_search.search_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("authors/<slug:slug>/", article_views.author, name="author"),
    path("topics/<slug:slug>/", article_views.topic, name="topic"),
    path("sitemap.xml", article_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", article_views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", article_views.news_sitemap, name="news_sitemap"),
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
    path("favicon.ico", icon("favicon"), name="favicon"),
    path("apple-touch-icon.png", icon("touch"), name="apple_touch_icon"),
    path("search/", search_views.search, name="search"),
    path("feeds/rss/", feed_view("site", "rss"), name="feed_rss"),
    path("feeds/atom/", feed_view("site", "atom"), name="feed_atom"),
    path("", include("newsdesk.live.urls")),
    path("", include("newsdesk.comments.urls")),
    path("", include("newsdesk.newsletters.urls")),
]
for _kind in ("section", "topic", "author"):
    urlpatterns += [
        path(f"feeds/{_kind}s/<slug:slug>/rss/", feed_view(_kind, "rss"), name=f"{_kind}_feed_rss"),
        path(
            f"feeds/{_kind}s/<slug:slug>/atom/",
            feed_view(_kind, "atom"),
            name=f"{_kind}_feed_atom",
        ),
    ]

if settings.NEWSDESK_SERVE_MEDIA:
    # One-machine installs only; see NEWSDESK_SERVE_MEDIA in settings/base.py.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail's page view, with remembered routes (core/routing.py); Wagtail's own
    # patterns stay for what they add (the password form of private pages).
    re_path(r"^((?:[\w\-]+/)*)$", routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]

handler500 = core_views.server_error
