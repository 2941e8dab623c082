from django.conf import settings
from wagtail.models import Site


def site(request):
    """The name of the Wagtail Site serving this request, as SITE_NAME."""
    current = Site.find_for_request(request)
    return {"SITE_NAME": (current and current.site_name) or settings.WAGTAIL_SITE_NAME}
