"""
The live desk in Wagtail's admin: one screen per story to start and end live coverage,
post, edit and remove updates, and record corrections. Every action goes through
:mod:`newsdesk.live.coverage`, which checks the user's permission for that story.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.rich_text import RichText

from newsdesk.articles.models import ArticlePage
from newsdesk.core.richtext import plain_paragraphs
from newsdesk.people.models import Author

from . import coverage, reading
from .models import Correction, LiveUpdate

UPDATE_FIELDS = ("author", "headline", "body", "key_event")
CORRECTION_FIELDS = ("kind", "note", "published_at")


class StoryMixin:
    """Finds the story named in the address; a missing one is a message, not an error page."""

    def setup(self, request, *args, **kwargs):
        self.story = ArticlePage.objects.filter(pk=kwargs["story_id"]).first()
        super().setup(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if self.story is None:
            messages.error(request, "That story does not exist; it may have been deleted.")
            return redirect("wagtailadmin_home")
        if not self.allowed():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def allowed(self):
        return coverage.may_add_updates(self.request.user, self.story) or coverage.may_correct(
            self.request.user, self.story
        )

    def desk_url(self):
        return reverse("live:desk", args=[self.story.pk])

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.story.pk]),
                "label": self.story.title,
            },
            {"url": self.desk_url(), "label": "Live desk"},
            *(
                [{"url": "", "label": self.get_page_title()}]
                if self.get_page_title() != "Live desk"
                else []
            ),
        ]


class DeskView(StoryMixin, WagtailAdminTemplateMixin, TemplateView):
    """The story's coverage, its updates newest first, and its corrections."""

    template_name = "live/admin/desk.html"
    page_title = "Live desk"
    header_icon = "time"

    def get_page_subtitle(self):
        return self.story.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            story=self.story,
            coverage=reading.coverage_of(self.story),
            updates=LiveUpdate.objects.filter(article=self.story).select_related("author"),
            corrections=Correction.objects.filter(article=self.story),
            may_add=coverage.may_add_updates(user, self.story),
            may_manage=coverage.may_manage_coverage(user, self.story),
            may_correct=coverage.may_correct(user, self.story),
            may_change=coverage.may_change_updates(user, self.story),
            may_remove=coverage.may_remove_updates(user, self.story),
        )
        return context


def _coverage_action(action, done):
    def view(request, story_id):
        story = ArticlePage.objects.filter(pk=story_id).first()
        if request.method != "POST":
            return redirect("live:desk", story_id)
        if story is None:
            messages.error(request, "That story does not exist; it may have been deleted.")
            return redirect("wagtailadmin_home")
        try:
            action(story, request.user)
        except PermissionDenied:
            return permission_denied(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done.format(title=story.title))
        return redirect("live:desk", story.pk)

    return view


start = _coverage_action(coverage.start, "Live coverage of “{title}” has started.")
end = _coverage_action(coverage.end, "Live coverage of “{title}” has ended.")


