"""
Sends in the admin: every send with its honest numbers (read from its deliveries, never
assumed), a page per send with its preview and its problems, and the decisions an editor
makes: start a prepared send, send the uncertain deliveries again, send a story to a list
(preview, test copy, the number of readers confirmed), and shape the next digest.

Viewing needs ``newsletters.view_send``; preparing, starting and resending need
``newsletters.add_send`` (Editors have both; migration 0004).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet

from newsdesk.articles.models import ArticlePage
from newsdesk.core import publishing
from newsdesk.core.exports import SafeSpreadsheetExportMixin

from . import alerts, compose, digests, reports, sending
from .models import (
    BreakingAlert,
    DeliveryState,
    Digest,
    DigestStatus,
    Newsletter,
    Send,
    SendKind,
    SendStatus,
)

PER_PAGE = 50


def _require(request, action):
    if not request.user.has_perm(f"newsletters.{action}_send"):
        raise PermissionDenied


def status_label(send, counts):
    """What the send's row says, in words that never claim more than happened."""
    if send.status == SendStatus.DRAFT:
        return "Not started", "draft"
    if send.status == SendStatus.FAILED:
        return f"Failed: {send.problem or 'nothing was accepted'}", "failed"
    if send.status == SendStatus.SENDING:
        left = counts["queued"] + counts["sending"] + counts["deferred"]
        return f"Sending: {left} of {counts['recipients']} still to go", "sending"
    troubles = []
    if counts["failed"]:
        troubles.append(f"{counts['failed']} failed")
    if counts["uncertain"]:
        troubles.append(f"{counts['uncertain']} uncertain")
    if troubles:
        return f"Finished with problems: {', '.join(troubles)}", "failed"
    return f"Sent to all {counts['sent']}", "sent"


def _counted(sends):
    states = {
        state: Count("deliveries", filter=Q(deliveries__state=state))
        for state in DeliveryState.values
    }
    return sends.annotate(
        **{f"n_{state}": expression for state, expression in states.items()},
        n_bounced=Count("deliveries", filter=Q(deliveries__bounced_at__isnull=False)),
        n_complained=Count("deliveries", filter=Q(deliveries__complained_at__isnull=False)),
        n_unsubscribed=Count("deliveries", filter=Q(deliveries__unsubscribed_at__isnull=False)),
    )


def _counts(send):
    names = [*DeliveryState.values, "bounced", "complained", "unsubscribed"]
    return {"recipients": send.recipients, **{n: getattr(send, f"n_{n}") for n in names}}


def index(request):
    _require(request, "view")
    sends = _counted(Send.objects.select_related("newsletter"))[:PER_PAGE]
    rows = []
    for send in sends:
        counts = _counts(send)
        rows.append({"send": send, "counts": counts, "status": status_label(send, counts)})
    return render(
        request,
        "newsletters/admin/sends.html",
        {
            "rows": rows,
            "newsletters": Newsletter.objects.all(),
            "may_send": request.user.has_perm("newsletters.add_send"),
        },
    )


def detail(request, pk):
    _require(request, "view")
    send = get_object_or_404(_counted(Send.objects.select_related("newsletter")), pk=pk)
    counts = _counts(send)
    problems = (
        send.deliveries.filter(state__in=[DeliveryState.FAILED, DeliveryState.UNCERTAIN])
        .order_by("pk")
        .values("email", "state", "error")[:100]
    )
    active = sending.active_subscriptions(send.newsletter).count()
    try:
        compose.check_ready(send.newsletter)
        not_ready = ""
    except compose.NotReady as error:
        not_ready = str(error)
    return render(
        request,
        "newsletters/admin/send.html",
        {
            "send": send,
            "counts": counts,
            "status": status_label(send, counts),
            "problems": problems,
            "active": active,
            "not_ready": not_ready,
            "preview": compose.web_version(send),
            "may_send": request.user.has_perm("newsletters.add_send"),
        },
    )


@require_POST
def prepare(request):
    """A draft holding the list's newest stories, to look at and then start."""
    _require(request, "add")
    newsletter = get_object_or_404(Newsletter, pk=request.POST.get("newsletter") or 0)
    subject, body_html, body_text = compose.sample_body(newsletter)
    send = Send.objects.create(
        newsletter=newsletter,
        subject=subject,
        body_html=body_html,
        body_text=body_text,
        created_by=request.user,
    )
    return redirect("newsletter_sends:detail", send.pk)


