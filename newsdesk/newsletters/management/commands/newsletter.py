"""
``newsdesk newsletter``: lists, imports, exports and test sends, for operators.

    newsdesk newsletter lists
    newsdesk newsletter import LIST FILE.csv [--consented] [--ask]
    newsdesk newsletter export LIST [--output FILE.csv]
    newsdesk newsletter test-send LIST ADDRESS
    newsdesk newsletter send-digest LIST [--dry-run]
    newsdesk newsletter scheduled
    newsdesk newsletter resume
"""

import csv
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import timezone

from newsdesk.core.text import spreadsheet_cell
from newsdesk.newsletters import alerts, compose, digests, imports, sending, subscriptions
from newsdesk.newsletters.models import DigestStatus, Newsletter, SubscriptionStatus

# Bad rows listed in full up to this many; the rest are counted.
SHOWN_BAD_ROWS = 50


class Command(BaseCommand):
    help = "Newsletter lists: list them, import or export subscribers, send a test."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser("lists", help="Each list with its numbers of subscribers.")
        importing = actions.add_parser("import", help="Subscribers from a CSV export.")
        importing.add_argument("list", metavar="LIST", help="The list's slug or name.")
        importing.add_argument("file", metavar="FILE.csv")
        importing.add_argument(
            "--consented",
            action="store_true",
            help="The newsroom holds these readers' consent: import them as active.",
        )
        importing.add_argument(
            "--ask",
            action="store_true",
            help="E-mail a confirmation link to those imported waiting for confirmation.",
        )
        exporting = actions.add_parser("export", help="The list's subscribers as CSV.")
        exporting.add_argument("list", metavar="LIST")
        exporting.add_argument("--output", metavar="FILE.csv", help="Default: standard output.")
        testing = actions.add_parser("test-send", help="The list's latest message to one address.")
        testing.add_argument("list", metavar="LIST")
        testing.add_argument("address", metavar="ADDRESS")
        digest = actions.add_parser("send-digest", help="The list's next digest, now.")
        digest.add_argument("list", metavar="LIST")
        digest.add_argument(
            "--dry-run", action="store_true", help="Print what it would hold; send nothing."
        )
        actions.add_parser(
            "scheduled",
            help=(
                "Take down expired breaking-news banners, send the digests that are due, "
                "then resume unfinished sends (every minute)."
            ),
        )
        actions.add_parser("resume", help="Queue the rest of unfinished sends (the scheduler).")

    def handle(self, *args, action, **options):
        # "import" is a Python keyword; "test-send" is no name.
        run = {
            "import": self.import_,
            "test-send": self.test_send,
            "send-digest": self.send_digest,
        }.get(action)
        (run or getattr(self, action))(**options)

    def newsletter(self, name):
        found = Newsletter.objects.filter(Q(slug=name) | Q(name__iexact=name)).first()
        if found is None:
            known = ", ".join(Newsletter.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No list is called “{name}”. Lists: {known}.")
        return found

    def lists(self, **options):
        lists = Newsletter.objects.annotate(
            active=Count(
                "subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.ACTIVE)
            ),
            waiting=Count(
                "subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.PENDING)
            ),
            left=Count(
                "subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.UNSUBSCRIBED)
            ),
        )
        if not lists:
            self.stdout.write("No lists yet: add one in the admin under Newsletters.")
        for newsletter in lists:
            visibility = "public" if newsletter.public else "internal"
            self.stdout.write(
                f"{newsletter.slug}\t{newsletter.name} ({visibility}): {newsletter.active} "
                f"active, {newsletter.waiting} waiting for confirmation, {newsletter.left} left"
            )

    def import_(self, list, file, consented=False, ask=False, **options):  # noqa: A002
        newsletter = self.newsletter(list)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            format_name, rows = imports.read_rows(data)
        except imports.ImportFileError as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from None
        report = imports.import_rows(
            newsletter, format_name, rows, consented=consented, source=f"import of {path.name}"
        )
        if ask:
            for pk in report.pending_ids:
                subscriptions.send_confirmation.enqueue(pk)
        write = self.stdout.write
        write(f"{path.name}: read as {report.format}, {len(rows)} rows, onto “{newsletter.name}”.")
        write(f"  {report.added} new subscribers")
        write(f"  {report.confirmed} subscribed with consent")
        write(f"  {report.unsubscribed} imported as unsubscribed (their record kept)")
        if report.suppressed:
            write(f"  {report.suppressed} suppressed (bounced or cleaned where they came from)")
        if report.unchanged:
            write(f"  {report.unchanged} already on the list: left as they were")
        if report.pending:
            what = "asked to confirm by e-mail" if ask else "waiting for confirmation"
            write(
                f"  {report.pending} {what}"
                + (
                    ""
                    if ask
                    else " (the file records no consent: --consented if you hold it, "
                    "--ask to e-mail them a confirmation link)"
                )
            )
        if report.bad:
            write(f"  {len(report.bad)} rows not imported:")
            for line, address, why in report.bad[:SHOWN_BAD_ROWS]:
                write(f"    line {line}: {address or '(empty)'}: {why}")
            if len(report.bad) > SHOWN_BAD_ROWS:
                write(f"    … and {len(report.bad) - SHOWN_BAD_ROWS} more")

    def send_digest(self, list, dry_run=False, **options):  # noqa: A002
        newsletter = self.newsletter(list)
        digest = digests.open_digest(newsletter)
        if dry_run:
            stories = digests.stories(digest)
            enough = len(stories) >= max(newsletter.digest_min, 1)
            self.stdout.write(
                f"The next “{newsletter.name}” digest would hold {len(stories)} "
                f"stor{'y' if len(stories) == 1 else 'ies'} published since "
                f"{timezone.localtime(digest.since):%Y-%m-%d %H:%M}"
                + ("" if enough else f", fewer than {newsletter.digest_min}: it would be skipped")
                + ":"
            )
            if digest.note:
                self.stdout.write(f"  Note: {digest.note}")
            for number, story in enumerate(stories, 1):
                self.stdout.write(f"  {number}. {story.title}")
            return
        try:
            status, stories = digests.close(digest)
        except compose.NotReady as error:
            raise CommandError(str(error)) from None
        digests.open_digest(newsletter)
        if status == DigestStatus.SENT:
            self.stdout.write(
                f"Sent the “{newsletter.name}” digest with {len(stories)} stories to "
                f"{digest.newsletter.sends.latest('created_at').recipients} subscribers."
            )
        else:
            self.stdout.write(
                f"Skipped the “{newsletter.name}” digest: {len(stories)} new stories, "
                f"at least {max(newsletter.digest_min, 1)} wanted."
            )

    def scheduled(self, **options):
        if alerts.clear_expired():
            self.stdout.write("A breaking-news banner expired: every page was purged.")
        for newsletter, status, stories in digests.run_due():
            self.stdout.write(f"{newsletter.name} digest: {status} ({len(stories)} stories).")
        self.resume(**options)

    def resume(self, **options):
        count = sending.resume()
        if options["verbosity"] > 1 or count:
            self.stdout.write(f"Queued {count} unfinished send(s).")

    def test_send(self, list, address, **options):  # noqa: A002 - the argument's name
        newsletter = self.newsletter(list)
        try:
            recipient = subscriptions.checked_address(address)
            compose.check_ready(newsletter)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except compose.NotReady as error:
            raise CommandError(str(error)) from None
        subject = sending.test_send(newsletter, recipient)
        self.stdout.write(f"Sent “{subject}” to {recipient}.")

    def export(self, list, output=None, **options):  # noqa: A002
        rows = imports.export_rows(self.newsletter(list))
        stream = open(output, "w", newline="", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            writer = csv.writer(stream)
            for row in rows:
                writer.writerow([spreadsheet_cell(value) for value in row])
        finally:
            if output:
                stream.close()
        if output:
            self.stderr.write(f"Wrote {len(rows) - 1} subscriptions to {output}.")