def _errors_to_form(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ActionFormMixin(StoryMixin):
    """A short form whose valid data goes to one :mod:`coverage` function."""

    fields = ()
    success_text = ""

    def get_panel(self):
        return ObjectList([FieldPanel(name) for name in self.fields]).bind_to_model(self.model)

    def get_page_subtitle(self):
        return self.story.title

    def get_success_url(self):
        return self.desk_url()

    def perform(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        data = {name: form.cleaned_data.get(name) for name in self.fields}
        try:
            self.object = self.perform(data)
        except PermissionDenied:
            return permission_denied(self.request)
        except ValidationError as error:
            _errors_to_form(form, error)
            self.produced_error_message = "Nothing was saved. " + " ".join(
                message for message in error.messages
            )
            return self.form_invalid(form)
        messages.success(
            self.request, self.success_text.format(obj=self.object, title=self.story.title)
        )
        return redirect(self.get_success_url())


class AddUpdateView(ActionFormMixin, CreateView):
    model = LiveUpdate
    fields = UPDATE_FIELDS
    page_title = "New update"
    submit_button_label = "Post update"
    submit_button_active_label = "Posting…"
    success_text = "Update {obj.sequence} is live on “{title}”."

    def allowed(self):
        return coverage.may_add_updates(self.request.user, self.story)

    def get(self, request, *args, **kwargs):
        state = reading.coverage_of(self.story)
        if not self.story.live or state is None or not state.is_live:
            messages.error(
                request,
                f"“{self.story.title}” is not under live coverage. "
                "Start live coverage to post updates.",
            )
            return redirect(self.desk_url())
        return super().get(request, *args, **kwargs)

    def get_add_url(self):
        return reverse("live:add_update", args=[self.story.pk])

    def get_initial_form_instance(self):
        return LiveUpdate(
            article=self.story,
            author=Author.objects.filter(user=self.request.user).first(),
            body=[("paragraph", RichText(""))],
        )

    def perform(self, data):
        return coverage.add_update(self.story, self.request.user, **data)


class EditUpdateView(ActionFormMixin, EditView):
    model = LiveUpdate
    fields = UPDATE_FIELDS
    page_title = "Edit update"
    success_text = "Update {obj.sequence} on “{title}” has been changed."

    def allowed(self):
        return coverage.may_change_updates(self.request.user, self.story)

    def get_object(self, queryset=None):
        return self.update

    @cached_property
    def update(self):
        return get_object_or_404(LiveUpdate, article=self.story, sequence=self.kwargs["sequence"])

    def get_edit_url(self):
        return reverse("live:edit_update", args=[self.story.pk, self.update.sequence])

    def get_delete_url(self):
        return None

    def get_history_url(self):
        return None

    def get_usage_url(self):
        return None

    def perform(self, data):
        return coverage.edit_update(self.update, self.request.user, **data)


class RemoveUpdateView(StoryMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "live/admin/remove_update.html"
    page_title = "Remove update"
    header_icon = "bin"

    def allowed(self):
        return coverage.may_remove_updates(self.request.user, self.story)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["update"] = self.update
        context["story"] = self.story
        return context

    @cached_property
    def update(self):
        return get_object_or_404(LiveUpdate, article=self.story, sequence=self.kwargs["sequence"])

    def post(self, request, *args, **kwargs):
        sequence = self.update.sequence
        try:
            coverage.remove_update(self.update, request.user)
        except PermissionDenied:
            return permission_denied(request)
        messages.success(request, f"Update {sequence} has been removed from “{self.story.title}”.")
        return redirect(self.desk_url())


class AddCorrectionView(ActionFormMixin, CreateView):
    model = Correction
    fields = CORRECTION_FIELDS
    page_title = "New correction"
    submit_button_label = "Publish correction"
    submit_button_active_label = "Publishing…"
    success_text = "The {obj.kind} to “{title}” is published."

    def allowed(self):
        return coverage.may_correct(self.request.user, self.story)

    def get_add_url(self):
        return reverse("live:add_correction", args=[self.story.pk])

    def get_initial_form_instance(self):
        return Correction(article=self.story)

    def perform(self, data):
        return coverage.correct(self.story, self.request.user, **data)


@require_POST
def post_from_editor(request, story_id):
    """
    An update from the box on the story's edit view, signed by the signed-in user's
    author profile; its text is plain, paragraphs apart by blank lines. Answers JSON.
    """
    story = ArticlePage.objects.filter(pk=story_id).first()
    if story is None:
        return JsonResponse(
            {"error": "That story does not exist; it may have been deleted."}, status=404
        )
    if not coverage.may_add_updates(request.user, story):
        return JsonResponse({"error": "You may not post updates to this story."}, status=403)
    author = Author.objects.filter(user=request.user).first()
    if author is None:
        return JsonResponse(
            {"error": "Your login has no author profile: post from the live desk."}, status=400
        )
    paragraphs = plain_paragraphs(request.POST.get("live_box-text", ""))
    if not paragraphs:
        return JsonResponse({"error": "Write the update before posting it."}, status=400)
    body = [("paragraph", RichText(paragraph)) for paragraph in paragraphs]
    try:
        update = coverage.add_update(
            story,
            request.user,
            author=author,
            body=body,
            headline=request.POST.get("live_box-headline", "")[:255],
            key_event=bool(request.POST.get("live_box-key_event")),
        )
    except PermissionDenied:
        return JsonResponse({"error": "You may not post updates to this story."}, status=403)
    except ValidationError as error:
        return JsonResponse(
            {"error": "Nothing was posted. " + " ".join(error.messages)}, status=400
        )
    return JsonResponse(
        {
            "message": f"Update {update.sequence} is live, signed {author.name}.",
            "sequence": update.sequence,
        }
    )
