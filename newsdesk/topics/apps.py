from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "newsdesk.topics"
    label = "topics"
    verbose_name = "Topics"
