"""
The reader's side of newsletters: the sign-up endpoint, the confirmation page, one-click
unsubscribe (RFC 8058) and the preferences page.

The sign-up form sits on cached pages, so it carries no CSRF token and sets no cookie:
the endpoint is exempt from CSRF and protected instead by the form's signed time token,
a honeypot field and rate limits (``core.antispam``). A forged sign-up can at most send
one confirmation e-mail, which confirms nothing by itself.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.core import antispam
from newsdesk.core.clients import client_ip

from . import compose, subscriptions
from .models import Newsletter, Send, SendStatus, Subscriber, Subscription, SubscriptionStatus
from .tokens import CONFIRM, CONFIRM_MAX_AGE, PREFERENCES, UNSUBSCRIBE, read, read_send

FORM_SALT = "newsdesk.newsletters.signup"


def signup_token(now=None):
    return antispam.time_token(now or timezone.now(), FORM_SALT)


def _page(request, template, status=200, **context):
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _invalid_link(request):
    return _page(
        request,
        "newsletters/invalid_link.html",
        status=400,
        newsletters=Newsletter.objects.filter(public=True),
        token=signup_token(),
    )


@csrf_exempt
@never_cache
@require_POST
def subscribe(request):
    newsletter = Newsletter.objects.filter(public=True, slug=request.POST.get("newsletter")).first()
    if newsletter is None:
        return _page(
            request,
            "newsletters/signed_up.html",
            status=400,
            problem=("That newsletter does not exist or is no longer offered."),
        )
    problem = _looks_automated(request)
    if problem is None:
        try:
            limits = settings.NEWSDESK_NEWSLETTER_RATE
            antispam.count_request(
                "signup:ip", client_ip(request), limits["per_ip"], limits["window"]
            )
            subscriptions.sign_up(
                newsletter,
                request.POST.get("email", ""),
                name=" ".join(request.POST.get("name", "").split()),
                source=request.POST.get("source", "")[:500],
                ip=client_ip(request),
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
        except antispam.TooMany as limit:
            problem = f"Too many sign-ups from here; please try again in {limit.minutes} minutes."
    return _page(
        request,
        "newsletters/signed_up.html",
        status=400 if problem else 200,
        newsletter=newsletter,
        problem=problem,
    )


def _looks_automated(request):
    if request.POST.get("website"):
        return "This form was filled in by a program; nothing was done."
    shown = antispam.read_time_token(request.POST.get("started", ""), FORM_SALT)
    if shown is None:
        return "This form has expired; please reload the page and sign up again."
    if antispam.sent_too_soon(shown[0], timezone.now(), settings.NEWSDESK_COMMENTS_MIN_SECONDS):
        return "That was quicker than a person types; please wait a moment and send it again."
    return None


def _subscription(pk):
    if pk is None:
        return None
    return Subscription.objects.select_related("newsletter", "subscriber").filter(pk=pk).first()


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = _subscription(read(token, CONFIRM, max_age=CONFIRM_MAX_AGE))
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return _page(request, "newsletters/confirmed.html", subscription=subscription)
    # Only the button confirms: mail scanners fetch links, they do not submit forms.
    return _page(request, "newsletters/confirm.html", subscription=subscription)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """
    One-click unsubscribe (RFC 8058): a POST leaves the list, with no login and no
    question; a GET shows a page with one button. Mail clients post without a CSRF
    token, so this view is exempt; the signed link is the authority.
    """
    subscription = _subscription(read(token, UNSUBSCRIBE))
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST":
        how = "one-click" if request.POST.get("List-Unsubscribe") == "One-Click" else "link"
        subscriptions.unsubscribe(subscription, how, send_id=read_send(token))
        return _page(request, "newsletters/unsubscribed.html", subscription=subscription)
    return _page(request, "newsletters/unsubscribe.html", subscription=subscription, token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = Subscriber.objects.filter(pk=read(token, PREFERENCES)).first()
    if subscriber is None:
        return _invalid_link(request)
    saved = False
    if request.method == "POST":
        if request.POST.get("leave_all"):
            subscriptions.leave_all(subscriber, "preferences")
        elif "pause" in request.POST:
            days = request.POST["pause"]
            subscriptions.pause(subscriber, int(days) if days in subscriptions.PAUSES else 0)
        else:
            subscriptions.choose(
                subscriber, set(request.POST.getlist("newsletter")), ip=client_ip(request)
            )
        saved = True
    active = set(
        subscriber.subscriptions.filter(status=SubscriptionStatus.ACTIVE).values_list(
            "newsletter__slug", flat=True
        )
    )
    return _page(
        request,
        "newsletters/preferences.html",
        subscriber=subscriber,
        newsletters=Newsletter.objects.filter(public=True),
        active=active,
        saved=saved,
        pauses=subscriptions.PAUSES,
    )


@never_cache
def index(request):
    """Every public list with its sign-up form: where the footer's link leads."""
    return _page(
        request,
        "newsletters/index.html",
        newsletters=Newsletter.objects.filter(public=True),
        signup_token=signup_token(),
    )


def web_version(request, key):
    """A sent message at its stable address ("view in browser"), without anyone's links."""
    send = (
        Send.objects.select_related("newsletter")
        .exclude(status=SendStatus.DRAFT)
        .filter(web_key=key)
        .first()
    )
    if send is None or not send.newsletter.public:
        raise Http404("No such newsletter")
    response = HttpResponse(compose.web_version(send))
    response["X-Robots-Tag"] = "noindex"
    return response
