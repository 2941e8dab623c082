"""
``newsdesk forget_reader_ips``: clear readers' IP addresses (on comments, on newsletter
consents) older than ``NEWSDESK_READER_IP_DAYS``. The daily housekeeping timer runs it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.core import privacy


class Command(BaseCommand):
    help = "Forget readers' IP addresses older than NEWSDESK_READER_IP_DAYS."

    def handle(self, *args, **options):
        for name, count in privacy.forget_old_ips():
            if count or options["verbosity"] > 1:
                self.stdout.write(
                    f"{name}: forgot {count} IP address{'es' if count != 1 else ''} older "
                    f"than {settings.NEWSDESK_READER_IP_DAYS} days."
                )
