from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Topic(index.Indexed, models.Model):
    """A subject that runs across sections; each has a page at ``/topics/<slug>/``."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="The last part of the topic's address: /topics/<slug>/. Keep it stable.",
    )
    description = models.TextField(blank=True, help_text="Shown at the top of the topic page.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic", args=[self.slug])

    @classmethod
    def for_name(cls, name):
        """
        ``(topic, created)``: the topic called ``name`` (in any case), made with a free
        slug if there is none. Two editors creating the same name at once get one topic.
        """
        existing = cls.objects.filter(name__iexact=name).first()
        if existing is not None:
            return existing, False
        base = slugify(name, allow_unicode=True)[:240] or "topic"
        slug, n = base, 1
        while cls.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        try:
            with transaction.atomic():
                return cls.objects.create(name=name, slug=slug), True
        except IntegrityError:
            return cls.objects.get(name__iexact=name), False
