import factory
import wagtail_factories

from newsdesk.images.factories import NewsImageFactory
from newsdesk.people.factories import AuthorFactory

from .models import ArticleAuthor, ArticlePage, SectionPage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """
    A story that passes the publish gate: headline, one author, a described lead image.
    Pass ``authors=[...]`` for a byline of your own (``authors=[]`` for none).
    """

    title = factory.Sequence(lambda n: f"Story number {n} makes the news")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "What happened, where, and why it matters."
    lead_image = factory.SubFactory(NewsImageFactory)
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "Introduction"},
            {"type": "paragraph", "value": "<p>The first paragraph of the story.</p>"},
        ]
    )

    class Meta:
        model = ArticlePage

    @classmethod
    def _create(cls, model_class, *args, authors=None, **kwargs):
        authors = [AuthorFactory()] if authors is None else authors
        page = model_class(*args, **{k: v for k, v in kwargs.items() if k != "parent"})
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(authors)
        ]
        kwargs["parent"].add_child(instance=page)
        return page
