"""
The crash test: a send to 10,000 readers, its worker killed (SIGKILL) while the mail
server is taking a message, a new worker started: every address has received the
message exactly once. Runs on SQLite and, in CI, on PostgreSQL (``database``).
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.db import connection
from django.test import override_settings

from newsdesk.newsletters import sending
from newsdesk.newsletters.models import (
    DeliveryState,
    Newsletter,
    NewsletterSettings,
    Send,
    SendStatus,
)
from newsdesk.testing import MailSink, site_home, subscribe_many

pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]

READERS = 10_000
KILL_AT = 3_000
DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "purge", "newsletters"],
    }
}


def _database_url():
    """The test database, as the worker process must reach it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}"
        f":{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def _worker(port, *extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test",
        "DATABASE_URL": _database_url(),
        "NEWSDESK_TASKS_WORKER": "true",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "NEWSDESK_MAIL_RATE": "0",
        "NEWSDESK_FROM_EMAIL": "briefing@gazette.example",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "mail_worker", "--no-startup-delay", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_a_worker_killed_mid_send_is_resumed_with_nothing_sent_twice_or_skipped(
    migrated_data, database_file
):
    home = site_home()
    settings = NewsletterSettings.for_site(home.get_site())
    settings.postal_address = "1 Press Lane, Springfield"
    settings.save()
    newsletter = Newsletter.objects.create(
        name="Daily briefing", slug="daily-briefing", sender_email="briefing@gazette.example"
    )
    subscribe_many(newsletter, READERS)
    send = Send.objects.create(
        newsletter=newsletter,
        subject="Morning news",
        body_html="<p>Today’s top stories.</p>",
        body_text="Today’s top stories.",
    )
    with override_settings(TASKS=DATABASE_TASKS):
        sending.start(send)
    connection.close()  # SQLite: let the worker have the file to itself

    with MailSink(pause_at=KILL_AT, pause_seconds=20) as sink:
        first = _worker(sink.port)
        try:
            assert sink.paused.wait(240), first.stdout.read1().decode(errors="replace")
            # The worker has sent message 3,000 and waits for the server's answer.
            os.killpg(first.pid, signal.SIGKILL)
        finally:
            first.wait(30)
        assert first.returncode == -signal.SIGKILL
        killed_at = len(sink.messages)

        second = _worker(sink.port, "--batch")
        output, _ = second.communicate(timeout=600)
        assert second.returncode == 0, output.decode(errors="replace")
        time.sleep(0.5)  # the sink's last answer
        received = Counter(to for recipients, _data in sink.messages for to in recipients)

    assert killed_at == KILL_AT
    assert len(received) == READERS, "every reader got the message"
    assert set(received.values()) == {1}, "nobody got it twice"
    assert sum(received.values()) == READERS

    send.refresh_from_db()
    tally = sending.tally(send)
    # The one the server was taking when the worker died: arrived, but nobody could know.
    assert tally["uncertain"] == 1
    assert tally["sent"] == READERS - 1
    assert tally["queued"] == tally["sending"] == tally["failed"] == tally["deferred"] == 0
    assert send.status == SendStatus.FINISHED
    uncertain = send.deliveries.get(state=DeliveryState.UNCERTAIN)
    assert received[uncertain.email] == 1
