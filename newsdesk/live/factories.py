import factory
from django.utils import timezone

from newsdesk.people.factories import AuthorFactory

from .models import Correction, Coverage, LiveUpdate


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class CoverageFactory(factory.django.DjangoModelFactory):
    started_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Coverage


class LiveUpdateFactory(factory.django.DjangoModelFactory):
    """An update written straight to the database (demo content, listings in tests)."""

    author = factory.SubFactory(AuthorFactory)
    body = factory.LazyFunction(lambda: paragraph("Officials confirmed the news this morning."))
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = LiveUpdate

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if "sequence" not in kwargs:
            live, _ = Coverage.objects.get_or_create(
                article=kwargs["article"], defaults={"started_at": timezone.now()}
            )
            live.last_sequence += 1
            live.save(update_fields=["last_sequence"])
            kwargs["sequence"] = live.last_sequence
        return super()._create(model_class, *args, **kwargs)


class CorrectionFactory(factory.django.DjangoModelFactory):
    note = "An earlier version of this story gave the wrong date for the meeting."

    class Meta:
        model = Correction
