from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    label = "articles"
    verbose_name = "Articles"

    def ready(self):
        from wagtail.signals import page_published

        from . import rules  # noqa: F401  (registers the publishing rules)
        from .models import ArticlePage
        from .signals import prepare_renditions

        page_published.connect(prepare_renditions, sender=ArticlePage)
