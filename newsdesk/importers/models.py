"""
What each import brought in: one record per item of a source (a WordPress post, author,
category, comment…), so that running the same import again updates what it made instead
of making it twice, and leaves alone what editors changed since.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportRecord(models.Model):
    source = models.CharField(max_length=32, help_text="The importer, e.g. wordpress.")
    origin = models.CharField(
        max_length=255, blank=True, help_text="The site the export came from, as it names itself."
    )
    kind = models.CharField(max_length=32, help_text="post, page, author, category, comment…")
    source_id = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the item as imported.")
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page revision the import saved; a later one means an editor changed it.",
    )
    data = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the source had that newsdesk keeps nowhere else (old address, notes).",
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "origin", "kind", "source_id"], name="one_record_per_item"
            )
        ]
        indexes = [models.Index(fields=["source", "kind", "source_id"])]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id}"
