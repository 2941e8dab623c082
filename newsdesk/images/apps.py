from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "newsdesk.images"
    label = "images"
    verbose_name = "Images"

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from .models import NewsImage
        from .permissions import image_permission_policy
        from .signal_handlers import announce_image_deletion, prepare_page_renditions

        # For this class exactly: Wagtail's own registration (wagtail.images, later in
        # INSTALLED_APPS) is by class and would otherwise replace it.
        register_permission_policy(NewsImage, image_permission_policy(), exact_class=True)
        page_published.connect(prepare_page_renditions)
        pre_delete.connect(announce_image_deletion, sender=NewsImage, dispatch_uid="newsdesk")
