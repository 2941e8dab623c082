"""
Everything that changes a developing story: starting and ending live coverage, adding,
editing and removing updates, recording corrections.

Admin views and tests call these functions, never the models directly: each checks the
user's permission for that story, refuses bad input with a sentence an editor can act on
and changes nothing when it refuses, writes the story's history, and, once the change is
committed, sends ``page_changed`` so whatever shows the story refreshes.
"""

import html

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from newsdesk.articles.models import ArticlePage
from newsdesk.core import publishing, richtext
from newsdesk.core.blocks import RICH_TEXT_FEATURES
from newsdesk.core.signals import Change, announce_change

from . import reading
from .models import Correction, Coverage, LiveUpdate

UPDATE_NOTE = "Adds a live update"


def may_add_updates(user, article):
    return _allowed(user, "live.add_liveupdate", article, publish=False)


def may_change_updates(user, article):
    return _allowed(user, "live.change_liveupdate", article, publish=False)


def may_remove_updates(user, article):
    return _allowed(user, "live.delete_liveupdate", article, publish=False)


def may_manage_coverage(user, article):
    return _allowed(user, "live.manage_coverage", article, publish=True)


def may_correct(user, article):
    return _allowed(user, "live.add_correction", article, publish=True)


def start(article, user):
    """Start live coverage of a published story (or resume coverage that was ended)."""
    _require(may_manage_coverage(user, article), "start live coverage of", article)
    with transaction.atomic():
        story = _published(article, "Publish the story before starting live coverage.")
        coverage = Coverage.objects.select_for_update().filter(article=story).first()
        now = timezone.now()
        if coverage is None:
            try:
                with transaction.atomic():
                    coverage = Coverage.objects.create(
                        article=story, started_at=now, started_by=user
                    )
            except IntegrityError:
                # Another editor started it a moment ago.
                raise ValidationError("Live coverage of this story has already started.") from None
        elif coverage.is_live:
            raise ValidationError("Live coverage of this story has already started.")
        else:
            coverage.ended_at = coverage.ended_by = None
            coverage.save(update_fields=["ended_at", "ended_by"])
        log(instance=story, action="newsdesk.live.started", user=user)
        transaction.on_commit(reading.forget_developing)
        _announce(story, Change.COVERAGE_STARTED)
    return coverage


def end(article, user):
    """End live coverage: the "Developing" label goes and the end time is recorded."""
    _require(may_manage_coverage(user, article), "end live coverage of", article)
    with transaction.atomic():
        coverage = _live_coverage(article)
        coverage.ended_at = timezone.now()
        coverage.ended_by = user
        coverage.save(update_fields=["ended_at", "ended_by"])
        log(instance=coverage.article, action="newsdesk.live.ended", user=user)
        transaction.on_commit(reading.forget_developing)
        _announce(coverage.article, Change.COVERAGE_ENDED)
    return coverage


def add_update(article, user, *, author, body, headline="", key_event=False):
    """
    Post an update to a story under live coverage. It takes the next number in the
    story's sequence and moves the story's "Updated" time to its own.
    """
    _require(may_add_updates(user, article), "add live updates to", article)
    with transaction.atomic():
        # Holding the coverage row serialises updates to one story on PostgreSQL;
        # SQLite's IMMEDIATE transactions already admit one writer at a time.
        coverage = _live_coverage(article)
        story = coverage.article
        update = LiveUpdate(
            article=story,
            author=author,
            headline=(headline or "").strip(),
            body=body,
            key_event=key_event,
            created_by=user,
        )
        _validate(update)
        coverage.last_sequence += 1
        coverage.save(update_fields=["last_sequence"])
        update.sequence = coverage.last_sequence
        update.published_at = timezone.now()
        update.save()
        story.mark_updated(
            f"{UPDATE_NOTE}: {update.headline}" if update.headline else f"{UPDATE_NOTE}.",
            at=update.published_at,
            anchor=update.anchor,
        )
        log(
            instance=story,
            action="newsdesk.live.update_added",
            user=user,
            data={"update": update.pk, "sequence": update.sequence, "headline": update.headline},
        )
        _announce(story, Change.UPDATE_ADDED)
    return update


