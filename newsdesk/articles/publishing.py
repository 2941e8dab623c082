from django.utils import timezone

from newsdesk.core.models import PublishPageRevisionAction


class PublishArticleAction(PublishPageRevisionAction):
    """Publishing that sets the editorial "Updated" time when a change is marked significant."""

    def _publish_revision(self, revision, object, *args, **kwargs):
        now = timezone.now()
        goes_live_now = not (object.go_live_at and object.go_live_at > now)
        if (
            object.significant_update
            and object.first_published_at
            and goes_live_now
            and object.live_revision_id != revision.pk
        ):
            object.updated_at = now
        return super()._publish_revision(revision, object, *args, **kwargs)
