from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "newsdesk.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from newsdesk.core import fragments

        from .models import Author

        # Bylines and cards show authors' names, links and pictures.
        fragments.follow(Author, fragments.PEOPLE)
