from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backups and restores, health probes, the publishing scheduler."""

    name = "newsdesk.operations"
    label = "operations"
    verbose_name = "Operations"
