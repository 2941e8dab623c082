from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "newsdesk.importers"
    label = "importers"
    verbose_name = "Imports"
