import factory
import wagtail_factories
from wagtail.models import Collection

from .models import NewsImage


class NewsImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    description = "A street market at dusk, stalls lit by strings of bulbs."
    creator = "Jane Photographer"
    source_name = "Wikimedia Commons"
    source_url = "https://commons.wikimedia.org/wiki/File:Example.jpg"
    licence = "cc-by-4.0"
    # Where uploads go unless an editor picks another collection (Wagtail's factory would
    # make a collection of its own, outside every group's permissions).
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = NewsImage
