"""
Run Wagtail's ``publish_scheduled`` and the newsletters' scheduled work (digests that are
due, retries) every INTERVAL seconds until stopped.

For one-machine installs: ``newsdesk demo`` starts it beside the web server. A production
site runs ``newsdesk publish_scheduled`` from a systemd timer or cron instead (see
docs/deployment.md), so a crashed loop can never leave embargoed stories unpublished.
"""

import logging
import os
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages every INTERVAL seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between runs (default 60)."
        )
        parser.add_argument(
            "--runs", type=int, default=0, help="Stop after this many runs (default: never)."
        )

    def handle(self, *args, interval, runs, **options):
        parent = os.getppid()
        done = 0
        while True:
            close_old_connections()
            try:
                # Wagtail's command prints only on dry runs; each page's history records
                # its scheduled publication or expiry.
                call_command("publish_scheduled")
                # Digests that are due, and newsletter retries that have come due.
                call_command("newsletter", "scheduled")
            except Exception:
                # A failed run (the database restarting, say) must not end the loop.
                logger.exception("Scheduled work failed; trying again next run")
            done += 1
            if runs and done >= runs:
                return
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline:
                # Started by `newsdesk demo`: stop when the server that started it has gone.
                if os.getppid() != parent:
                    return
                time.sleep(min(1.0, interval))
