from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "newsdesk.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsdesk.core import fragments

        from .models import Author

        def changed(**kwargs):
            # Bylines and cards show authors' names, links and pictures: made again.
            fragments.bump_on_commit(fragments.PEOPLE)

        for signal in (post_save, post_delete):
            signal.connect(changed, sender=Author, weak=False, dispatch_uid="newsdesk-fragments")
