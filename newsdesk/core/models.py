import logging
import zoneinfo

# wagtail.models must load before wagtail.actions, which imports from it.
import wagtail.models  # noqa: F401, I001
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction

from . import pagecache, publishing, restrictions

logger = logging.getLogger(__name__)

SCHEDULED_PUBLISH_ACTION = "wagtail.publish.scheduled"


class BasePage(Page):
    """
    The base of every newsdesk page: publishing goes through the publish gate.

    Wagtail routes every publication (edit view, workflow approval, bulk action, the
    ``publish_scheduled`` command) through ``Page.publish``, so the gate is enforced here.
    """

    publish_action_class = PublishPageRevisionAction
    # Pages every other page shows (the sections in the navigation): changing one drops
    # the whole page cache.
    shown_on_every_page = False
    # The query parameters the page reads. The page cache keys copies on these alone, so a
    # tracker or a cache-buster added to the address gets the same copy (core.pagecache).
    cache_query_params = ()

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return pagecache.reads_params(response, self.cache_query_params)

    def get_view_restrictions(self):
        # Asked on every page view; the remembered list of private paths answers it
        # without a query for the (usual) page that nothing restricts.
        if not any(self.path.startswith(path) for path in restrictions.restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What of the address changes the page: fragments of it vary on this alone.
        context["cache_query"] = pagecache.kept_query(
            request.META.get("QUERY_STRING", ""), self.cache_query_params
        )
        return context

    def purge_urls(self, reason):
        """
        The full URLs whose pages show a change to this page, for the page cache's purge
        (``core.purging``): its own address by default. Page types that appear elsewhere
        (stories in listings, feeds and sitemaps) name those places too.
        """
        return {self.get_full_url()}

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        candidate = revision.as_object()
        problems = publishing.check(candidate)
        if problems:
            reason = publishing.bypass_reason()
            if reason:
                log(
                    instance=self,
                    action="newsdesk.publish_gate.bypassed",
                    user=user,
                    revision=revision,
                    data={"reason": reason, "problems": [str(p) for p in problems]},
                )
            elif log_action == SCHEDULED_PUBLISH_ACTION:
                return self._refuse_scheduled(revision, problems)
            else:
                raise publishing.PublishRefused(candidate, problems)
        return self.publish_action_class(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
        ).execute(skip_permission_checks=skip_permission_checks)

    def _refuse_scheduled(self, revision, problems):
        # The scheduler publishes many revisions in one loop; raising would stop the rest.
        # Unscheduling stops it retrying every run; the page history says why.
        type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        log(
            instance=self,
            action="newsdesk.publish_gate.scheduled_refused",
            revision=revision,
            data={"problems": [str(p) for p in problems]},
        )
        logger.warning(
            "Scheduled publishing of page %s refused: %s",
            self.pk,
            "; ".join(str(p) for p in problems),
        )
        return None


# The publisher logo as structured data asks for it: at most 600×60, PNG.
LOGO_RENDITION = "max-600x60|format-png"


def validate_time_zone(value):
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            "Not a time zone name we know: use one such as Europe/London or Asia/Kolkata."
        )


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    """What the site says about itself to feeds, search engines and social networks."""

    publication_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="The name readers know the publication by; the site's name when empty.",
    )
    language = models.CharField(
        max_length=16,
        default="en",
        help_text="The language of the stories, as a code such as en, en-GB or hi.",
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The publisher's logo for search engines: a wide picture, at least 600 px.",
    )
    icon = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "A square picture, at least 180 px: the icon in browser tabs and on phones' home "
            "screens. Without one, the publication's initial on the site's colour."
        ),
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=(
            "The newsroom's time zone, such as Asia/Kolkata or Europe/London: pages show "
            "times in it, with the zone named. Empty: the server's (NEWSDESK_TIME_ZONE)."
        ),
    )
    feeds_full_text = models.BooleanField(
        "full text in feeds",
        default=True,
        help_text="Put whole stories in RSS and Atom feeds; untick to send summaries only.",
    )
    feed_length = models.PositiveSmallIntegerField(
        default=30, help_text="How many of the newest stories each feed lists."
    )
    commercial = models.BooleanField(
        "commercial site",
        default=True,
        help_text=(
            "Untick only for a non-profit site without advertising or paid access; "
            "pictures licensed for non-commercial use only are flagged on commercial sites."
        ),
    )

    panels = [
        FieldPanel("publication_name"),
        FieldPanel("language"),
        FieldPanel("logo"),
        FieldPanel("icon"),
        FieldPanel("time_zone"),
        FieldPanel("feeds_full_text"),
        FieldPanel("feed_length"),
        FieldPanel("commercial"),
    ]

    class Meta:
        verbose_name = "newsroom settings"

    def name(self):
        return self.publication_name or self.site.site_name or settings.WAGTAIL_SITE_NAME

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.logo_id:
            logo = self.logo
            # Made now, so no reader's request resizes the logo.
            transaction.on_commit(lambda: logo.get_rendition(LOGO_RENDITION))
