import factory
import wagtail_factories

from .models import NewsImage


class NewsImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    description = "A street market at dusk, stalls lit by strings of bulbs."
    creator = "Jane Photographer"
    source_name = "Wikimedia Commons"
    source_url = "https://commons.wikimedia.org/wiki/File:Example.jpg"
    licence = "cc-by-4.0"

    class Meta:
        model = NewsImage
