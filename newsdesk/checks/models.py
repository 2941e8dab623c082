from django.conf import settings
from django.db import models


class Dismissal(models.Model):
    """
    An editor's decision that a warning does not apply to one story, with the reason.

    Keyed by the finding's fingerprint (the check, the field and the sentence's words), so
    it holds while the sentence is unchanged and lapses once the sentence is rewritten.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="check_dismissals"
    )
    check_id = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=40)
    sentence = models.TextField(blank=True, help_text="The words the warning was about.")
    reason = models.CharField(max_length=500)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "fingerprint"], name="one_dismissal_per_finding"
            )
        ]
        ordering = ["-dismissed_at"]

    def __str__(self):
        return f"{self.check_id} on page {self.page_id}: {self.reason}"
