import dataclasses

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError

from .publishing import PublishRefused


class PublishGateMiddleware:
    """
    Makes an admin action that the publish gate refuses leave nothing behind.

    Workflow approval and bulk publishing write (task states, revisions) before they
    publish, so each admin POST runs in one transaction; a :class:`PublishRefused` rolls
    it back and sends the editor to the page with the reasons. The edit view catches the
    same problems earlier, in its form, and shows them on the fields.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.path.startswith(reverse("wagtailadmin_home")):
            return self.get_response(request)
        with transaction.atomic():
            return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishRefused):
            return None
        transaction.set_rollback(True)
        messages.error(request, str(exception))
        return redirect("wagtailadmin_pages:edit", exception.page.pk)


class IncompleteFormMiddleware:
    """
    An admin form posted without a field its view needs (a page left open across an
    upgrade, a request made by hand) is answered 400 with a sentence, not a server
    error; whatever the request had written is rolled back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MultiValueDictKeyError):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if transaction.get_connection().in_atomic_block:
            transaction.set_rollback(True)
        field = str(exception.args[0]) if exception.args else "?"
        return HttpResponseBadRequest(
            f"This form arrived without the field “{field}” that it needs, so nothing was "
            "saved. Reload the page and try again.",
            content_type="text/plain; charset=utf-8",
        )


class SecurityHeadersMiddleware:
    """
    What Django's SecurityMiddleware does not cover: a Permissions-Policy header on every
    response (``NEWSDESK_PERMISSIONS_POLICY``), and TRACE (which echoes a request, cookies
    included) answered 405 whatever view the address leads to.
    """

    ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "NEWSDESK_PERMISSIONS_POLICY", "")

    def __call__(self, request):
        if request.method in ("TRACE", "TRACK"):
            response = HttpResponseNotAllowed(self.ALLOWED_METHODS)
        else:
            response = self.get_response(request)
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    django-csp's middleware with two policies: ``CONTENT_SECURITY_POLICY`` for reader
    pages (no inline script or style at all) and ``NEWSDESK_ADMIN_CSP`` for Wagtail's
    admin, which still writes a few inline scripts (inline panels, date pickers) and
    style attributes, so it allows those and nothing from other sites.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(reverse("wagtailadmin_home"))
        ):
            parts = dataclasses.replace(parts, config=settings.NEWSDESK_ADMIN_CSP)
        return parts