def edit_update(update, user, *, author, body, headline="", key_event=False):
    """Change an update's text or flags; its time, number and the story's "Updated" stay."""
    story = update.article
    _require(may_change_updates(user, story), "edit updates on", story)
    with transaction.atomic():
        update.author = author
        update.headline = (headline or "").strip()
        update.body = body
        update.key_event = key_event
        _validate(update)
        update.edited_at = timezone.now()
        update.save()
        log(
            instance=story,
            action="newsdesk.live.update_edited",
            user=user,
            data={"update": update.pk, "sequence": update.sequence},
        )
        _announce(story, Change.UPDATE_EDITED)
    return update


def remove_update(update, user):
    """Take an update off the story; its number is not reused, and the history keeps it."""
    story = update.article
    _require(may_remove_updates(user, story), "remove updates from", story)
    with transaction.atomic():
        log(
            instance=story,
            action="newsdesk.live.update_removed",
            user=user,
            data={
                "update": update.pk,
                "sequence": update.sequence,
                "headline": update.headline,
                "text": update.summary(words=100),
            },
        )
        update.delete()
        _announce(story, Change.UPDATE_REMOVED)


def correct(article, user, *, kind, note, published_at=None):
    """
    Record a correction or clarification on a published story. Readers see it at the
    story's foot and on the corrections page; the story's "Updated" time moves, with the
    note as the reason.
    """
    _require(may_correct(user, article), "record corrections on", article)
    with transaction.atomic():
        story = _published(
            article, "Corrections are for published stories; edit the draft instead."
        )
        correction = Correction(
            article=story,
            kind=kind,
            note=(note or "").strip(),
            published_at=published_at or timezone.now(),
            created_by=user,
        )
        correction.full_clean()
        correction.save()
        label = correction.get_kind_display()
        story.mark_updated(
            Truncator(f"{label}: {correction.note}").chars(255),
            at=timezone.now(),
            anchor=correction.anchor,
        )
        log(
            instance=story,
            action="newsdesk.live.correction",
            user=user,
            data={"correction": correction.pk, "kind": correction.kind, "note": correction.note},
        )
        _announce(story, Change.CORRECTION)
    return correction


def _allowed(user, permission, article, publish):
    if not (user and user.is_authenticated and user.is_active and user.has_perm(permission)):
        return False
    page_permissions = article.permissions_for_user(user)
    return page_permissions.can_publish() if publish else page_permissions.can_edit()


def _require(allowed, action, article):
    if not allowed:
        raise PermissionDenied(f"You may not {action} “{article.title}”.")


def _published(article, hint):
    story = ArticlePage.objects.filter(pk=article.pk).first()
    if story is None:
        raise ValidationError("This story no longer exists.")
    if not story.live:
        raise ValidationError(f"“{story.title}” is not published. {hint}")
    return story


def _live_coverage(article):
    story = _published(article, "Publish the story and start live coverage first.")
    coverage = Coverage.objects.select_for_update().filter(article=story).first()
    if coverage is None or not coverage.is_live:
        raise ValidationError(
            f"“{story.title}” is not under live coverage. Start live coverage to post updates."
        )
    coverage.article = story
    return coverage


def _validate(update):
    _clean_text(update.body)
    if not any(_has_content(child) for child in update.body):
        raise ValidationError(
            {"body": "An update needs some text, a picture or an embed; this one is empty."}
        )
    update.full_clean(exclude=["article", "sequence", "published_at"])
    problems = publishing.check(update)
    if problems:
        raise ValidationError({"body": [str(problem) for problem in problems]})


def _clean_text(stream):
    for index, child in enumerate(stream):
        if child.block_type == "paragraph" and child.value is not None:
            cleaned = richtext.clean(child.value.source, RICH_TEXT_FEATURES)
            stream[index] = ("paragraph", RichText(cleaned), child.id)


def _has_content(child):
    value = child.value
    if child.block_type == "paragraph":
        return bool(value and value.source and _text(value.source))
    if child.block_type == "image":
        return bool(value and value.get("image"))
    if child.block_type == "embed":
        return bool(value and value.get("embed"))
    return bool(value)


def _text(markup):
    return html.unescape(strip_tags(markup)).replace("\xa0", " ").strip()


def _announce(story, reason):
    transaction.on_commit(lambda: announce_change(story, reason))
