from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from . import licences


class NewsImage(AbstractImage):
    """
    A picture with the rights information a newsroom must publish with it.

    Wagtail's ``description`` field is the alt text: one source of truth for what the
    picture shows.
    """

    creator = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who made the picture, as the licence asks to name them (e.g. kremlin.ru).",
    )
    source_name = models.CharField(
        "source",
        max_length=255,
        blank=True,
        help_text="Where the picture was obtained, shown after “via” (e.g. Wikimedia Commons).",
    )
    source_url = models.URLField(
        "source URL",
        max_length=500,
        blank=True,
        help_text="The page the picture came from; the creator's name links to it.",
    )
    licence = models.CharField(
        max_length=32,
        choices=licences.CHOICES,
        blank=True,
        help_text="The terms the picture is published under.",
    )
    credit_line = models.CharField(
        max_length=255,
        blank=True,
        help_text=(
            "Use only when the credit must read exactly so (an agency's wording); "
            "otherwise it is built from creator, licence and source."
        ),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "creator",
        "source_name",
        "source_url",
        "licence",
        "credit_line",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    @property
    def licence_info(self):
        return licences.LICENCES.get(self.licence)

    def attribution_parts(self):
        """
        The credit as (text, url) pairs in the order attribution is written:
        creator, licence, "via" source. Empty when nothing is known.
        """
        if self.credit_line:
            return [(self.credit_line, "")]
        parts = []
        if self.creator:
            parts.append((self.creator, self.source_url))
        licence = self.licence_info
        if licence:
            parts.append((licence.name, licence.url))
        if self.source_name:
            parts.append((f"via {self.source_name}", "" if self.creator else self.source_url))
        return parts

    @property
    def attribution(self):
        """The credit as plain text: "kremlin.ru, CC BY 4.0, via Wikimedia Commons"."""
        return ", ".join(text for text, _url in self.attribution_parts())


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
