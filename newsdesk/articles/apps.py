from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    label = "articles"
    verbose_name = "Articles"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .models import ArticlePage
        from .signal_handlers import (
            forget_related_on_unpublish,
            refresh_related_on_publish,
        )

        page_published.connect(refresh_related_on_publish, sender=ArticlePage)
        page_unpublished.connect(forget_related_on_unpublish, sender=ArticlePage)
