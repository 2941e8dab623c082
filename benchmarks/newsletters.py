"""
Send one list e-mail to 10,000 subscribers through a local SMTP server (aiosmtpd on a
loopback port, keeping what it receives) and report messages per second and the mail
worker's peak memory.

    .venv/bin/python benchmarks/newsletters.py [--readers N] [--rate R]

The newsroom is SQLite in var/bench-newsletters, made afresh each run. The send is
started in this process (framing, CSS inlining and the 10,000 delivery rows are timed
apart); the deliveries are made by ``newsdesk mail_worker --batch`` in its own process,
as in production, with the provider's rate limit off (``--rate 0``, the default here)
so the number is the engine's own speed, not a setting's.
"""

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench-newsletters"
sys.path.insert(0, str(ROOT))


def prepare(readers):
    from django.core.management import call_command
    from wagtail.models import Site

    from newsdesk.newsletters import sending
    from newsdesk.newsletters.models import Newsletter, NewsletterSettings, Send
    from newsdesk.testing import subscribe_many

    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    settings = NewsletterSettings.for_site(site)
    settings.postal_address = "The Gazette, 1 Press Lane, Springfield"
    settings.save()
    newsletter = Newsletter.objects.create(
        name="Daily briefing", slug="daily-briefing", sender_email="briefing@gazette.example"
    )
    subscribe_many(newsletter, readers)
    body = "".join(
        f"<h2>Story {n}</h2><p>The council met on Tuesday to weigh plan {n}; residents have "
        f"until May to respond. <a href='https://gazette.example/world/story-{n}/'>Read</a></p>"
        for n in range(8)
    )
    send = Send.objects.create(
        newsletter=newsletter, subject="Morning news", body_html=body, body_text="Eight stories."
    )
    began = time.perf_counter()
    sending.start(send)
    return send.pk, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=0, help="messages/s limit; 0: none")
    args = parser.parse_args()

    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.dev",
        NEWSDESK_DATA_DIR=str(DATA),
        DATABASE_URL=f"sqlite:///{DATA / 'newsdesk.sqlite3'}",
        NEWSDESK_TASKS_WORKER="true",
        NEWSDESK_MAIL_RATE=str(args.rate),
        NEWSDESK_FROM_EMAIL="briefing@gazette.example",
    )
    import django

    django.setup()
    from django.db import connection

    from newsdesk.testing import MailSink

    send_id, started = prepare(args.readers)
    connection.close()
    with MailSink() as sink:
        os.environ.update(EMAIL_URL=f"smtp://127.0.0.1:{sink.port}", NEWSDESK_MAIL_PROVIDER="smtp")
        began = time.perf_counter()
        # BENCH_PY_ARGS="-m cProfile -o worker.prof" profiles the worker.
        python = [sys.executable, *os.environ.get("BENCH_PY_ARGS", "").split()]
        worker = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
            [*python, "-m", "newsdesk.cli", "mail_worker", "--batch"],
            env=os.environ,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - began
        time.sleep(0.5)
        received = Counter(to for recipients, _data in sink.messages for to in recipients)

    if worker.returncode:
        sys.exit(f"The mail worker failed:\n{worker.stdout}{worker.stderr}")
    from newsdesk.newsletters import sending
    from newsdesk.newsletters.models import Send

    tally = sending.tally(Send.objects.get(pk=send_id))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    print(f"Recipients: {args.readers:,}; rate limit: {args.rate or 'none'}")
    print(f"Start (frame, inline, delivery rows): {started:.2f} s")
    print(
        f"Delivery by the mail worker: {elapsed:.1f} s, "
        f"{len(sink.messages) / elapsed:,.0f} messages/s"
    )
    print(f"Worker peak memory (RSS): {peak:.0f} MiB")
    print(
        f"Received: {len(sink.messages):,} messages to {len(received):,} addresses "
        f"(most to one address: {max(received.values(), default=0)}); "
        f"sent {tally['sent']:,}, failed {tally['failed']}, deferred {tally['deferred']}"
    )


if __name__ == "__main__":
    main()
