"""
Readers' side of live coverage: the polling endpoint, the updates feed and permalinks.

The polling endpoint is asked by every open copy of a live story every few seconds, so it
answers conditional requests with 304 after one query, may be cached for a few seconds by
any cache on the way, and never reads the session (no cookie, no ``Vary: Cookie``).
"""

import hashlib

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from newsdesk.articles.models import ArticlePage

from . import reading
from .bodies import load_bodies
from .feeds import LiveUpdatesFeed
from .models import LiveUpdate

JSON_UPDATES = 20
POLL_MAX_AGE = 5


def _story(story_id):
    return get_object_or_404(ArticlePage.objects.published(), pk=story_id)


def _state(request, story_id):
    if not hasattr(request, "_newsdesk_live_state"):
        story = _story(story_id)
        request._newsdesk_live_state = story, reading.state(story)
    return request._newsdesk_live_state


def _etag(request, story_id):
    story, state = _state(request, story_id)
    if state is None:
        raise Http404("This story has no live coverage.")
    raw = ":".join(
        str(part)
        for part in (
            story.pk,
            state.started_at,
            state.ended_at,
            state.count,
            state.newest,
            state.changed,
            request.get_host(),
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _cacheable(view):
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=POLL_MAX_AGE)
        return response

    return wrapped


@require_safe
@_cacheable
@condition(etag_func=_etag)
def updates_json(request, story_id):
    """
    The newest updates of a live story as JSON, each with its HTML as the story page
    shows it; ``latest`` is the newest update's number, ``live`` whether coverage goes on.
    """
    story, state = _state(request, story_id)
    updates = load_bodies(
        LiveUpdate.objects.filter(article=story).select_related("author")[:JSON_UPDATES]
    )
    return JsonResponse(
        {
            "live": state.is_live,
            "ended_at": state.ended_at.isoformat() if state.ended_at else None,
            "count": state.count,
            "latest": state.newest or 0,
            "updates": [
                {
                    "sequence": update.sequence,
                    "anchor": update.anchor,
                    "key_event": update.key_event,
                    "headline": update.headline,
                    "published_at": update.published_at.isoformat(),
                    "html": render_to_string(
                        "live/includes/update.html", {"update": update, "story": story}
                    ),
                }
                for update in updates
            ],
        }
    )


@require_safe
@_cacheable
@condition(etag_func=_etag)
def updates_feed(request, story_id):
    """An Atom feed of one story's live updates, newest first."""
    story, _state_row = _state(request, story_id)
    return LiveUpdatesFeed(story)(request)


@require_safe
def permalink(request, story_id, sequence):
    """Update ``sequence`` of a story, on whichever page of its updates now shows it."""
    story = _story(story_id)
    update = get_object_or_404(LiveUpdate, article=story, sequence=sequence)
    page = reading.page_of_update(story, update.sequence)
    query = f"?updates={page}" if page > 1 else ""
    return HttpResponseRedirect(f"{story.url}{query}#{update.anchor}")
