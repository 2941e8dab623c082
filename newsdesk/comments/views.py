"""
The comment form and what a commenter sees after posting. These pages are per reader
(CSRF token, their own pending comment), so they are never cached; the story page that
links to them stays the same for everyone.
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.core.clients import client_ip

from . import posting
from .forms import CommentForm
from .models import Comment, Policy

MINE_SALT = "newsdesk.comments.mine"
MINE_MAX_AGE = 60 * 60 * 24


def _story(story_id):
    return get_object_or_404(ArticlePage.objects.published(), pk=story_id)


@never_cache
@require_http_methods(["GET", "POST"])
def comment_form(request, story_id):
    """
    The form for a comment on a story (``?reply=<id>`` to answer a comment); with
    ``?fragment=1`` just the form, for the story page's script to show in place.
    """
    story = _story(story_id)
    policy = posting.current_policy(story)
    closed = policy == Policy.CLOSED
    status = 200
    if request.method == "POST" and not closed:
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment = posting.submit(
                    story.pk,
                    form.cleaned_data,
                    ip=client_ip(request),
                    user_agent=request.META.get("HTTP_USER_AGENT", ""),
                    site=Site.find_for_request(request),
                )
            except posting.Refused as refusal:
                form.add_error(None, str(refusal))
                status = refusal.status
            else:
                return _after_posting(request, story, comment)
        else:
            status = 400
    else:
        if request.method == "POST":
            status = 403
        form = CommentForm(
            initial={
                "reply_to": _reply_id(request, story),
                "started": CommentForm.started_token(timezone.now()),
            }
        )
    if form.is_bound:
        # A fresh time token, so a corrected form is not judged by the first attempt.
        data = form.data.copy()
        data["started"] = CommentForm.started_token(timezone.now())
        form.data = data
    reply_id = form["reply_to"].value()
    replying = (
        Comment.objects.approved().filter(pk=reply_id, article=story).first()
        if str(reply_id or "").isdigit()
        else None
    )
    template = (
        "comments/includes/form.html" if request.GET.get("fragment") else "comments/form_page.html"
    )
    response = render(
        request,
        template,
        {
            "story": story,
            "form": form,
            "closed": closed,
            "moderated": policy == Policy.MODERATED,
            "replying": replying,
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _reply_id(request, story):
    value = request.GET.get("reply", "")
    return int(value) if value.isdigit() else None


def _after_posting(request, story, comment):
    # Post, then redirect: a reload does not post twice. The story page itself never
    # shows per-reader messages (it must stay the same for everyone, to be cached).
    token = signing.dumps(comment.pk, salt=MINE_SALT)
    return redirect("comment_mine", token=token)


@never_cache
def mine(request, token):
    """A commenter's own comment while it waits, at an address only they were given."""
    try:
        comment_id = signing.loads(token, salt=MINE_SALT, max_age=MINE_MAX_AGE)
    except signing.BadSignature:
        raise Http404("This link has expired.") from None
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    response = render(request, "comments/mine.html", {"comment": comment, "story": comment.article})
    response["X-Robots-Tag"] = "noindex"
    return response
