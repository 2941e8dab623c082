"""
Old WordPress links of the form ``/?p=123`` and ``/?page_id=45``.

Wagtail's redirects act only on a 404, and ``/?p=123`` answers 200 with the home page, so
these links are looked up here, before any view, in the records of the WordPress import.
Only the addresses WordPress made them on are read (the site's root and ``/index.php``):
elsewhere ``p`` is a page number, as in the admin's listings.
"""

from django.http import HttpResponsePermanentRedirect

from .models import ImportRecord

PARAMETERS = {"p": "post", "page_id": "page"}
PATHS = {"/", "/index.php"}


class OldQueryLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path in PATHS and request.GET:
            target = self._target(request)
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)

    def _target(self, request):
        for parameter, kind in PARAMETERS.items():
            value = request.GET.get(parameter, "")
            if not value.isdigit():
                continue
            record = (
                ImportRecord.objects.filter(source="wordpress", kind=kind, source_id=value)
                .select_related("content_type")
                .first()
            )
            page = record.target if record else None
            if page is not None and getattr(page, "live", False):
                return page.url
        return None