@require_POST
def start(request, pk):
    _require(request, "add")
    send = get_object_or_404(Send.objects.select_related("newsletter"), pk=pk)
    expected = request.POST.get("recipients", "")
    active = sending.active_subscriptions(send.newsletter).count()
    if expected != str(active):
        messages.error(
            request,
            f"The list now has {active} active subscribers, not {expected}: "
            "check and confirm again.",
        )
        return redirect("newsletter_sends:detail", send.pk)
    try:
        sending.start(send, by=request.user)
    except (sending.SendError, compose.NotReady) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sending “{send.subject}” to {active} subscribers.")
    return redirect("newsletter_sends:detail", send.pk)


@require_POST
def resend_uncertain(request, pk):
    _require(request, "add")
    send = get_object_or_404(Send, pk=pk)
    count = sending.resend_uncertain(send)
    messages.success(request, f"{count} uncertain deliveries queued again.")
    return redirect("newsletter_sends:detail", send.pk)


def _story(page_id):
    story = get_object_or_404(ArticlePage, pk=page_id)
    if not story.live:
        raise Http404("Only a published story can be sent.")
    return story


def story_form(request, page_id):
    """Send a story to a list: choose the list, see the e-mail and its readers, confirm."""
    _require(request, "add")
    story = _story(page_id)
    newsletters = Newsletter.objects.all()
    chosen = newsletters.filter(pk=request.GET.get("newsletter") or 0).first()
    context = {
        "story": story,
        "newsletters": newsletters,
        "chosen": chosen,
        "problems": [str(problem) for problem in publishing.check(story)],
    }
    if chosen is not None:
        subject, body_html, body_text = compose.story_body(story)
        draft = Send(newsletter=chosen, subject=subject, body_html=body_html, body_text=body_text)
        try:
            compose.check_ready(chosen)
        except compose.NotReady as error:
            context["not_ready"] = str(error)
        context.update(
            preview=compose.web_version(draft),
            active=sending.active_subscriptions(chosen).count(),
            earlier=Send.objects.filter(newsletter=chosen, article=story, kind=SendKind.STORY)
            .exclude(status=SendStatus.DRAFT)
            .order_by("-started_at"),
        )
    return render(request, "newsletters/admin/story.html", context)


@require_POST
def story_test(request, page_id):
    """The story's e-mail to the editor's own address, now."""
    _require(request, "add")
    story = _story(page_id)
    newsletter = get_object_or_404(Newsletter, pk=request.POST.get("newsletter") or 0)
    back = reverse("newsletter_sends:story", args=[story.pk]) + f"?newsletter={newsletter.pk}"
    if not request.user.email:
        messages.error(request, "Your account has no e-mail address to send the test to.")
        return redirect(back)
    subject, body_html, body_text = compose.story_body(story)
    draft = Send(newsletter=newsletter, subject=subject, body_html=body_html, body_text=body_text)
    sending.send_test_copy(draft, request.user.email)
    messages.success(request, f"A test copy went to {request.user.email}.")
    return redirect(back)


@require_POST
def story_send(request, page_id):
    _require(request, "add")
    story = _story(page_id)
    newsletter = get_object_or_404(Newsletter, pk=request.POST.get("newsletter") or 0)
    back = reverse("newsletter_sends:story", args=[story.pk]) + f"?newsletter={newsletter.pk}"
    problems = publishing.check(story)
    if problems:
        messages.error(request, "Fix the story before sending it: " + " ".join(map(str, problems)))
        return redirect(back)
    expected = request.POST.get("recipients", "")
    try:
        send = sending.send_story(
            story,
            newsletter,
            by=request.user,
            again=request.POST.get("again") == "1",
            expected=int(expected) if expected.isdigit() else -1,
        )
    except (sending.SendError, compose.NotReady) as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, f"Sending “{story.title}” to {send.recipients} subscribers.")
    return redirect("newsletter_sends:detail", send.pk)


def next_digest(request, newsletter_id):
    """The list's next digest as it stands: reorder, take out, put back, write a note."""
    _require(request, "add")
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    digest = digests.open_digest(newsletter)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "note":
            Digest.objects.filter(pk=digest.pk, status=DigestStatus.OPEN).update(
                note=request.POST.get("note", "")[:2000]
            )
            messages.success(request, "The note is saved.")
        elif action in ("top", "up", "remove", "restore"):
            story_id = request.POST.get("story", "")
            if not story_id.isdigit() or not digests.rearrange(digest, action, int(story_id)):
                messages.error(request, "That digest has gone out meanwhile; this is the next.")
        elif action == "send":
            try:
                status, items = digests.close(digest, by=request.user)
            except compose.NotReady as error:
                messages.error(request, str(error))
            else:
                word = "sent" if status == DigestStatus.SENT else "skipped (too few new stories)"
                messages.success(request, f"The digest was {word}.")
                digests.open_digest(newsletter)
        return redirect("newsletter_sends:digest", newsletter.pk)
    all_stories = digests.candidates(digest)
    return render(
        request,
        "newsletters/admin/digest.html",
        {
            "newsletter": newsletter,
            "digest": digest,
            "included": all_stories[: newsletter.digest_max],
            "over": all_stories[newsletter.digest_max :],
            "removed": digests.removed(digest),
            "enough": len(all_stories) >= max(newsletter.digest_min, 1),
        },
    )


