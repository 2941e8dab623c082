from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = "newsdesk core"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.signals import page_published

        from .signals import refresh_sqlite_statistics

        page_published.connect(refresh_sqlite_statistics, dispatch_uid="newsdesk-sqlite-analyze")
        post_migrate.connect(refresh_sqlite_statistics, sender=self)
