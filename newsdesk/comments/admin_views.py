"""
Moderation in the admin: the queue (filters, search, one-at-a-time and bulk actions) and
a story's comment policy. Every view requires the comment-moderation permission. Privacy
requests about comments go through the admin's one privacy page (``core.privacy``).
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView, View
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsdesk.articles.models import ArticlePage

from . import moderation
from .models import Comment, CommentState, Policy, StoryCommentPolicy

PER_PAGE = 50
ACTIONS = {
    "approve": (CommentState.APPROVED, "approved"),
    "spam": (CommentState.SPAM, "marked as spam"),
    "remove": (CommentState.REMOVED, "removed"),
    "pending": (CommentState.PENDING, "returned to the queue"),
}


class ModeratorMixin:
    def dispatch(self, request, *args, **kwargs):
        if not moderation.may_moderate(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class QueueFilters(forms.Form):
    q = forms.CharField(required=False, label="Search name, e-mail or text")
    state = forms.ChoiceField(required=False, choices=[("", "Every state"), *CommentState.choices])
    article = forms.IntegerField(required=False, widget=forms.HiddenInput)
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="Until", widget=forms.DateInput(attrs={"type": "date"})
    )

    def apply(self, comments):
        if not self.is_valid():
            return comments
        data = self.cleaned_data
        if data["q"]:
            words = data["q"]
            comments = comments.filter(
                Q(name__icontains=words) | Q(email__icontains=words) | Q(body__icontains=words)
            )
        if data["state"]:
            comments = comments.filter(state=data["state"])
        if data["article"]:
            comments = comments.filter(article_id=data["article"])
        if data["since"]:
            comments = comments.filter(created_at__date__gte=data["since"])
        if data["until"]:
            comments = comments.filter(created_at__date__lte=data["until"])
        return comments


class QueueView(ModeratorMixin, WagtailAdminTemplateMixin, TemplateView):
    """Comments newest first, filtered; approve, spam or remove one or many."""

    template_name = "comments/admin/queue.html"
    page_title = "Reader comments"
    header_icon = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = QueueFilters(self.request.GET or None)
        comments = filters.apply(
            Comment.objects.select_related("article", "reply_to").order_by("-created_at", "-pk")
        )
        page = Paginator(comments, PER_PAGE).get_page(self.request.GET.get("p"))
        story = None
        if filters.is_valid() and filters.cleaned_data.get("article"):
            story = ArticlePage.objects.filter(pk=filters.cleaned_data["article"]).first()
        context.update(
            filters=filters,
            page=page,
            story=story,
            story_policy=StoryCommentPolicy.objects.filter(article=story).first()
            if story
            else None,
            policies=Policy.choices,
            actions=[(name, label) for name, (_state, label) in ACTIONS.items()],
            waiting=moderation.waiting_count(),
            here=self.request.get_full_path(),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        ids = [int(pk) for pk in request.POST.getlist("comment") if pk.isdigit()]
        # A row's own button ("approve:12") acts on that comment alone.
        one_action, _, one_id = request.POST.get("one", "").partition(":")
        if one_id.isdigit():
            action, ids = one_action, [int(one_id)]
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("comments:queue")
        if action not in ACTIONS:
            messages.error(request, "Choose what to do with the comments.")
        elif not ids:
            messages.error(request, "Tick at least one comment.")
        else:
            state, done = ACTIONS[action]
            changed = moderation.set_state(Comment.objects.filter(pk__in=ids), state, request.user)
            messages.success(request, f"{changed} comment{'s' if changed != 1 else ''} {done}.")
        return redirect(back)


class StoryPolicyView(ModeratorMixin, View):
    """Set one story's comment policy, or delete all its comments (the form is on the queue)."""

    def get(self, request, story_id):
        return redirect(reverse("comments:queue") + f"?article={story_id}")

    def post(self, request, story_id):
        story = ArticlePage.objects.filter(pk=story_id).first()
        if story is None:
            messages.error(request, "That story does not exist; it may have been deleted.")
            return redirect("comments:queue")
        back = reverse("comments:queue") + f"?article={story.pk}"
        if request.POST.get("delete_all") == story.title:
            deleted = moderation.delete(Comment.objects.filter(article=story), request.user)
            messages.success(request, f"Deleted {deleted} comments on “{story.title}”.")
            return redirect(back)
        if "delete_all" in request.POST:
            messages.error(request, "Type the story's headline exactly to delete its comments.")
            return redirect(back)
        policy = request.POST.get("policy", "")
        if policy == "":
            StoryCommentPolicy.objects.filter(article=story).delete()
        elif policy in Policy.values:
            StoryCommentPolicy.objects.update_or_create(article=story, defaults={"policy": policy})
        else:
            messages.error(request, "Choose a policy from the list.")
            return redirect(back)
        messages.success(request, f"Comment policy for “{story.title}” saved.")
        return redirect(back)
