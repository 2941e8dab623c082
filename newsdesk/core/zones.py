"""
The newsroom's time zone: reader pages show times in it, named ("16:54 IST"). (Wagtail's
admin sets its own zone inside its views: a user's preference, else ``TIME_ZONE``.)

Set in Newsroom settings per site, defaulting to ``TIME_ZONE`` (``NEWSDESK_TIME_ZONE``).
Stored times stay in UTC; ``<time datetime>`` attributes are written in UTC too
(``machine_time``), so only what a person reads changes. The zone is remembered per
site while the site generation stays: saving Newsroom settings purges the site, which
also makes every kept page and fragment again in the new zone.
"""

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
        with timezone.override(zone):
            return self.get_response(request)
