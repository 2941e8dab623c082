from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import CommentSettings
        from .reading import forget_settings

        for signal in (post_save, post_delete):
            signal.connect(forget_settings, sender=CommentSettings, dispatch_uid="newsdesk")
