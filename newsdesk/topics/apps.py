from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "newsdesk.topics"
    label = "topics"
    verbose_name = "Topics"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsdesk.core import fragments

        from .models import Topic

        def changed(**kwargs):
            # Stories show their topics' names and links: made again.
            fragments.bump_on_commit(fragments.TOPICS)

        for signal in (post_save, post_delete):
            signal.connect(changed, sender=Topic, weak=False, dispatch_uid="newsdesk-fragments")
