from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "newsdesk.topics"
    label = "topics"
    verbose_name = "Topics"

    def ready(self):
        from newsdesk.core import fragments

        from .models import Topic

        # Stories show their topics' names and links.
        fragments.follow(Topic, fragments.TOPICS)
