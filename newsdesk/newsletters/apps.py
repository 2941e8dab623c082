from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """The newsroom's own e-mail lists: subscribers, their consent, sign-up and leaving."""

    name = "newsdesk.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from . import offers, tracking  # noqa: F401 - their signal receivers
