from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "newsdesk.live"
    label = "live"
    verbose_name = "Live coverage"

    def ready(self):
        from newsdesk.articles.models import ArticlePage

        from . import rules  # noqa: F401  (registers the publish gate's rules for updates)
        from .panels import add_live_box

        add_live_box(ArticlePage)
