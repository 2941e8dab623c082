"""
A page's history an editor can read. Wagtail's editor saves drafts by itself every few
seconds, writing each time into the same revision of the session and logging "Draft
saved" each time: an hour's writing left dozens of identical lines. A draft saved again
into a revision that already has its "Draft saved" line moves that line to the latest
save instead of adding another; the revision's content was replaced anyway, so nothing
that could be looked at again is lost.
"""

EDIT = "wagtail.edit"


def one_line_per_draft(sender, instance, created, **kwargs):
    """``post_save`` of a page log entry: keep one "Draft saved" line per revision."""
    if not created or instance.action != EDIT or instance.revision_id is None:
        return
    sender.objects.filter(
        page_id=instance.page_id,
        revision_id=instance.revision_id,
        action=EDIT,
        user_id=instance.user_id,
    ).exclude(pk=instance.pk).delete()
