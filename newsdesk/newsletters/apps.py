from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """The newsroom's own e-mail lists: subscribers, their consent, sign-up and leaving."""

    name = "newsdesk.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"
