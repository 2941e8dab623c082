from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "newsdesk.checks"
    label = "checks"
    verbose_name = "Newsroom checks"

    def ready(self):
        # Each family registers its checks on import; the gate registers the publish rule.
        from . import (  # noqa: F401
            attribution,
            completeness,
            dates,
            gate,
            images,
            names,
            opinion,
            related,
            speculation,
        )
        from .panels import add_checks_panel

        add_checks_panel()
