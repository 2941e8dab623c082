"""The editor's read-only "Desk checks" panel, and the findings it shows."""

from django.core.checks import ERROR, WARNING
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import Panel

from . import base
from .models import Dismissal
from .text import Copy


def findings_for(page, published=None):
    """Every finding for ``page``, split as the panel shows them."""
    findings = base.run(Copy.from_page(page, published))
    dismissals = (
        {
            d.fingerprint: d
            for d in Dismissal.objects.filter(page_id=page.pk).select_related("dismissed_by")
        }
        if page.pk
        else {}
    )
    errors = [f for f in findings if f.level >= ERROR]
    warnings = [
        f for f in findings if WARNING <= f.level < ERROR and f.fingerprint not in dismissals
    ]
    dismissed = [
        (f, dismissals[f.fingerprint])
        for f in findings
        if WARNING <= f.level < ERROR and f.fingerprint in dismissals
    ]
    # Offers (a name that could become a topic) are neither problems nor dismissed.
    suggestions = [f for f in findings if f.level < WARNING]
    return {
        "errors": errors,
        "warnings": warnings,
        "dismissed": dismissed,
        "suggestions": suggestions,
    }


def panel_context(page, request=None):
    context = findings_for(page)
    if page.pk:
        context["refresh_url"] = reverse("newsdesk_checks_refresh", args=[page.pk])
        context["dismiss_url"] = reverse("newsdesk_checks_dismiss", args=[page.pk])
        context["restore_url"] = reverse("newsdesk_checks_restore", args=[page.pk])
    else:
        # A story not saved yet: the panel reads the create form as the editor types.
        parent_id = _create_view_parent(request)
        if parent_id:
            meta = type(page)._meta
            context["refresh_url"] = reverse(
                "newsdesk_checks_new", args=[meta.app_label, meta.model_name, parent_id]
            )
    context["new_topic_url"] = new_topic_url(request)
    context["errors_count"] = len(context["errors"])
    context["warnings_count"] = len(context["warnings"])
    return context


def new_topic_url(request):
    """
    Where a name offered as a topic is created, if the user may create topics: from the
    ``newsdesk_new_topic_url`` hooks (``fn(user)`` returns a URL or ``None``), so this app
    needs no knowledge of the one that keeps topics.
    """
    user = getattr(request, "user", None)
    if user is None:
        return None
    for hook in hooks.get_hooks("newsdesk_new_topic_url"):
        url = hook(user)
        if url:
            return url
    return None


def _create_view_parent(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return match.kwargs.get("parent_page_id")


class ChecksPanel(Panel):
    """Errors (they block publishing) and warnings (they never do), with dismissals."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "checks/panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(panel_context(self.instance, self.request))
            return context


def add_checks_panel():
    """Put the panel at the top of the content tab of every page type with a body."""
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    from newsdesk.core.models import BasePage

    for model in get_page_models():
        if not issubclass(model, BasePage) or model._meta.abstract:
            continue
        if not any(isinstance(f, StreamField) for f in model._meta.concrete_fields):
            continue
        panels = list(model.content_panels)
        if not any(isinstance(p, ChecksPanel) for p in panels):
            model.content_panels = [ChecksPanel(heading="Desk checks"), *panels]
