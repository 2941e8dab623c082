from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = "newsdesk core"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.signals import page_published, page_unpublished

        from .signals import announce_publication, announce_unpublication, refresh_sqlite_statistics

        page_published.connect(refresh_sqlite_statistics, dispatch_uid="newsdesk-sqlite-analyze")
        page_published.connect(announce_publication, dispatch_uid="newsdesk-page-changed")
        page_unpublished.connect(announce_unpublication, dispatch_uid="newsdesk-page-changed")
        post_migrate.connect(refresh_sqlite_statistics, sender=self)
