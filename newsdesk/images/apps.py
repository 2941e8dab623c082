from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "newsdesk.images"
    label = "images"
    verbose_name = "Images"

    def ready(self):
        from wagtail.signals import page_published

        from .signals import prepare_page_renditions

        page_published.connect(prepare_page_renditions)
