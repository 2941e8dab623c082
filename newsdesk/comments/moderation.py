"""
Changing a comment's state, and what follows from it: readers' pages refresh when what
they show changes, editors hear when comments wait, counts stay right.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.core.signals import Change, announce_change

from .models import Comment, CommentSettings, CommentState

PERMISSION = "comments.moderate_comment"
COUNT_KEY = "newsdesk:comments:count:{}"
COUNT_TTL = 60 * 60
NOTICE_KEY = "newsdesk:comments:noticed"
# At most one "comments are waiting" e-mail in this many seconds.
NOTICE_EVERY = 15 * 60


def may_moderate(user):
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def set_state(comments, state, user):
    """
    Move ``comments`` (a queryset) to ``state`` as ``user``; returns how many changed.
    Readers' pages showing any of them are told they changed.
    """
    if not may_moderate(user):
        raise PermissionDenied("You may not moderate comments.")
    if state not in CommentState.values:
        raise ValueError(f"Unknown comment state {state!r}.")
    with transaction.atomic():
        changing = list(comments.select_for_update().exclude(state=state))
        now = timezone.now()
        Comment.objects.filter(pk__in=[c.pk for c in changing]).update(
            state=state, moderated_at=now, moderated_by=user
        )
        for comment in changing:
            previous = comment.state
            comment.state = state
            after_change(comment, previous)
    return len(changing)


def delete(comments, user):
    """Delete ``comments`` for good (privacy requests); pages showing them refresh."""
    if not may_moderate(user):
        raise PermissionDenied("You may not delete comments.")
    with transaction.atomic():
        doomed = list(comments.select_for_update())
        Comment.objects.filter(pk__in=[c.pk for c in doomed]).delete()
        for comment in doomed:
            previous = comment.state
            comment.state = CommentState.REMOVED
            after_change(comment, previous)
    return len(doomed)


def after_change(comment, previous):
    """Run after a comment is stored or changes state (inside the transaction)."""
    shown = CommentState.APPROVED
    if shown in (previous, comment.state):
        article = comment.article
        transaction.on_commit(lambda: forget_count(article.pk))
        transaction.on_commit(lambda: announce_change(article, Change.COMMENTS))
    if comment.state == CommentState.PENDING and previous is None:
        article_id = comment.article_id
        transaction.on_commit(lambda: notify_moderators.enqueue(article_id))


def counts(article_ids):
    """Approved comments per story, from the cache where it can."""
    keys = {COUNT_KEY.format(pk): pk for pk in article_ids}
    found = cache.get_many(list(keys))
    result = {keys[key]: value for key, value in found.items()}
    missing = [pk for pk in article_ids if pk not in result]
    if missing:
        fresh = dict.fromkeys(missing, 0)
        fresh.update(
            Comment.objects.approved()
            .filter(article_id__in=missing)
            .values_list("article_id")
            .annotate(n=Count("pk"))
        )
        cache.set_many({COUNT_KEY.format(pk): n for pk, n in fresh.items()}, COUNT_TTL)
        result.update(fresh)
    return result


def forget_count(article_id):
    cache.delete(COUNT_KEY.format(article_id))


def waiting_count():
    return Comment.objects.waiting().count()


@task()
def notify_moderators(article_id):
    """The moderators' e-mail, sent by the task worker rather than the reader's request."""
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is not None:
        notify(article)


def notify(article):
    """Tell moderators that comments wait, at most once every quarter of an hour."""
    if not cache.add(NOTICE_KEY, 1, NOTICE_EVERY):
        return
    site = article.get_site() or Site.objects.filter(is_default_site=True).first()
    settings_ = CommentSettings.for_site(site)
    recipients = [line.strip() for line in settings_.moderator_emails.splitlines() if line.strip()]
    if not recipients:
        recipients = list(_moderators().values_list("email", flat=True))
    if not recipients:
        return
    waiting = waiting_count()
    queue = (site.root_url if site else "") + reverse("comments:queue") + "?state=pending"
    send_mail(
        subject=f"{waiting} comment{'s' if waiting != 1 else ''} waiting for moderation",
        message=(
            f"Readers' comments are waiting for moderation, the latest on “{article.title}”.\n\n"
            f"Review them: {queue}\n"
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )


def _moderators():
    permission = Permission.objects.get(
        codename="moderate_comment", content_type__app_label="comments"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .distinct()
    )
