from django.core.management.base import BaseCommand, CommandError

from newsdesk.operations import backups


class Command(BaseCommand):
    help = "Write one archive with a consistent database snapshot, every media file and checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="Where to write it (default: the data folder's backups/)."
        )

    def handle(self, *args, archive=None, **options):
        archive = archive or backups.default_archive()
        total = sum(1 for _ in backups.media_files())
        try:
            manifest = backups.with_progress(
                options["verbosity"], total, lambda advance: backups.create(archive, advance)
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            self.stdout.write(
                f"Backup written to {archive} ({len(manifest['files']) - 1} media files)."
            )