def breaking(request, page_id):
    """The "Breaking" action: a banner on every page and, if chosen, a short alert e-mail."""
    if not request.user.has_perm("newsletters.send_breaking_alert"):
        raise PermissionDenied
    story = _story(page_id)
    newsletters = Newsletter.objects.all()
    if request.method == "POST":
        chosen = newsletters.filter(pk=request.POST.get("newsletter") or 0).first()
        hours = request.POST.get("hours", "")
        headline = request.POST.get("headline", "").strip()
        back = reverse("newsletter_sends:breaking", args=[story.pk])
        problems = publishing.check(story)
        if problems:
            messages.error(request, "Fix the story first: " + " ".join(map(str, problems)))
            return redirect(back)
        if not headline or hours not in alerts.DURATIONS:
            messages.error(request, "Give the alert a headline and choose how long it shows.")
            return redirect(back)
        expected = request.POST.get("recipients", "")
        if chosen is not None and expected != str(sending.active_subscriptions(chosen).count()):
            messages.error(request, f"{chosen.name} has a new number of readers: confirm again.")
            return redirect(back + f"?newsletter={chosen.pk}")
        try:
            alerts.start(
                story,
                headline=headline,
                line=request.POST.get("line", ""),
                newsletter=chosen,
                hours=int(hours),
                by=request.user,
            )
        except (compose.NotReady, alerts.AlreadySent) as error:
            messages.error(request, str(error))
            return redirect(back)
        messages.success(request, "The breaking-news banner is up on every page.")
        return redirect(back)
    chosen = newsletters.filter(pk=request.GET.get("newsletter") or 0).first()
    return render(
        request,
        "newsletters/admin/breaking.html",
        {
            "story": story,
            "newsletters": newsletters,
            "chosen": chosen,
            "active": sending.active_subscriptions(chosen).count() if chosen else 0,
            "durations": alerts.DURATIONS,
            "current": BreakingAlert.objects.filter(
                ended_at__isnull=True, expires_at__gt=timezone.now()
            ).first(),
        },
    )


@require_POST
def end_breaking(request, pk):
    if not request.user.has_perm("newsletters.send_breaking_alert"):
        raise PermissionDenied
    alert = get_object_or_404(BreakingAlert, pk=pk)
    if alerts.end(alert):
        messages.success(request, f"“{alert.headline}” is off every page.")
    return redirect("newsletter_sends:breaking", alert.article_id)


class ListReportView(SafeSpreadsheetExportMixin, SpreadsheetExportMixin, TemplateView):
    """A list's growth by week, sign-up sources and sends; each table also as CSV or XLSX."""

    template_name = "newsletters/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "view")
        self.newsletter = get_object_or_404(Newsletter, pk=kwargs["newsletter_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            name = request.GET.get("table", "")
            if name not in reports.TABLES:
                raise Http404("No such table.")
            _title, rows, headings = reports.TABLES[name]
            self.list_export = list(headings)
            self.export_headings = headings
            self.export_filename = f"{self.newsletter.slug}-{name}"
            return self.as_spreadsheet(rows(self.newsletter), request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        tables = [
            {"name": name, "title": title, "headings": headings, "rows": rows(self.newsletter)}
            for name, (title, rows, headings) in reports.TABLES.items()
        ]
        return {
            **super().get_context_data(**kwargs),
            "newsletter": self.newsletter,
            "tables": tables,
        }


class SendsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("newsletters.view_send")


class SendViewSet(ViewSet):
    name = "newsletter_sends"
    url_prefix = "newsletters/sends"
    icon = "mail"
    menu_label = "Sends"
    menu_item_class = SendsMenuItem

    def get_urlpatterns(self):
        return [
            path("", index, name="index"),
            path("prepare/", prepare, name="prepare"),
            path("<int:pk>/", detail, name="detail"),
            path("<int:pk>/start/", start, name="start"),
            path("<int:pk>/resend-uncertain/", resend_uncertain, name="resend_uncertain"),
            path("story/<int:page_id>/", story_form, name="story"),
            path("story/<int:page_id>/test/", story_test, name="story_test"),
            path("story/<int:page_id>/send/", story_send, name="story_send"),
            path("digest/<int:newsletter_id>/", next_digest, name="digest"),
            path("report/<int:newsletter_id>/", ListReportView.as_view(), name="report"),
            path("breaking/<int:page_id>/", breaking, name="breaking"),
            path("breaking/end/<int:pk>/", end_breaking, name="end_breaking"),
        ]
