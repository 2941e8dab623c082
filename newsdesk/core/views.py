from django.http import HttpResponseServerError
from django.template import Context, loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """
    The 500 page, rendered from a static template with no context processors, so it
    shows even when the database is what failed.
    """
    template = loader.get_template("500.html").template
    return HttpResponseServerError(template.render(Context()))
