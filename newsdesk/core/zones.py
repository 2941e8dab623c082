"""
The newsroom's time zone: reader pages show times in it, named ("16:54 IST"), and so
does the admin for everyone who has not chosen a zone of their own in their account.

Set in Newsroom settings per site, defaulting to ``TIME_ZONE`` (``NEWSDESK_TIME_ZONE``).
Stored times stay in UTC; ``<time datetime>`` attributes are written in UTC too
(``machine_time``), so only what a person reads changes. The zone is remembered per
site while the site generation stays: saving Newsroom settings purges the site, which
also makes every kept page and fragment again in the new zone.
"""

import functools
import zoneinfo

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.utils import timezone

from . import fragments, pagecache, routing

LIFETIME = 24 * 60 * 60
HEALTH_PATHS = ("/healthz", "/readyz")


def zone_name_for(request):
    """The time zone name of the site serving ``request``."""
    site = routing.find_site(request)
    if site is None:
        return settings.TIME_ZONE
    key = f"zone-for:{site.pk}"
    store = caches[pagecache.PAGES_CACHE]
    # The site generation, made now if the store has none yet (shared with the request's
    # other version reads).
    generation = fragments.current_versions([pagecache.SITE_GENERATION], request)[
        pagecache.SITE_GENERATION
    ]
    entry = store.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    from .models import NewsroomSettings

    name = NewsroomSettings.for_site(site).time_zone or settings.TIME_ZONE
    store.set(key, (generation, name), LIFETIME)
    return name


class NewsroomTimeZoneMiddleware:
    """Show times in the newsroom's zone for everything this request renders."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in HEALTH_PATHS:
            # Health probes answer at once and without the database (operations.health).
            return self.get_response(request)
        try:
            zone = zoneinfo.ZoneInfo(zone_name_for(request))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None
        except (DatabaseError, DisallowedHost):
            # No site to ask (the database is down, or the host is not ours): the view
            # decides what to answer; health probes must answer without either.
            zone = None
        if zone is None:
            return self.get_response(request)
        request.newsdesk_time_zone = zone.key
        with timezone.override(zone):
            return self.get_response(request)


class AdminTimeZoneMiddleware:
    """
    Wagtail's admin views switch to the user's own zone, else to ``TIME_ZONE``, whatever
    was active before them (``wagtail.admin.localization``). For a user who has not
    chosen one, the profile read for this request is given the newsroom's zone in
    memory, so schedules, the desk and the history read in the zone the newsroom works
    in. Nothing is saved: the account page, where a user picks a zone and the profile is
    saved, is left to Wagtail.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = getattr(request, "newsdesk_time_zone", None)
        if zone and zone != settings.TIME_ZONE and _admin_path(request.path):
            _default_zone(request.user, zone)
        return self.get_response(request)


def _admin_path(path):
    admin, account = _admin_prefixes()
    return path.startswith(admin) and not path.startswith(account)


@functools.cache
def _admin_prefixes():
    from django.urls import reverse

    return reverse("wagtailadmin_home"), reverse("wagtailadmin_account")


def _default_zone(user, zone):
    if not user.is_authenticated:
        return
    from wagtail.users.models import UserProfile

    try:
        profile = user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        profile = UserProfile(user=user)
        user.wagtail_userprofile = profile
    if not profile.current_time_zone:
        profile.current_time_zone = zone
