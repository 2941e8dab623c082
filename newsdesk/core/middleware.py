from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse

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
