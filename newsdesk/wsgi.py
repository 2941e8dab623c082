"""WSGI entry point; production servers load ``newsdesk.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")

application = get_wsgi_application()
