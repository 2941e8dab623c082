"""
Sends in the admin: every send with its honest numbers (read from its deliveries, never
assumed), a page per send with its preview and its problems, and the two decisions an
editor makes: start a prepared send, and send the uncertain deliveries again.

Viewing needs ``newsletters.view_send``; preparing, starting and resending need
``newsletters.add_send`` (Editors have both; migration 0004).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import compose, sending
from .models import DeliveryState, Newsletter, Send, SendStatus

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
        ]
