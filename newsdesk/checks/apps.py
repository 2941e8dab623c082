from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "newsdesk.checks"
    label = "checks"
    verbose_name = "Newsroom checks"

    def ready(self):
        # Each family registers its checks on import; the gate registers the publish rule.
        from . import completeness, gate, images  # noqa: F401
        from .panels import add_checks_panel

        add_checks_panel()
