from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from newsdesk.core import backups


class Command(BaseCommand):
    help = "Restore a newsdesk backup into this empty instance (checksums are checked first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            with Progress(disable=options["verbosity"] == 0) as progress:
                bar = progress.add_task("Media files", total=None)
                manifest = backups.restore(archive, progress=lambda: progress.advance(bar))
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            count = len(manifest["files"]) - 1
            self.stdout.write(
                f"Restored the backup of {manifest['created']} ({count} media files)."
            )
