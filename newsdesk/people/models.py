from django.conf import settings
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index


class Author(index.Indexed, ClusterableModel):
    """A person who writes for the site; each has a page at ``/authors/<slug>/``."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="The last part of the author's address: /authors/<slug>/. Keep it stable.",
    )
    role = models.CharField(
        max_length=255,
        blank=True,
        help_text="Job title shown with the byline, e.g. Political editor.",
    )
    bio = models.TextField(blank=True, help_text="A few sentences about the author.")
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The login this author uses, if any.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
        InlinePanel("links", heading="Links", label="Link"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author", args=[self.slug])


class AuthorLink(Orderable):
    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100, help_text="e.g. Website, Mastodon, Email")
    url = models.URLField("URL", max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label
