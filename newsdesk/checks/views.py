"""The panel's refresh (from the editor's unsaved form), dismissals and their undoing."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models import Dismissal
from .panels import findings_for, panel_context

REASON_LIMIT = 500


def _editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def _page_as_edited(request, page):
    """The page with the editor's unsaved form applied, as the preview shows it."""
    draft = page.get_latest_revision_as_object()
    form_class = draft.get_edit_handler().get_form_class()
    form = form_class(
        request.POST,
        request.FILES,
        instance=draft,
        parent_page=page.get_parent(),
        for_user=request.user,
    )
    if form.is_valid():
        return form.save(commit=False)
    return form.instance


def _wants_fragment(request):
    return request.headers.get("X-Requested-With") == "newsdesk-checks"


def _panel(request, page):
    return HttpResponse(
        render_to_string("checks/panel.html", panel_context(page, request), request=request)
    )


@require_POST
def refresh(request, page_id):
    page = _editable_page(request, page_id)
    return _panel(request, _page_as_edited(request, page))


@require_POST
def refresh_new(request, app_label, model_name, parent_page_id):
    """The checks of a page being created, read from its unsaved create form."""
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if model is None or not issubclass(model, Page):
        raise Http404
    parent = get_object_or_404(Page, pk=parent_page_id).specific
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if model not in parent.specific_class.allowed_subpage_models():
        raise Http404
    page = model(owner=request.user)
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=page, parent_page=parent, for_user=request.user
    )
    return _panel(request, form.save(commit=False) if form.is_valid() else form.instance)


@require_POST
def dismiss(request, page_id):
    page = _editable_page(request, page_id)
    fingerprint = request.POST.get("dismiss", "")
    reason = " ".join(request.POST.get(f"dismiss_reason_{fingerprint}", "").split())
    edited = _page_as_edited(request, page)
    finding = next(
        (f for f in findings_for(edited)["warnings"] if f.fingerprint == fingerprint), None
    )
    problem = None
    if finding is None:
        problem = "That warning no longer applies to the story; nothing was dismissed."
    elif not reason:
        problem = "Say why the warning does not apply before dismissing it."
    elif len(reason) > REASON_LIMIT:
        problem = f"Keep the reason under {REASON_LIMIT} characters."
    else:
        Dismissal.objects.update_or_create(
            page=page,
            fingerprint=fingerprint,
            defaults={
                "check_id": finding.id,
                "sentence": finding.sentence.text if finding.sentence else finding.words,
                "reason": reason,
                "dismissed_by": request.user,
            },
        )
    if _wants_fragment(request):
        if problem:
            return JsonResponse({"error": problem}, status=400)
        return _panel(request, edited)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, "Warning dismissed for this story.")
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@require_POST
def restore(request, page_id):
    page = _editable_page(request, page_id)
    Dismissal.objects.filter(page=page, fingerprint=request.POST.get("restore", "")).delete()
    if _wants_fragment(request):
        return _panel(request, _page_as_edited(request, page))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
