import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import Context, loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    """
    The 500 page, rendered from a static template with no context processors, so it
    shows even when the database is what failed. When the database cannot be reached,
    readers get a 503 page instead, with ``Retry-After`` for browsers and caches.
    """
    error = sys.exc_info()[1]
    # Connection failures (refused, lost, locked) are OperationalError or InterfaceError
    # on every backend Django supports.
    if isinstance(error, (OperationalError, InterfaceError)):
        template = loader.get_template("503.html").template
        response = HttpResponse(template.render(Context()), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html").template
    return HttpResponseServerError(template.render(Context()))


def csrf_failure(request, reason=""):
    """
    A form sent without its security token (an old page, or cookies blocked): say what to
    do in words a reader understands. Django's own page is written for developers.
    """
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
